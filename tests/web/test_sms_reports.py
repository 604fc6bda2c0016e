"""SMS reports that help the reader: a place in every alert, the right group, the right alert,
a reminder for an open 112 question and a word when it lapses."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr import db, jobs
from ivr.services import membership
from ivr.storage import groups
from ivr.storage.models import Delivery, DeliveryKind, SmsConversation
from tests.helpers import ANNIE, FATIMA, HENK, Outbound, alerts, said, sent, to

WIM = "+31205551234"  # Molenwijk's landline member


@pytest.fixture
def centrum(app, molenwijk):
    """A second group that Henk is in too, with Karin as its admin."""
    with db.unit_of_work(app, dispatch=False) as session:
        group = groups.add_group(session, "Centrum")
        membership.add_member(session, group, "06-41234567", name="Karin", is_admin=True)
        membership.add_member(session, group, HENK, name="Henk")
        return group.id


def test_a_report_without_a_place_asks_where(app, phone, molenwijk):
    henk = phone(HENK)
    assert henk.send("MELD verdachte man met een koevoet") == said("sms.ask_where")
    assert henk.send("LEDEN") == said("sms.ask_where")  # no answer: asked again, nothing done
    assert henk.send("bij de speeltuin achter de school") == said("sms.ask_112")
    assert "Verstuurd" in henk.send("1")
    [alert] = alerts(app)
    assert alert.location == "bij de speeltuin achter de school"
    [body] = to(app, FATIMA)
    assert body.startswith("Buurtpreventie Molenwijk ") and ": VERDACHT PERSOON, bij de speeltuin achter de school." in body


def test_the_place_in_a_report_goes_into_the_alerts_head(app, phone, molenwijk):
    henk = phone(HENK)
    assert henk.send("MELD man met breekijzer bij Kerkweg 12") == said("sms.ask_112")
    henk.send("1")
    [alert] = alerts(app)
    assert alert.location == "Kerkweg 12" and alert.category == "burglary"
    [body] = to(app, FATIMA)
    assert ": INBRAAK (POGING), Kerkweg 12. 112 IS GEBELD." in body


def test_a_member_of_two_groups_chooses_the_group_of_a_report(app, phone, centrum):
    henk = phone(HENK)
    asked = henk.send("MELD witte bus rijdt rondjes Dorpsstraat")
    assert asked == said("sms.ask_group", options="1 = Molenwijk, 2 = Centrum")
    assert henk.send("7") == said("sms.ask_group_again", options="1 = Molenwijk, 2 = Centrum")
    assert henk.send("2") == said("sms.ask_112")
    henk.send("1")
    [alert] = alerts(app)
    assert alert.group_id == centrum and alert.location == "Dorpsstraat"
    assert to(app, "+31641234567") and not to(app, FATIMA)  # Centrum's Karin, not Molenwijk


def test_112_asks_which_alert_when_several_are_open(app, phone, centrum):
    phone(ANNIE).send("MELD inbraak Wiekweg 3")
    phone(ANNIE).send("2")
    phone("06-41234567").send("MELD man bij Kerkplein")
    phone("06-41234567").send("2")
    sent(app)
    reply = phone(HENK).send("112")
    assert reply.startswith("Er zijn meer meldingen.") and "1 = Centrum" in reply and "2 = Molenwijk" in reply
    assert "112 IS NU GEBELD" not in " ".join(to(app, ANNIE))
    assert phone(HENK).send("2") == said("sms.112.thanks")
    molenwijk_alert, centrum_alert = alerts(app)
    assert molenwijk_alert.emergency_called == "yes" and centrum_alert.emergency_called == "no"
    # One left open: the next 112 needs no question.
    assert phone(FATIMA).send("112") == said("sms.112.already")  # Fatima is only in Molenwijk


def test_the_112_notice_names_the_group_and_calls_landlines(app, phone, twilio, molenwijk):
    phone(HENK).send("MELD inbraak Wiekweg 3")
    phone(HENK).send("2")
    sent(app)
    assert phone(FATIMA).send("112") == said("sms.112.thanks")
    sent(app)
    with db.unit_of_work(app, dispatch=False) as session:
        notices = list(session.scalars(select(Delivery).where(Delivery.kind == DeliveryKind.NOTICE)))
        session.expunge_all()
    assert sorted((d.to_phone, d.channel) for d in notices) == [
        (WIM, "voice"), ("+31612345678", "sms"), ("+31623456789", "sms")]
    call = next(d for d in notices if d.channel == "voice")
    assert call.sid  # the call was placed
    heard = Outbound(twilio, call).answer()
    assert heard.hung_up and "112 nu gebeld" in heard.text and "Molenwijk" in heard.text
    [body] = [b for b in to(app, ANNIE) if "112 IS NU GEBELD" in b]
    assert body.startswith("Buurtpreventie Molenwijk: 112 IS NU GEBELD")


def _age_conversations(app, minutes: float) -> None:
    with db.unit_of_work(app, dispatch=False) as session:
        for conversation in session.scalars(select(SmsConversation)):
            conversation.created_at -= timedelta(minutes=minutes)
            conversation.expires_at -= timedelta(minutes=minutes)


def test_an_open_112_question_is_reminded_once_then_lapses_with_a_word(app, phone, molenwijk):
    henk = phone(HENK)
    henk.send("MELD verdachte man Molenstraat")
    assert jobs.remind_reporters(app) == (0, 0)  # asked just now
    _age_conversations(app, 5)
    assert jobs.remind_reporters(app) == (1, 0)
    assert jobs.remind_reporters(app) == (0, 0)  # once
    assert to(app, HENK) == [said("sms.ask_112_reminder")]
    _age_conversations(app, 6)
    assert jobs.remind_reporters(app) == (0, 1)
    assert jobs.remind_reporters(app) == (0, 0)
    assert to(app, HENK) == [said("sms.ask_112_reminder"), said("sms.lapsed_notice")]
    assert "NIET verstuurd" in said("sms.lapsed_notice")
    assert said("sms.expired") == henk.send("1")  # a late answer: told once, nothing sent
    assert alerts(app) == []


def test_the_reminder_is_answered_like_the_question(app, phone, molenwijk):
    henk = phone(HENK)
    henk.send("MELD verdachte man Molenstraat")
    _age_conversations(app, 5)
    jobs.remind_reporters(app)
    assert "Verstuurd" in henk.send("3")
    [alert] = alerts(app)
    assert alert.emergency_called == "not_urgent"
    _age_conversations(app, 10)
    assert jobs.remind_reporters(app) == (0, 0)  # answered: no lapse notice


def test_a_report_sent_is_never_reminded(app, phone, molenwijk):
    henk = phone(HENK)
    henk.send("MELD verdachte man Molenstraat")
    henk.send("1")
    _age_conversations(app, 11)
    assert jobs.remind_reporters(app) == (0, 0)
    assert [b for b in to(app, HENK)] == []
