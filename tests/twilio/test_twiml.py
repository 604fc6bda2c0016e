"""Golden tests: from a flow prompt to the exact TwiML Twilio receives."""
from __future__ import annotations

from ivr.flows.alert_call import Spoken
from ivr.flows.call import Aside, Prompt, State
from ivr.twilio import twiml
from tests.helpers import assert_valid_twiml

VOICE = twiml.Voices({"nl": "Polly.Laura-Neural", "en": "Polly.Amy-Neural", "tr": "Polly.Filiz"})


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


def test_an_english_speech_question_is_said_and_heard_in_english():
    body = twiml.voice(Prompt(("Where is it?",), State.WHERE, gather=True, speech=True, lang="en"), VOICE)
    assert body == (
        '<?xml version="1.0" encoding="UTF-8"?><Response>'
        '<Gather action="/twilio/voice/step?state=where" finishOnKey="#" input="speech dtmf" '
        'language="en-GB" method="POST" numDigits="1" speechTimeout="3" timeout="10">'
        '<Say language="en-GB" voice="Polly.Amy-Neural">Where is it?</Say>'
        "</Gather>"
        '<Redirect method="POST">/twilio/voice/step?state=where</Redirect>'
        "</Response>"
    )
    assert_valid_twiml(body, "voice.xsd")


def test_an_aside_is_said_in_its_own_language_and_voice():
    prompt = Prompt(("Wilt u meedoen? Druk 1.", Aside("For English, press 9.", "en")), State.JOIN_OFFER,
                    gather=True)
    body = twiml.voice(prompt, VOICE)
    assert (
        '<Say language="nl-NL" voice="Polly.Laura-Neural">Wilt u meedoen? Druk 1.</Say>'
        '<Say language="en-GB" voice="Polly.Amy-Neural">For English, press 9.</Say>'
    ) in body
    assert_valid_twiml(body, "voice.xsd")


def test_a_turkish_member_call_is_said_in_turkish():
    spoken = Spoken(("Hoşça kalın.",), ask=False, lang="tr")
    body = twiml.spoken(spoken.lines, spoken.ask, "/x", VOICE, spoken.lang)
    assert body == (
        '<?xml version="1.0" encoding="UTF-8"?><Response>'
        '<Say language="tr-TR" voice="Polly.Filiz">Hoşça kalın.</Say><Hangup /></Response>'
    )


def test_voices_come_from_the_settings_and_twilio_voice_stays_the_dutch_one():
    from ivr.config import from_environ

    default = from_environ("instance", {})
    assert twiml.Voices.from_config(default).say("en") == ("en-GB", "Polly.Amy-Neural")
    assert twiml.Voices.from_config(default).say("tr") == ("tr-TR", "Polly.Filiz")
    assert twiml.Voices.from_config(default).say("xx") == ("nl-NL", "Polly.Laura-Neural")
    old = from_environ("instance", {"TWILIO_VOICE": "Polly.Ruben"})
    assert old["TWILIO_VOICE_NL"] == old["TWILIO_VOICE"] == "Polly.Ruben"
    chosen = from_environ("instance", {"TWILIO_VOICE_NL": "Google.nl-NL-Standard-A",
                                       "TWILIO_VOICE_EN": "Polly.Brian", "TWILIO_VOICE_TR": "Google.tr-TR-Standard-B"})
    assert chosen["TWILIO_VOICE"] == "Google.nl-NL-Standard-A"
    assert twiml.Voices.from_config(chosen).say("tr") == ("tr-TR", "Google.tr-TR-Standard-B")
