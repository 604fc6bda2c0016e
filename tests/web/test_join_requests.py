"""Residents in no group ask to join one, by phone or SMS, through their postcode; only that
group's admins hear of it, with the exact LID command, and the limits hold."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr import db, jobs
from ivr.flows import gsm
from ivr.services import membership
from ivr.storage import groups
from ivr.storage.models import Group, JoinLimit, JoinRequest, utcnow
from ivr.flows.postcodes import parse_all
from tests.helpers import ANNIE, HENK, Call, said, sent, to

JAN = "06-87654321"
JAN_E164 = "+31687654321"
KARIN = "+31641234567"  # Centrum's admin


@pytest.fixture
def areas(app, molenwijk):
    """Molenwijk covers 3511AB and 3512; Centrum covers 3512 too; nobody covers 9999."""
    with db.unit_of_work(app, dispatch=False) as session:
        groups.set_area(session, session.get(Group, molenwijk), parse_all(["3511AB", "3512"]))
        centrum = groups.add_group(session, "Centrum", parse_all(["3512"]))
        membership.add_member(session, centrum, KARIN, name="Karin", is_admin=True)
        return molenwijk, centrum.id


def _requests(app) -> list[JoinRequest]:
    with db.unit_of_work(app, dispatch=False) as session:
        found = list(session.scalars(select(JoinRequest).order_by(JoinRequest.id)))
        session.expunge_all()
    return found


def _join_texts(app, admin: str) -> list[str]:
    return [b for b in to(app, admin) if "wil meedoen" in b]


def test_by_phone_one_group_covers_the_postcode(app, twilio, areas):
    call = Call(twilio, JAN).start()
    call.press("1")
    assert call.state == "join_postcode" and said("voice.join_postcode") in call.text
    assert call.gather.get("numDigits") == "4"
    call.press("3511")  # a PC4 finds the group whose area holds a PC6 inside it
    assert call.state == "join_name" and said("voice.join_name") in call.text
    call.say("Jan Jansen, Dorpsstraat 4")
    assert call.hung_up and said("voice.join.sent", group="Molenwijk") in call.text
    [text] = _join_texts(app, ANNIE)
    assert text == "Buurtlijn Molenwijk: Jan Jansen (Dorpsstraat 4, 0687654321) wil meedoen. Uitnodigen? Stuur: LID 0687654321 Jan Jansen"
    assert gsm.is_gsm7(text) and gsm.segments(text) <= 2
    assert _join_texts(app, KARIN) == [] and to(app, JAN_E164) == []  # nobody but that group's admins


def test_by_phone_several_groups_the_caller_chooses(app, twilio, areas):
    call = Call(twilio, JAN).start().press("1").press("3512")
    assert call.state == "join_choose"
    assert said("voice.group_option", group="Centrum", key=1) in call.text
    assert said("voice.group_option", group="Molenwijk", key=2) in call.text
    call.press("1").say("Piet Peters uit de Kerkweg")
    assert call.hung_up and said("voice.join.sent", group="Centrum") in call.text
    [text] = _join_texts(app, KARIN)
    assert "Piet Peters (Kerkweg, 0687654321)" in text and text.endswith("LID 0687654321 Piet Peters")
    assert _join_texts(app, ANNIE) == []


def test_by_phone_no_group_covers_the_postcode(app, twilio, areas):
    call = Call(twilio, JAN).start().press("1").press("12")
    assert call.state == "join_postcode"  # not four digits: asked again
    call.press("9999")
    assert call.hung_up and said("voice.join_none") in call.text and "gemeente" in call.text
    assert _requests(app) == [] and sent(app) == []


def test_by_sms_with_one_and_with_several_groups(app, phone, areas):
    assert phone(JAN).send("MEEDOEN 3511AB Jan Jansen, Dorpsstraat 4") == said("sms.join.sent", group="Molenwijk")
    assert [t for t in _join_texts(app, ANNIE) if "LID 0687654321 Jan Jansen" in t]
    other = "06-11223344"
    listed = phone(other).send("meedoen 3512")
    assert listed == said("sms.join.choose", postcode="3512", options="1 = Centrum, 2 = Molenwijk")
    assert phone(other).send("MEEDOEN 3512 1 Piet, Kerkweg 1") == said("sms.join.sent", group="Centrum")
    assert [t for t in _join_texts(app, KARIN) if "LID 0611223344 Piet" in t]
    assert phone("06-55667788").send("MEEDOEN 9999 Els") == said("sms.join.none", postcode="9999")
    assert phone("06-55667788").send("MEEDOEN") == said("sms.join.how")


def test_a_member_of_that_group_is_told_so_and_nothing_reaches_the_admins(app, phone, areas):
    assert phone(HENK).send("MEEDOEN 3511AB") == said("sms.join.member", group="Molenwijk")
    assert _requests(app) == [] and _join_texts(app, ANNIE) == []


def test_one_request_per_number_a_week_across_groups(app, phone, areas):
    phone(JAN).send("MEEDOEN 3511AB Jan")
    assert phone(JAN).send("MEEDOEN 3512 1 Jan") == said("sms.join.again")
    assert len(_requests(app)) == 1 and _join_texts(app, KARIN) == []


def test_a_group_takes_at_most_so_many_requests_a_day(areas_factory):
    app, phone = areas_factory(JOIN_REQUESTS_PER_GROUP_PER_DAY=2)
    for n in range(2):
        assert phone(f"06-1000000{n}").send("MEEDOEN 3511AB Buur") == said("sms.join.sent", group="Molenwijk")
    assert phone("06-10000009").send("MEEDOEN 3511AB Buur") == said("sms.join.full", group="Molenwijk")
    assert len(_join_texts(app, ANNIE)) == 2


@pytest.fixture
def areas_factory(make_app):
    """An app with its own settings, the areas of `areas`, and a phone to text it."""
    from tests.helpers import Phone, Twilio

    def build(**settings):
        app = make_app(**settings)
        with db.unit_of_work(app, dispatch=False) as session:
            group = groups.add_group(session, "Molenwijk", parse_all(["3511AB"]))
            membership.add_member(session, group, ANNIE, name="Annie", is_admin=True)
        twilio = Twilio(app.test_client())
        return app, lambda number: Phone(twilio, number)

    return build


def test_a_number_that_said_no_is_not_passed_on_but_hears_the_same(app, phone, areas):
    molenwijk, _ = areas
    phone("06-20000001").send("STOP")
    assert phone("06-20000001").send("MEEDOEN 3511AB Stopper") == said("sms.join.sent", group="Molenwijk")
    with db.unit_of_work(app, dispatch=False) as session:
        removed = membership.add_member(session, session.get(Group, molenwijk), "06-20000002")
        membership.remove(session, session.get(Group, molenwijk), None, removed)
    assert phone("06-20000002").send("MEEDOEN 3511AB Weg") == said("sms.join.sent", group="Molenwijk")
    assert _join_texts(app, ANNIE) == []
    assert [r.passed_on for r in _requests(app)] == [False, False]


def test_the_admins_text_fits_two_segments_whatever_was_said(app, phone, areas):
    long = "Johanna Wilhelmina Cornelia van der Zwaluwenburg-Oosterbeek, " + "Burgemeester van Walsumweg " * 4
    phone(JAN).send(f"MEEDOEN 3511AB {long}")
    [text] = _join_texts(app, ANNIE)
    assert gsm.segments(text) <= 2 and "0687654321" in text and "LID 0687654321 Johanna" in text


def test_what_a_resident_said_is_purged_with_the_retention(app, phone, areas):
    phone(JAN).send("MEEDOEN 3511AB Jan Jansen, Dorpsstraat 4")
    with db.unit_of_work(app, dispatch=False) as session:
        for request in session.scalars(select(JoinRequest)):
            request.created_at = utcnow() - timedelta(days=app.config["RETENTION_DAYS"] + 1)
        for limit in session.scalars(select(JoinLimit)):
            limit.last_at = utcnow() - timedelta(days=app.config["RETENTION_DAYS"] + 1)
    jobs.run_purge(app)
    assert _requests(app) == []
    with db.unit_of_work(app, dispatch=False) as session:
        assert session.scalars(select(JoinLimit)).all() == []  # the number is gone too
