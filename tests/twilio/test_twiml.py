"""Golden tests: from a flow prompt to the exact TwiML Twilio receives."""
from __future__ import annotations

from ivr.flows.call import Prompt, State
from ivr.twilio import twiml
from tests.helpers import assert_valid_twiml

VOICE = "Polly.Laura-Neural"


def test_key_question():
    body = twiml.voice(Prompt(("Wat ziet u?", "Voor iets anders, druk 4."), State.WHAT, gather=True), VOICE)
    assert body == (
        '<?xml version="1.0" encoding="UTF-8"?><Response>'
        '<Gather action="/twilio/voice/step?state=what" finishOnKey="#" input="dtmf" '
        'method="POST" numDigits="1" timeout="10">'
        '<Say language="nl-NL" voice="Polly.Laura-Neural">Wat ziet u?</Say>'
        '<Say language="nl-NL" voice="Polly.Laura-Neural">Voor iets anders, druk 4.</Say>'
        "</Gather>"
        '<Redirect method="POST">/twilio/voice/step?state=what</Redirect>'
        "</Response>"
    )
    assert_valid_twiml(body, "voice.xsd")


def test_speech_question():
    body = twiml.voice(Prompt(("Waar is het?",), State.WHERE, gather=True, speech=True), VOICE)
    assert body == (
        '<?xml version="1.0" encoding="UTF-8"?><Response>'
        '<Gather action="/twilio/voice/step?state=where" finishOnKey="#" input="speech dtmf" '
        'language="nl-NL" method="POST" numDigits="1" speechTimeout="3" timeout="10">'
        '<Say language="nl-NL" voice="Polly.Laura-Neural">Waar is het?</Say>'
        "</Gather>"
        '<Redirect method="POST">/twilio/voice/step?state=where</Redirect>'
        "</Response>"
    )
    assert_valid_twiml(body, "voice.xsd")


def test_ending():
    body = twiml.voice(Prompt(("Tot ziens.",), State.GAVE_UP, gather=False), VOICE)
    assert body == (
        '<?xml version="1.0" encoding="UTF-8"?><Response>'
        '<Say language="nl-NL" voice="Polly.Laura-Neural">Tot ziens.</Say><Hangup /></Response>'
    )
    assert_valid_twiml(body, "voice.xsd")


def test_sms_reply_and_empty_reply():
    assert twiml.message("Hallo") == (
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hallo</Message></Response>'
    )
    assert twiml.message(None) == '<?xml version="1.0" encoding="UTF-8"?><Response />'
    assert_valid_twiml(twiml.message("Hallo"), "messaging.xsd")


def test_schemas_are_there(request):
    """Say so loudly when ../shared is missing: the validations above then check nothing."""
    from tests.helpers import shared_file

    shared_file("twilio", "twiml", "voice.xsd")
    shared_file("twilio", "twiml", "messaging.xsd")


def test_numbers_to_dial_are_ssml_telephone_numbers():
    body = twiml.voice(Prompt(("Hang op en bel 112. Geen spoed: bel 0900-8844.", "Molenstraat 1124."),
                              State.GAVE_UP, gather=False), VOICE)
    assert body == (
        '<?xml version="1.0" encoding="UTF-8"?><Response>'
        '<Say language="nl-NL" voice="Polly.Laura-Neural">Hang op en bel '
        '<say-as interpret-as="telephone">112</say-as>. Geen spoed: bel '
        '<say-as interpret-as="telephone">0900-8844</say-as>.</Say>'
        '<Say language="nl-NL" voice="Polly.Laura-Neural">Molenstraat 1124.</Say><Hangup /></Response>'
    )
    assert_valid_twiml(body, "voice.xsd")


def test_speech_ends_after_a_pause_that_suits_slow_speakers():
    assert isinstance(twiml.SPEECH_PAUSE, int) and 2 <= twiml.SPEECH_PAUSE <= 5
