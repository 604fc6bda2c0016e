"""The SMS channel over signed HTTP: reports, 112 replies, admin keywords, consent, opt-out."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from ivr import db
from ivr.storage.models import (
    Alert,
    AuditEntry,
    Delivery,
    Member,
    SignRequest,
    SmsConversation,
    utcnow,
)
from tests.helpers import (
    ANNIE,
    FATIMA,
    HENK,
    NEW,
    Phone,
    add_members,
    alerts,
    member,
    said,
    sent,
    to,
)


# --- reporting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer, value, phrase",
    [("1", "yes", "112 IS GEBELD"), ("ja", "yes", "112 IS GEBELD"), ("2", "no", "112 IS NIET GEBELD"),
     ("NEE.", "no", "112 IS NIET GEBELD"), ("3", "not_urgent", "GEEN SPOED"), ("geen spoed", "not_urgent", "GEEN SPOED")],
)
def test_report_by_sms(app, phone, molenwijk, answer, value, phrase):
    henk = phone(HENK)
    assert henk.send("MELD twee mannen bij een wit busje, Molenstraat") == (
        "Heeft u 112 gebeld? Antwoord 1 (ja), 2 (nee) of 3 (geen spoed)."
    )
    reply = henk.send(answer)
    assert "verstuurd naar 3 buren" in reply.lower()  # two SMS and a call to Wim's landline
    if value == "no":
        assert reply.startswith("Bel nu 112!") and "112 IS NIET GEBELD" in reply
    [alert] = alerts(app)
    assert (alert.channel, alert.emergency_called, alert.category) == ("sms", value, "vehicle")
    for number in (ANNIE, FATIMA):
        [body] = to(app, number)
        assert phrase + "." in body and "Twee mannen bij een wit busje, Molenstraat" in body
    assert to(app, HENK) == []


def test_alarm_alias_and_spacing(app, phone, molenwijk):
    assert said("sms.ask_112") in phone(HENK).send("  alarm   inbraak bij nummer 4 ")
    phone(HENK).send("1")
    assert alerts(app)[0].category == "burglary"


def test_unclear_answer_is_asked_again(app, phone, molenwijk):
    henk = phone(HENK)
    henk.send("MELD verdachte man Molenstraat")
    assert said("sms.ask_112_again") in henk.send("misschien")
    assert alerts(app) == []
    assert "Verstuurd" in henk.send("1")


def test_report_expires_after_ten_minutes_with_nothing_sent(app, phone, molenwijk):
    henk = phone(HENK)
    henk.send("MELD verdachte man Molenstraat")
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(SmsConversation).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert "verlopen" in henk.send("1")
    assert alerts(app) == [] and sent(app) == []


def test_meld_without_text_asks_what_and_where(phone, molenwijk):
    assert said("sms.meld_empty") in phone(HENK).send("MELD")


def test_free_text_is_not_relayed(app, phone, molenwijk):
    reply = phone(HENK).send("Heeft iemand mijn kat gezien?")
    assert reply == said("sms.how_to_report")
    assert sent(app) == []


def test_photo_is_never_forwarded(app, phone, molenwijk):
    reply = phone(HENK).send("kijk deze man", NumMedia="1", MediaUrl0="https://api.twilio.com/x.jpg")
    assert reply == said("sms.photo")
    assert sent(app) == [] and alerts(app) == []


def test_duplicate_message_sid_has_one_effect(app, phone, molenwijk):
    henk = phone(HENK)
    henk.send("MELD man bij de auto Molenstraat", sid="SMdup1")
    first = henk.send("1", sid="SMdup2")
    again = henk.send("1", sid="SMdup2")
    assert first == again and "Verstuurd" in first
    assert len(alerts(app)) == 1 and len(sent(app)) == 2


def test_offensive_report_is_not_sent(app, phone, molenwijk):
    assert "niet verstuurd" in phone(HENK).send("MELD die kankerlijer staat weer bij de auto")
    assert alerts(app) == []


def test_everyday_alert_words_pass(app, phone, molenwijk):
    phone(HENK).send("MELD dief met hond probeert een fiets te pikken bij de speeltuin, rent naar het gat in de heg")
    assert "Verstuurd" in phone(HENK).send("1")


# --- 112 replies --------------------------------------------------------------------------


def test_112_reply_first_and_second(app, phone, molenwijk):
    phone(HENK).send("MELD inbraak Wiekweg 3")
    phone(HENK).send("2")
    sent(app)
    assert said("sms.112.thanks") in phone(FATIMA).send("112")
    [alert] = alerts(app)
    assert alert.emergency_called == "yes" and alert.emergency_called_at is not None
    assert alert.emergency_called_by == member(app, FATIMA).id
    assert "112 was al gebeld" in phone(ANNIE).send("112 gebeld")
    notices = [m for m in sent(app) if "112 IS NU GEBELD" in m.body]
    # The reporter and everyone who got the alert, not Fatima herself; Wim's landline is called.
    assert sorted(m.to_phone for m in notices) == [ANNIE, HENK]
    assert notices[0].body.startswith("Buurtpreventie Molenwijk: 112 IS NU GEBELD")
    assert "U hoeft niet meer te bellen." in notices[0].body


def test_112_reply_after_two_hours_finds_nothing(app, phone, molenwijk):
    phone(HENK).send("MELD inbraak Molenstraat")
    phone(HENK).send("2")
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Alert).values(created_at=utcnow() - timedelta(hours=2, minutes=1)))
    assert "geen melding" in phone(FATIMA).send("112")


# --- opt-out ------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["STOP", "stoppen", "Afmelden.", "UNSUBSCRIBE"])
def test_stop_inside_an_open_conversation(app, phone, molenwijk, word):
    henk = phone(HENK)
    henk.send("MELD verdachte man Molenstraat")
    assert "START" in henk.send(word)
    assert member(app, HENK).status == "opted_out"
    assert "1 (ja)" not in henk.send("1")  # the conversation is gone
    phone(FATIMA).send("MELD inbraak Molenstraat")
    phone(FATIMA).send("1")
    assert to(app, HENK) == [] and alerts(app)[0].reporter_id == member(app, FATIMA).id


def test_start_opts_back_in(app, phone, molenwijk):
    phone(HENK).send("STOP")
    assert said("sms.opted_in", group="Molenwijk") == phone(HENK).send("aanmelden")
    assert member(app, HENK).status == "active"


# --- admin keywords -----------------------------------------------------------------------


def audit(app) -> list[tuple[str, str | None]]:
    with db.unit_of_work(app, dispatch=False) as session:
        return [(a.action, a.target_phone) for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


@pytest.fixture
def second_admin(app, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Member).where(Member.phone == FATIMA).values(is_admin=True))


def test_invite_and_ja(app, phone, molenwijk, second_admin):
    reply = phone(ANNIE).send("LID 06-55555555 Kees de Boer")
    assert "Kees de Boer is uitgenodigd" in reply
    [invitation] = to(app, NEW)
    assert "Molenwijk" in invitation and "Antwoord JA om mee te doen" in invitation
    assert "18+" in invitation and "schelden" in invitation and "foto" in invitation
    assert member(app, NEW).status == "invited"
    assert [b for b in to(app, FATIMA) if "nodigde uit" in b]  # the other admin is told
    assert "Welkom bij buurtpreventie Molenwijk" in phone(NEW).send("ja")
    joined = member(app, NEW)
    assert joined.status == "active" and joined.consent_at is not None
    assert ("invited", NEW) in audit(app) and ("joined", NEW) in audit(app)


def test_invite_and_nee(app, phone, molenwijk):
    phone(ANNIE).send("ADD 0655555555")
    assert "niet mee" in phone(NEW).send("Nee")
    assert member(app, NEW).status == "inactive"


def test_unanswered_invitation_lapses_after_seven_days(app, phone, molenwijk):
    phone(ANNIE).send("LID 0655555555")
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Member).where(Member.phone == NEW).values(invited_at=utcnow() - timedelta(days=7, minutes=1)))
    assert "geen uitnodiging" in phone(NEW).send("JA")
    assert member(app, NEW).status == "invited"  # never became a member


def test_invite_refusals(app, phone, molenwijk, db_session):
    annie = phone(ANNIE)
    assert "al lid" in annie.send("LID 06 23 45 67 89")
    annie.send("LID 0655555555")
    assert "al uitgenodigd" in annie.send("lid +31655555555")
    assert "Voorbeeld: LID 0612345678" in annie.send("LID 12345")
    from ivr.services import membership
    from ivr.storage import groups

    other = groups.add_group(db_session, "Centrum")
    membership.add_member(db_session, other, "06-41234567")
    db_session.commit()
    # A member of another group gets an invitation like anyone: no reply tells an admin that
    # a number is known to the line (tests/web/test_safety.py), and JA adds the second group.
    assert annie.send("LID 0641234567") == annie.send("LID 0642222222").replace("42222222", "41234567")
    assert "Welkom bij buurtpreventie Molenwijk" in phone("+31641234567").send("JA")
    assert member(app, "+31641234567", molenwijk).status == "active"
    assert member(app, "+31641234567", other.id).status == "active"


def test_remove(app, phone, molenwijk, second_admin):
    assert "uit Molenwijk gehaald" in phone(ANNIE).send("VERWIJDER 06-23456789")
    assert member(app, HENK).status == "inactive"
    assert any("uit buurtpreventie Molenwijk gehaald" in b for b in to(app, HENK))
    assert any("haalde uit de groep" in b for b in to(app, FATIMA))
    assert "geen lid" in phone(ANNIE).send("REMOVE 0687654321")


def test_the_last_admin_stays(app, phone, molenwijk):
    assert "minstens 1 beheerder" in phone(ANNIE).send("VERWIJDER 0612345678")
    assert "minstens 1 beheerder" in phone(ANNIE).send("BEHEERDER AF 0612345678")
    assert member(app, ANNIE).is_admin and member(app, ANNIE).status == "active"


def test_admin_role(app, phone, molenwijk):
    assert "nu beheerder" in phone(ANNIE).send("BEHEERDER 0623456789")
    assert member(app, HENK).is_admin
    assert "geen beheerder meer" in phone(HENK).send("beheerder af 0612345678")
    assert not member(app, ANNIE).is_admin
    assert ("made_admin", HENK) in audit(app) and ("admin_removed", ANNIE) in audit(app)
    assert "geen actief lid" in phone(HENK).send("ADMIN 0687654321")


def test_members_list_with_pages(app, phone, molenwijk):
    reply = phone(ANNIE).send("LEDEN")
    assert reply.startswith("Molenwijk: 4 actief, 0 uitgenodigd, 0 afgemeld.")
    assert "Annie" in reply and "Henk" in reply and "+316" not in reply
    numbers = add_members(app, molenwijk, 80)
    with db.unit_of_work(app, dispatch=False) as session:
        for n, number in enumerate(numbers):
            session.execute(update(Member).where(Member.phone == number).values(name=f"Bewoner {n:02d} met een lange naam"))
    everyone = sorted(["Annie", "Henk", "Fatima", "Wim"] + [f"Bewoner {n:02d} met een lange naam" for n in range(80)])
    head = "Molenwijk: 84 actief, 0 uitgenodigd, 0 afgemeld. "
    pages, page = [], 1
    while True:
        reply = phone(ANNIE).send("list" if page == 1 else f"LEDEN {page}")
        assert reply.startswith(head), reply
        names, more = reply[len(head):], f" Meer: stuur LEDEN {page + 1}."
        if not names.endswith(more):
            pages.append(names.split(", "))
            break
        pages.append(names[: -len(more)].split(", "))
        page += 1
    assert len(pages) >= 3
    # Page after page: the sorted names, each exactly once, none cut off.
    assert [name for shown in pages for name in shown] == everyone
    assert pages[1][0] == everyone[len(pages[0])]


def test_status_of_the_latest_alert(app, phone, molenwijk):
    assert "nog geen melding" in phone(ANNIE).send("STATUS")
    phone(HENK).send("MELD inbraak Molenstraat")
    phone(HENK).send("3")
    sent(app)
    reply = phone(ANNIE).send("status")
    assert "INBRAAK (POGING)" in reply and "112: geen spoed" in reply
    assert "SMS verstuurd 2" in reply and "Gebeld 1" in reply


def test_test_message_goes_to_the_admin_alone(app, phone, molenwijk):
    assert "testbericht" in phone(ANNIE).send("TEST")
    messages = sent(app)
    assert [m.to_phone for m in messages] == [ANNIE] and "TEST van Buurtlijn Molenwijk" in messages[0].body


def test_sign_request_is_stored(app, phone, molenwijk):
    assert "Molenstraat" in phone(ANNIE).send("BORD Molenstraat")
    with db.unit_of_work(app, dispatch=False) as session:
        [request] = session.scalars(select(SignRequest)).all()
        assert (request.street, request.status) == ("Molenstraat", "open")
    assert said("sms.sign_empty") in phone(ANNIE).send("BORD")


@pytest.mark.parametrize("text", ["LID 0655555555", "VERWIJDER 0612345678", "LEDEN", "BEHEERDER 0623456789",
                                  "BEHEERDER AF 0612345678", "STATUS", "TEST", "BORD Molenstraat"])
def test_members_cannot_use_admin_keywords(app, phone, molenwijk, text):
    before = audit(app)
    assert "alleen een beheerder" in phone(HENK).send(text)
    assert audit(app) == before and member(app, NEW) is None and member(app, ANNIE).is_admin
    assert sent(app) == []


def test_help_for_admins_and_members(phone, molenwijk):
    assert "LID" in phone(ANNIE).send("HELP") and "LID" not in phone(HENK).send("?")
    assert "MELD" in phone(HENK).send("info")


def test_stranger_and_unknown_answers(phone, molenwijk):
    assert "niet aangemeld" in phone("+31687654321").send("hallo")
    assert "geen uitnodiging" in phone("+31687654321").send("JA")


# --- abuse limits -------------------------------------------------------------------------


def test_member_limit_and_admins_told_once(app, phone, molenwijk):
    henk = phone(HENK)
    for _ in range(3):
        henk.send("MELD verdachte man Molenstraat")
        assert "Verstuurd" in henk.send("1")
    assert "niet verstuurd" in henk.send("MELD nog een Molenstraat")
    assert "niet verstuurd" in henk.send("MELD en nog een Molenstraat")
    assert len(alerts(app)) == 3
    told = [b for b in to(app, ANNIE) if "maximum aantal meldingen" in b]
    # One member past their own limit: the admins hear about that member, once, and never
    # that the whole group's reports are refused (the group is under its limit).
    assert told == [said("sms.limit_member_admins", group="Molenwijk", who="Henk")]


def test_the_group_limit_tells_the_admins_the_group_is_full(make_app, molenwijk):
    from tests.helpers import Twilio

    app = make_app(ALERTS_PER_GROUP_PER_HOUR=2)
    client = Twilio(app.test_client())
    for sender in (HENK, FATIMA, HENK):
        Phone(client, sender).send("MELD man Molenstraat")
        Phone(client, sender).send("1")
    assert to(app, ANNIE).count(said("sms.limit_admins", group="Molenwijk")) == 1


@pytest.mark.parametrize("answer", ["Ja hoor", "jaa", "oké", "OK", "Ja, graag"])
def test_everyday_yeses_accept_an_invitation(app, phone, molenwijk, answer):
    phone(ANNIE).send("LID 06-55555555 Kees")
    assert "Welkom bij buurtpreventie Molenwijk" in phone(NEW).send(answer)
    assert member(app, NEW).status == "active"


@pytest.mark.parametrize("answer", ["nee hoor", "Nee, dank je", "liever niet"])
def test_everyday_noes_decline_an_invitation(app, phone, molenwijk, answer):
    phone(ANNIE).send("LID 06-55555555 Kees")
    assert "niet mee" in phone(NEW).send(answer)
    assert member(app, NEW).status == "inactive"


def test_ok_is_never_an_answer_to_the_112_question(app, phone, molenwijk):
    henk = phone(HENK)
    henk.send("MELD man bij de school")
    assert henk.send("ok") == said("sms.ask_112_again")
    assert alerts(app) == []


def test_group_limit(make_app, molenwijk):
    from tests.helpers import Twilio

    app = make_app(ALERTS_PER_GROUP_PER_HOUR=2)
    henk, fatima = Phone(Twilio(app.test_client()), HENK), Phone(Twilio(app.test_client()), FATIMA)
    for sender in (henk, fatima):
        sender.send("MELD man Molenstraat")
        sender.send("1")
    assert "niet verstuurd" in henk.send("MELD nog een man Molenstraat")
    assert len(alerts(app)) == 2


def test_admin_notices_skip_admins_who_cannot_take_sms(app, phone, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Member).where(Member.phone.in_(["+31205551234", FATIMA])).values(is_admin=True))
    phone(ANNIE).send("LID 0655555555")
    sent(app)
    with db.unit_of_work(app, dispatch=False) as session:
        notified = session.scalars(select(Delivery.to_phone).where(Delivery.kind == "admin_notice")).all()
    assert notified == [FATIMA]  # Wim, an admin on a landline, is not sent an SMS
