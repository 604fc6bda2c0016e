"""The all-clear: AFGEROND by SMS, or key 1 after hearing the latest alert, closes an alert once
and tells everyone who got it; only its reporter or an admin of its group may."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr import db
from ivr.flows import gsm
from ivr.services import membership
from ivr.storage import groups
from ivr.storage.models import Alert, Delivery, DeliveryKind
from tests.helpers import ANNIE, FATIMA, HENK, Call, Outbound, alerts, said, sent, to

WIM = "+31205551234"  # Molenwijk's landline member
KARIN = "06-41234567"  # admin of Centrum


@pytest.fixture
def centrum(app, molenwijk):
    """A second group, with Karin as its admin."""
    with db.unit_of_work(app, dispatch=False) as session:
        group = groups.add_group(session, "Centrum")
        membership.add_member(session, group, KARIN, name="Karin", is_admin=True)
        return group.id


def _report(phone, who: str = HENK, text: str = "MELD verdachte man Dorpsstraat") -> None:
    phone(who).send(text)
    assert "Verstuurd" in phone(who).send("1")


def _all_clears(app) -> list[Delivery]:
    with db.unit_of_work(app, dispatch=False) as session:
        found = list(session.scalars(select(Delivery).where(Delivery.kind == DeliveryKind.ALL_CLEAR)))
        session.expunge_all()
    return found


def test_the_reporter_closes_their_alert_and_everyone_who_got_it_is_told(app, phone, molenwijk):
    _report(phone)
    sent(app)
    reply = phone(HENK).send("AFGEROND Politie is geweest, bel 06-98765432 voor info")
    assert reply == said("sms.close.done.other", count=3)  # Annie, Fatima, and Wim by phone
    [alert] = alerts(app)
    assert alert.closed_at is not None and alert.closed_by is not None
    [body] = [b for b in to(app, FATIMA) if "AFGEROND" in b]
    assert body.startswith("Buurtpreventie Molenwijk: melding van ")
    assert "(VERDACHT PERSOON, Dorpsstraat) is AFGEROND. Politie is geweest, bel (nummer) voor info." in body
    assert "98765432" not in body and gsm.is_gsm7(body) and gsm.segments(body) == 1
    assert not [b for b in to(app, HENK) if "AFGEROND" in b]  # the closer is not sent it
    assert sorted((d.to_phone, d.channel) for d in _all_clears(app)) == [
        (WIM, "voice"), ("+31612345678", "sms"), ("+31634567890", "sms")]


def test_an_admin_closes_it_and_the_reporter_is_told_too(app, phone, molenwijk):
    _report(phone)
    assert phone(ANNIE).send("opgelost") == said("sms.close.done.other", count=3)  # Henk, Fatima, Wim
    sent(app)
    assert [b for b in to(app, HENK) if "is AFGEROND" in b]
    assert not [b for b in to(app, ANNIE) if "is AFGEROND" in b]


def test_another_member_may_not_close_it(app, phone, molenwijk):
    _report(phone)
    assert phone(FATIMA).send("AFGEROND") == said("sms.close.not_allowed")
    assert alerts(app)[0].closed_at is None and _all_clears(app) == []


def test_another_groups_admin_may_not_close_it(app, phone, centrum):
    _report(phone)
    assert phone(KARIN).send("VOORBIJ") == said("sms.close.none")  # no alert of theirs at all
    assert alerts(app)[0].closed_at is None and _all_clears(app) == []


def test_twice_sent_and_said_twice_it_has_one_effect(app, phone, molenwijk):
    _report(phone)
    henk = phone(HENK)
    first = henk.send("AFGEROND", sid="SM" + "7" * 32)
    assert henk.send("AFGEROND", sid="SM" + "7" * 32) == first  # Twilio's retry: same answer
    assert henk.send("AFGEROND") == said("sms.close.already")  # a second SMS: nothing sent
    sent(app)
    assert len(_all_clears(app)) == 3
    assert len([b for b in to(app, FATIMA) if "AFGEROND" in b]) == 1


def test_nothing_to_close_after_twelve_hours(app, phone, molenwijk):
    _report(phone)
    with db.unit_of_work(app, dispatch=False) as session:
        for alert in session.scalars(select(Alert)):
            alert.created_at -= timedelta(hours=13)
    assert phone(HENK).send("AFGEROND") == said("sms.close.none")


def test_several_open_alerts_the_closer_chooses(app, phone, molenwijk):
    _report(phone, HENK, "MELD verdachte man Dorpsstraat")
    _report(phone, ANNIE, "MELD witte bus Kerkweg")
    reply = phone(ANNIE).send("AFGEROND weggereden")  # an admin: both are hers to close
    assert reply.startswith("Er zijn meer meldingen.") and "1 = Molenwijk" in reply and "2 = Molenwijk" in reply
    assert phone(ANNIE).send("9").startswith("Dat begrijp ik niet.")
    assert phone(ANNIE).send("2") == said("sms.close.done.other", count=3)
    first, second = alerts(app)
    assert first.closed_at is not None and second.closed_at is None  # the second listed: the older
    sent(app)
    [body] = [b for b in to(app, FATIMA) if "AFGEROND" in b]
    assert "Dorpsstraat) is AFGEROND. Weggereden." in body


def test_a_closed_alert_takes_no_112_and_status_says_it_is_closed(app, phone, molenwijk):
    phone(HENK).send("MELD verdachte man Dorpsstraat")
    phone(HENK).send("2")  # 112 not called
    phone(HENK).send("AFGEROND")
    assert phone(FATIMA).send("112") == said("sms.112.closed")
    assert alerts(app)[0].emergency_called == "no"
    assert "AFGEROND om " in phone(ANNIE).send("STATUS")


def test_a_landline_member_hears_the_all_clear_in_the_same_words(app, phone, twilio, molenwijk):
    _report(phone)
    phone(HENK).send("AFGEROND Politie is geweest")
    sent(app)
    [call] = [d for d in _all_clears(app) if d.channel == "voice"]
    assert call.sid
    heard = Outbound(twilio, call).answer()
    assert heard.hung_up and "is AFGEROND. Politie is geweest." in heard.text and "Molenwijk" in heard.text


def test_by_phone_the_reporter_hears_the_latest_alert_and_closes_it(app, phone, twilio, molenwijk):
    _report(phone)
    call = Call(twilio, HENK).start()
    call.press("4")
    assert call.state == "close_alert" and said("voice.close_ask") in call.text
    call.press("1")
    assert call.hung_up and "3 buren horen dat het voorbij is" in call.text
    assert alerts(app)[0].closed_at is not None
    sent(app)
    assert [b for b in to(app, FATIMA) if "is AFGEROND" in b]


def test_by_phone_key_2_goes_back_and_others_are_not_offered_it(app, phone, twilio, molenwijk):
    _report(phone)
    fatima = Call(twilio, FATIMA).start()
    fatima.press("4")
    assert fatima.state == "alarmeer" and said("voice.close_ask") not in fatima.text
    annie = Call(twilio, ANNIE).start()  # an admin
    annie.press("4")
    assert annie.state == "close_alert"
    annie.press("2")
    assert annie.state == "alarmeer" and alerts(app)[0].closed_at is None
