"""Admins by SMS as volunteers live it: typos caught, their own number guarded, roles told."""
from __future__ import annotations

import pytest
from sqlalchemy import select, update

from ivr import db
from ivr.flows import gsm
from ivr.flows.catalogue import t
from ivr.services import membership
from ivr.storage.models import AuditEntry, Group, Member
from tests.helpers import ANNIE, FATIMA, HENK, NEW, member, said, to


@pytest.fixture
def second_admin(app, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Member).where(Member.phone == FATIMA).values(is_admin=True))


def audit_actions(app) -> list[str]:
    with db.unit_of_work(app, dispatch=False) as session:
        return [a.action for a in session.scalars(select(AuditEntry))]


@pytest.mark.parametrize("typo, meant", [
    ("LIDD 06-55555555 Kees", "LID 06-55555555 Kees"),
    ("VERWIJDEREN 06-34567890", "VERWIJDER 06-34567890"),
    ("BEHEERDERAF 06-34567890", "BEHEERDER AF 06-34567890"),
    ("Ledne", "LEDEN"),
])
def test_an_admins_typo_is_named_and_nothing_done(app, phone, molenwijk, typo, meant):
    before = audit_actions(app)
    reply = phone(ANNIE).send(typo)
    assert reply == said("sms.did_you_mean", keyword=meant)
    assert reply.startswith(f"Bedoelt u {meant}?")
    assert audit_actions(app) == before and member(app, NEW) is None
    assert member(app, FATIMA).status == "active"


def test_a_members_typo_of_an_admin_keyword_gets_the_members_reply(phone, molenwijk):
    assert phone(HENK).send("LIDD 06-55555555") == said("sms.how_to_report")
    assert phone(HENK).send("MELDT man bij de kerk").startswith("Bedoelt u MELD man bij de kerk?")


def test_everyday_text_from_an_admin_is_no_typo(phone, molenwijk):
    assert phone(ANNIE).send("Lief dat je het vraagt") == said("sms.how_to_report")


def test_an_admin_removing_their_own_number_is_asked_to_confirm(app, phone, molenwijk, second_admin):
    annie = phone(ANNIE)
    reply = annie.send("VERWIJDER 06-12345678")
    assert reply == said("sms.remove_self", group="Molenwijk", number="0612345678")
    assert "VERWIJDER MIJ" in reply and member(app, ANNIE).status == "active"
    assert said("sms.removed", who="Annie", group="Molenwijk") == annie.send("VERWIJDER 06-12345678 JA")
    assert member(app, ANNIE).status == "inactive"


def test_a_new_admin_is_welcomed_and_a_demoted_one_told(app, phone, molenwijk):
    assert phone(ANNIE).send("BEHEERDER 06-23456789") == said("sms.made_admin", who="Henk", group="Molenwijk")
    [welcome] = to(app, HENK)  # the welcome, not also the line to the other admins
    assert welcome == said("sms.admin_welcome", group="Molenwijk", actor="Annie")
    assert "LID" in welcome and "VERWIJDER" in welcome and gsm.segments(welcome) <= 2
    assert phone(ANNIE).send("BEHEERDER 06-23456789") == said("sms.already_admin", who="Henk", group="Molenwijk")
    assert phone(ANNIE).send("BEHEERDER AF 06-23456789") == said("sms.admin_removed", who="Henk", group="Molenwijk")
    assert to(app, HENK)[-1] == said("sms.admin_demoted", group="Molenwijk", actor="Annie")


def test_replies_name_people_by_name(app, phone, molenwijk):
    reply = phone(ANNIE).send("VERWIJDER 06-34567890")
    assert reply == "Fatima is uit Molenwijk gehaald."


def test_the_invitation_names_the_admin_and_explains_saar_plainly(app, phone, molenwijk):
    phone(ANNIE).send("LID 06-55555555 Kees")
    [invitation] = to(app, NEW)
    assert invitation.startswith("Annie nodigt u uit voor buurtpreventie Molenwijk.")
    assert "Pas na uw JA krijgt u meldingen" in invitation and "Antwoord JA om mee te doen" in invitation
    assert "App" not in invitation and "Bel eerst 112" in invitation and "veilig" in invitation
    assert gsm.segments(invitation) <= 2


def test_an_invitation_never_needs_a_third_sms():
    group = Group(name="x" * 40)
    long_named = Member(name="Annemarie Wilhelmina van den Berg-de Groot", phone=ANNIE)
    for inviter in (long_named, None):
        text = membership.invitation_text(group, inviter)
        assert gsm.segments(text) <= 2 and group.name in text


def test_an_operator_invitation_names_the_group():
    text = membership.invitation_text(Group(name="Molenwijk"), None)
    assert text.startswith("Buurtpreventie Molenwijk nodigt u uit.")


@pytest.mark.parametrize("answer", ["ja", "Ja hoor", "jaa", "oké", "ok", "JA!"])
def test_everyday_yeses_accept_an_invitation(app, phone, molenwijk, answer):
    phone(ANNIE).send("LID 06-55555555 Kees")
    assert phone(NEW).send(answer) == t("sms.joined", group="Molenwijk")
    assert member(app, NEW).status == "active"
