"""The flows' prompts out as TwiML (Twilio's forms are read in forms.py)."""
from __future__ import annotations

import re
from collections.abc import Mapping

from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from ivr.flows.alert_call import Play
from ivr.flows.call import Aside, Prompt
from ivr.twilio import routes

# The line's languages as Twilio names them, for <Say> and for speech recognition.
LANGUAGES = {"nl": "nl-NL", "en": "en-GB", "tr": "tr-TR"}
# Seconds of quiet that end a spoken answer. "auto" ends it at the first short pause, and
# elderly callers pause mid-sentence ("een man... met een... rode jas"); 3 s lets them
# finish and still answers promptly.
SPEECH_PAUSE = 3
# The numbers the line tells callers to dial, spoken digit by digit ("één één twee").
_TELEPHONE = re.compile(r"(?<![\d-])(112|0900-\d{4})(?![\d-])")


class Voices:
    """The <Say> voice of each language (TWILIO_VOICE_NL, _EN, _TR); Dutch for any other."""

    def __init__(self, names: Mapping[str, str]):
        self.names = dict(names)

    @classmethod
    def from_config(cls, config: Mapping) -> Voices:
        return cls({lang: config[f"TWILIO_VOICE_{lang.upper()}"] for lang in LANGUAGES})

    def say(self, lang: str) -> tuple[str, str]:
        """(the Say language, the voice) for `lang`."""
        lang = lang if lang in LANGUAGES and lang in self.names else "nl"
        return LANGUAGES[lang], self.names[lang]


def voice(prompt: Prompt, voices: Voices) -> str:
    """Render a flow prompt: a Gather that asks, or Say and Hangup at the end of the call."""
    response = VoiceResponse()
    if not prompt.gather:
        _say_all(response, prompt.lines, voices, prompt.lang)
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
    if prompt.speech:  # heard in the caller's language, as they are spoken to
        heard_in, _ = voices.say(prompt.lang)
        options.update(input="speech dtmf", language=heard_in, speech_timeout=SPEECH_PAUSE, num_digits=1)
    else:
        options.update(input="dtmf", num_digits=prompt.digits)
    gather = response.gather(**options)
    _say_all(gather, prompt.lines, voices, prompt.lang)
    # Reached only when the caller gave no input before the timeout.
    response.redirect(routes.step(prompt.state), method="POST")
    return str(response)


def spoken(lines, ask: bool, action: str, voices: Voices, lang: str = "nl") -> str:
    """Say `lines` in `lang` (a Play plays a recording); then wait for one key at `action`, or hang up."""
    response = VoiceResponse()
    if not ask:
        _say_all(response, lines, voices, lang)
        response.hangup()
        return str(response)
    gather = response.gather(
        action=action, method="POST", input="dtmf", num_digits=1, timeout=10, finish_on_key="#"
    )
    _say_all(gather, lines, voices, lang)
    response.redirect(action, method="POST")
    return str(response)


def _say_all(parent, lines, voices: Voices, lang: str) -> None:
    for line in lines:
        if isinstance(line, Play):
            parent.play(line.url)
        elif isinstance(line, Aside):  # a line in another language, in that language's voice
            _say(parent, line.text, *voices.say(line.lang))
        else:
            _say(parent, line, *voices.say(lang))


def _say(parent, line: str, language: str, voice_name: str) -> None:
    """One Say; the numbers to dial inside it as SSML telephone numbers."""
    parts = _TELEPHONE.split(line)
    if len(parts) == 1:
        parent.say(line, language=language, voice=voice_name)
        return
    say = parent.say(language=language, voice=voice_name)
    for i, part in enumerate(parts):
        if i % 2:
            say.say_as(part, interpret_as="telephone")
        elif part:
            say.nest(part)


def hangup_with(lines: list[str], voices: Voices, lang: str = "nl") -> str:
    """Say `lines` and end the call (for refusals and errors)."""
    response = VoiceResponse()
    _say_all(response, lines, voices, lang)
    response.hangup()
    return str(response)


def message(text: str | None) -> str:
    """Render an SMS reply (or an empty response that sends nothing)."""
    response = MessagingResponse()
    if text:
        response.message(text)
    return str(response)
