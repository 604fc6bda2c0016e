"""The real twilio client, pointed at a local fake through TWILIO_API_URL; and the outbox."""
from __future__ import annotations

from sqlalchemy import select

from ivr import db
from ivr.sending import senders
from ivr.storage import alerts
from ivr.storage.models import Delivery, OutboxMessage


def send_alert(app, group_id: int) -> list[Delivery]:
    with db.unit_of_work(app) as session:
        report = alerts.Report(group_id, None, "voice", "vehicle", "Molenstraat", "Witte bus", "no")
        alert, _ = alerts.create_alert(session, report)
    app.extensions["dispatcher"].alert_created(alert.id)
    assert app.extensions["dispatcher"].wait_idle(timeout=30)
    with db.unit_of_work(app) as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.to_phone)))


def test_sender_is_chosen_by_credentials(make_app, twilio_app):
    assert isinstance(senders.for_app(make_app()), senders.OutboxSender)
    assert isinstance(senders.for_app(twilio_app), senders.TwilioSender)


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


def test_without_credentials_messages_go_to_the_outbox(app, molenwijk):
    rows = send_alert(app, molenwijk)
    with db.unit_of_work(app) as session:
        kept = list(session.scalars(select(OutboxMessage)))
    assert len(kept) == 4 and {m.sid for m in kept} == {r.sid for r in rows}  # 3 SMS, 1 call
    assert all(m.from_phone == "+3197010000000" for m in kept)


def test_running_again_sends_nothing_twice(app, molenwijk):
    send_alert(app, molenwijk)
    assert app.extensions["broadcast"].run().sent == 0  # every row is sent: nothing to claim
    with db.unit_of_work(app) as session:
        assert len(list(session.scalars(select(OutboxMessage)))) == 4


def test_sweep_resumes_deliveries_left_queued(app, molenwijk):
    with db.unit_of_work(app) as session:
        report = alerts.Report(molenwijk, None, "voice", "other", "Wiekweg", "", "yes")
        alerts.create_alert(session, report)  # committed, but no process started sending
    app.extensions["dispatcher"].sweep()
    app.extensions["dispatcher"].wait_idle(timeout=30)
    with db.unit_of_work(app) as session:
        states = {d.state for d in session.scalars(select(Delivery))}
        alert_status = session.scalar(select(alerts.Alert.status))
    assert states == {"sent"} and alert_status == "sent"
