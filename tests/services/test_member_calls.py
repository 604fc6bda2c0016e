"""Voice alerts for members on a landline: the outbound call, its keys, retries, pace, invites."""
from __future__ import annotations

from ivr.flows.catalogue import t

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr import db
from ivr.services import membership, reporting
from ivr.storage import alerts, groups
from ivr.storage.models import Delivery, Member, utcnow
from tests.helpers import ACCOUNT, WIM, Call, Outbound, add_members, said, voice_delivery


def state(app, delivery_id: int) -> Delivery:
    with db.unit_of_work(app, dispatch=False) as session:
        return session.get(Delivery, delivery_id)


def alert_for_wim(app, molenwijk, emergency_called="yes") -> Delivery:
    with db.unit_of_work(app, dispatch=False) as session:
        report = alerts.Report(molenwijk, None, "voice", "burglary", "Molenstraat 4", "Twee mannen met een breekijzer", emergency_called)
        reporting.store(session, report, "Europe/Amsterdam")
    app.dispatcher.drain(timeout=30)
    delivery = voice_delivery(app)
    assert delivery.to_phone == WIM and delivery.state == "sent" and delivery.sid.startswith("CA")
    return delivery


def test_the_call_announces_the_alert_and_asks_for_a_key(app, twilio, molenwijk):
    delivery = alert_for_wim(app, molenwijk)
    call = Outbound(twilio, delivery).answer()
    assert "buurtpreventie-alarm van Molenwijk" in call.text
    assert "Inbraak of poging tot inbraak" in call.text and "Molenstraat 4" in call.text
    assert "112 is gebeld." in call.text and "breekijzer" in call.text
    assert "Druk dan 1" in call.text and "druk 2" in call.text
    gather = call.doc.find("Gather")
    assert gather.get("input") == "dtmf" and gather.get("numDigits") == "1"
    assert state(app, delivery.id).state == "delivered"


def test_key_1_confirms(app, twilio, molenwijk):
    delivery = alert_for_wim(app, molenwijk)
    call = Outbound(twilio, delivery).answer().press("1")
    assert call.hung_up and "Dank u" in call.text and "veilig" in call.text
    assert state(app, delivery.id).state == "confirmed"


def test_key_2_repeats(app, twilio, molenwijk):
    delivery = alert_for_wim(app, molenwijk)
    call = Outbound(twilio, delivery).answer().press("2")
    assert not call.hung_up and "Molenstraat 4" in call.text
    assert call.press("2").press("1").hung_up
    assert state(app, delivery.id).state == "confirmed"


def test_no_key_repeats_once_then_ends(app, twilio, molenwijk):
    delivery = alert_for_wim(app, molenwijk)
    call = Outbound(twilio, delivery).answer().silence()
    assert not call.hung_up and "Molenstraat 4" in call.text
    call.silence()
    assert call.hung_up and "Tot ziens" in call.text
    assert state(app, delivery.id).state == "delivered"  # heard, not confirmed


@pytest.mark.parametrize("answered_by", ["machine_start", "machine_end_beep", "fax"])
def test_an_answering_machine_gets_a_short_message(app, twilio, molenwijk, answered_by):
    delivery = alert_for_wim(app, molenwijk)
    call = Outbound(twilio, delivery).answer(answered_by)
    assert call.hung_up and said("voice.alert.machine", group="Molenwijk") in call.text and "Molenstraat" not in call.text
    assert state(app, delivery.id).state == "machine"


def test_a_call_for_another_sid_is_refused_kindly(app, twilio, molenwijk):
    delivery = alert_for_wim(app, molenwijk)
    delivery.sid = "CA" + "f" * 32
    call = Outbound(twilio, delivery).answer()
    assert call.hung_up and state(app, delivery.id).state == "sent"


def test_busy_and_no_answer_are_retried_three_times_two_minutes_apart(app, twilio, molenwijk):
    delivery = alert_for_wim(app, molenwijk)
    for attempt, status in enumerate(["busy", "no-answer", "busy"], start=1):
        before = utcnow()
        response = twilio.post("/twilio/status", {"CallSid": state(app, delivery.id).sid, "CallStatus": status})
        assert response.status_code == 204
        row = state(app, delivery.id)
        assert row.state == "queued" and row.sid is None
        spacing = (row.next_attempt_at - before).total_seconds()
        assert 119 <= spacing <= 121, spacing
        assert app.broadcast.run().next_due is not None  # not due yet: not called
        assert state(app, delivery.id).state == "queued"
        with db.unit_of_work(app, dispatch=False) as session:
            session.get(Delivery, delivery.id).next_attempt_at = utcnow() - timedelta(seconds=1)
        app.broadcast.run()
        row = state(app, delivery.id)
        assert (row.state, row.attempts) == ("sent", attempt + 1)
    twilio.post("/twilio/status", {"CallSid": state(app, delivery.id).sid, "CallStatus": "no-answer"})
    row = state(app, delivery.id)
    assert (row.state, row.attempts, row.error_message) == ("failed", 4, "call no-answer")


def test_completed_after_an_answer_changes_nothing(app, twilio, molenwijk):
    delivery = alert_for_wim(app, molenwijk)
    Outbound(twilio, delivery).answer().press("1")
    twilio.post("/twilio/status", {"CallSid": delivery.sid, "CallStatus": "completed"})
    assert state(app, delivery.id).state == "confirmed"


def test_landlines_are_called_automatically(app, runner, molenwijk):
    assert "alerts by voice" in runner.invoke(args=["member", "add", "Molenwijk", "030-1234567"]).output
    assert "alerts by sms" in runner.invoke(args=["member", "add", "Molenwijk", "06-41234567"]).output
    assert "alerts by voice" in runner.invoke(args=["member", "add", "Molenwijk", "06-51234567", "--voice"]).output
    with db.unit_of_work(app, dispatch=False) as session:
        report = alerts.Report(molenwijk, None, "voice", "other", "X", "", "yes")
        alert, _ = reporting.store(session, report, "Europe/Amsterdam")
        channels = dict(session.execute(select(Delivery.to_phone, Delivery.channel).where(Delivery.alert_id == alert.id)).all())
    assert channels[WIM] == "voice" and channels["+31301234567"] == "voice"
    assert channels["+31651234567"] == "voice" and channels["+31641234567"] == "sms"


def test_invitation_by_phone(app, twilio, molenwijk):
    from tests.helpers import Phone

    reply = Phone(twilio, "+31612345678").send("LID 030-1234567 Oma Jansen")
    assert "wordt gebeld" in reply
    app.dispatcher.drain(timeout=30)
    invite = voice_delivery(app)
    assert invite.kind == "voice_invitation" and invite.to_phone == "+31301234567"
    call = Outbound(twilio, invite, "/twilio/voice/invite").answer()
    assert "uitgenodigd voor de buurtpreventie van Molenwijk" in call.text and "18 jaar" in call.text
    call.press("1")
    assert call.hung_up and "Welkom" in call.text
    with db.unit_of_work(app, dispatch=False) as session:
        oma = session.scalar(select(Member).where(Member.phone == "+31301234567"))
        assert (oma.status, oma.channel, oma.name) == ("active", "voice", "Oma Jansen")
        assert oma.consent_at is not None


def test_mobile_member_invited_for_voice_with_spraak(app, twilio, molenwijk):
    from tests.helpers import Phone

    assert "wordt gebeld" in Phone(twilio, "+31612345678").send("LID 0641234567 Kees SPRAAK")
    app.dispatcher.drain(timeout=30)
    invite = voice_delivery(app)
    call = Outbound(twilio, invite, "/twilio/voice/invite").answer().press("2")
    assert call.hung_up and "niet mee" in call.text
    with db.unit_of_work(app, dispatch=False) as session:
        kees = session.scalar(select(Member).where(Member.phone == "+31641234567"))
        assert (kees.status, kees.channel, kees.name) == ("inactive", "voice", "Kees")


def test_menu_option_4_plays_the_latest_alert(app, twilio, molenwijk):
    call = Call(twilio, "06-23456789").start()
    assert t("voice.alarmeer_latest") in call.text
    assert "nog geen melding" in call.press("4").text and call.state == "alarmeer"
    alert_for_wim(app, molenwijk, emergency_called="no")
    call = Call(twilio, "06-23456789").start().press("4")
    assert said("voice.latest_intro") in call.text and "Molenstraat 4" in call.text
    assert "112 is niet gebeld." in call.text and call.state == "alarmeer"
    assert call.press("1").state == "what"


def test_calls_are_paced_beside_the_sms(make_app, fake, group):
    app = make_app(TWILIO_ACCOUNT_SID=ACCOUNT, TWILIO_API_URL=fake.url,
                   PUBLIC_URL="https://lijn.example.nl", CALLS_PER_SECOND=5)
    add_members(app, group, 30)
    with db.unit_of_work(app, dispatch=False) as session:
        for n in range(6):
            membership.add_member(session, session.get(groups.Group, group), f"030-12345{n:02d}")
        alert, _ = reporting.store(session, alerts.Report(group, None, "voice", "other", "X", "", "yes"), "Europe/Amsterdam")
    app.broadcast.run(alert.id)
    calls = sorted(c["at"] for c in fake.calls)
    assert len(calls) == 6 and len(fake.messages) == 31
    # 5 calls per second: six calls span a second (the fake's clock jitters a little per call).
    assert calls[-1] - calls[0] >= 0.9, calls
    # That the SMS are not held back by the calls' pace is a speed claim: bench/broadcast.py
    # --mixed measures it side by side (README, "Voice alerts").
