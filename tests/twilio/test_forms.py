"""Twilio's webhook forms read into the line's own inputs."""
from __future__ import annotations

import pytest

from ivr.storage.models import DeliveryState
from ivr.twilio import forms


def test_call_input():
    assert forms.call_input({"Digits": " 1 "}).digits == "1"
    assert forms.call_input({"SpeechResult": "bij de kerk"}).speech == "bij de kerk"
    assert forms.call_input({}).empty


@pytest.mark.parametrize("answered_by, machine", [
    ("human", False), ("unknown", False), (None, False), ("machine_start", True),
    ("machine_end_beep", True), ("fax", True),
])
def test_who_answered(answered_by, machine):
    form = {"CallSid": "CA1", "From": "+31612345678"}
    if answered_by:
        form["AnsweredBy"] = answered_by
    assert forms.call_request(form) == forms.CallRequest("CA1", "+31612345678", machine)


def test_an_sms_and_its_photos():
    sms = forms.sms({"MessageSid": "SM1", "From": "+31612345678", "Body": "MELD x", "NumMedia": "2"})
    assert (sms.sid, sms.sender, sms.body, sms.media) == ("SM1", "+31612345678", "MELD x", 2)
    assert forms.sms({"MessageSid": "SM2", "NumMedia": "veel"}).media == 0


@pytest.mark.parametrize("form, reason", [
    ({}, "CallSid"), ({"CallSid": "  "}, "CallSid"),
])
def test_a_call_without_its_sid_is_a_bad_form(form, reason):
    with pytest.raises(forms.BadForm, match=reason):
        forms.call_request(form)


def test_statuses_in_the_lines_own_words():
    report = forms.status({"MessageSid": "SM1", "MessageStatus": "undelivered", "ErrorCode": "30003"})
    assert report == forms.MessageReport("SM1", DeliveryState.UNDELIVERED, 30003)
    assert forms.status({"MessageSid": "SM1", "MessageStatus": "queued"}).state is None
    busy = forms.status({"CallSid": "CA1", "CallStatus": "busy"})
    assert busy == forms.CallEnded("CA1", "busy", True)
    assert forms.status({"CallSid": "CA1", "CallStatus": "completed"}).unanswered is False
    with pytest.raises(forms.BadForm):
        forms.status({"MessageSid": "SM1"})


def test_a_recording():
    ready = forms.recording({"RecordingSid": "RE1", "CallSid": "CA1", "RecordingUrl": "https://x"})
    assert ready == forms.RecordingReady("RE1", "CA1", "https://x", True)
    assert not forms.recording({"RecordingSid": "RE1", "CallSid": "CA1", "RecordingStatus": "absent"}).completed


@pytest.mark.parametrize("raw, expected", [("0.42", 0.42), ("", None), ("nan", None), ("7", None), ("hoog", None)])
def test_speech_confidence_is_read_or_left_out(raw, expected):
    from ivr.twilio import forms

    inp = forms.call_input({"SpeechResult": "Kerkstraat", "Confidence": raw})
    assert inp.confidence == expected
