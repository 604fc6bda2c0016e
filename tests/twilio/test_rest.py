"""The real twilio client, pointed at a local fake through TWILIO_API_URL."""
from __future__ import annotations

from ivr.sending.outbox_sender import OutboxSender
from ivr.twilio.rest import TwilioSender
from tests.helpers import send_alert


def test_sender_is_chosen_by_credentials(make_app, twilio_app):
    assert isinstance(make_app().broadcast.sender, OutboxSender)
    assert isinstance(twilio_app.broadcast.sender, TwilioSender)


def test_alert_goes_through_the_twilio_rest_client_to_api_url(twilio_app, fake, molenwijk):
    rows = send_alert(twilio_app, molenwijk)
    # Annie, Henk and Fatima have mobiles (no reporter here); Wim's landline gets no SMS.
    assert sorted(m["To"] for m in fake.messages) == ["+31612345678", "+31623456789", "+31634567890"]
    for message in fake.messages:
        assert message["From"] == "+3197010000000"
        assert message["StatusCallback"] == "https://lijn.example.nl/twilio/status"
        assert "112 IS NIET GEBELD" in message["Body"]
    sms = [r for r in rows if r.channel == "sms"]
    assert [r.state for r in sms] == ["sent"] * 3
    assert {r.sid for r in sms} == {m["sid"] for m in fake.messages}
    assert all(r.attempts == 1 and r.sent_at is not None for r in sms)
    # Wim's landline is called through the Calls API, its TwiML at an absolute URL.
    [call] = fake.calls
    [voice] = [r for r in rows if r.channel == "voice"]
    assert (call["To"], call["From"], voice.sid) == ("+31205551234", "+3197010000000", call["sid"])
    assert call["Url"] == f"https://lijn.example.nl/twilio/voice/alert?delivery={voice.id}"
    assert call["MachineDetection"] == "Enable"
    assert call["StatusCallback"] == "https://lijn.example.nl/twilio/status"


def test_twilio_error_marks_the_delivery_failed_with_its_code(twilio_app, fake, molenwijk):
    fake.fail("+31623456789", 400, 21211)
    rows = {r.to_phone: r for r in send_alert(twilio_app, molenwijk)}
    failed = rows["+31623456789"]
    assert (failed.state, failed.error_code, failed.sid) == ("failed", 21211, None)
    assert rows["+31634567890"].state == "sent"
