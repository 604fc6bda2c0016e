"""The flows' prompts out as TwiML (Twilio's forms are read in forms.py)."""
from __future__ import annotations

import re

from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from ivr.flows.alert_call import Play
from ivr.flows.call import Prompt
from ivr.twilio import routes

LANGUAGE = "nl-NL"
# Seconds of quiet that end a spoken answer. "auto" ends it at the first short pause, and
# elderly callers pause mid-sentence ("een man... met een... rode jas"); 3 s lets them
# finish and still answers promptly.
SPEECH_PAUSE = 3
# The numbers the line tells callers to dial, spoken digit by digit ("één één twee").
_TELEPHONE = re.compile(r"(?<![\d-])(112|0900-\d{4})(?![\d-])")


def voice(prompt: Prompt, voice_name: str) -> str:
    """Render a flow prompt: a Gather that asks, or Say and Hangup at the end of the call."""
    response = VoiceResponse()
    if not prompt.gather:
        for line in prompt.lines:
            _say(response, line, voice_name)
        response.hangup()
        return str(response)
    if prompt.record:
        # The caller's own words, for members on a landline; the inbound track only.
        response.start().recording(
            name="description",
            track="inbound",
            trim="trim-silence",
            recording_status_callback=routes.RECORDING,
            recording_status_callback_event="completed",
        )
    options = {
        "action": routes.step(prompt.state),
        "method": "POST",
        "timeout": prompt.timeout,
        "finish_on_key": "#",
    }
    if prompt.speech:
        options.update(input="speech dtmf", language=LANGUAGE, speech_timeout=SPEECH_PAUSE, num_digits=1)
    else:
        options.update(input="dtmf", num_digits=prompt.digits)
    gather = response.gather(**options)
    for line in prompt.lines:
        _say(gather, line, voice_name)
    # Reached only when the caller gave no input before the timeout.
    response.redirect(routes.step(prompt.state), method="POST")
    return str(response)


def spoken(lines, ask: bool, action: str, voice_name: str) -> str:
    """Say `lines` (a Play plays a recording); then wait for one key at `action`, or hang up."""
    response = VoiceResponse()
    if not ask:
        _say_all(response, lines, voice_name)
        response.hangup()
        return str(response)
    gather = response.gather(
        action=action, method="POST", input="dtmf", num_digits=1, timeout=10, finish_on_key="#"
    )
    _say_all(gather, lines, voice_name)
    response.redirect(action, method="POST")
    return str(response)


def _say_all(parent, lines, voice_name: str) -> None:
    for line in lines:
        if isinstance(line, Play):
            parent.play(line.url)
        else:
            _say(parent, line, voice_name)


def _say(parent, line: str, voice_name: str) -> None:
    """One Say; the numbers to dial inside it as SSML telephone numbers."""
    parts = _TELEPHONE.split(line)
    if len(parts) == 1:
        parent.say(line, language=LANGUAGE, voice=voice_name)
        return
    say = parent.say(language=LANGUAGE, voice=voice_name)
    for i, part in enumerate(parts):
        if i % 2:
            say.say_as(part, interpret_as="telephone")
        elif part:
            say.nest(part)


def hangup_with(lines: list[str], voice_name: str) -> str:
    """Say `lines` and end the call (for refusals and errors)."""
    response = VoiceResponse()
    for line in lines:
        _say(response, line, voice_name)
    response.hangup()
    return str(response)


def message(text: str | None) -> str:
    """Render an SMS reply (or an empty response that sends nothing)."""
    response = MessagingResponse()
    if text:
        response.message(text)
    return str(response)
