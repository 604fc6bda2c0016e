"""Safe on a real number, tried as an attacker would over signed HTTP: where the line may send,
how much an admin may send, consent that sticks to the number, no leaks between groups."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select, update

from ivr import db
from ivr.services import membership
from ivr.storage import groups
from ivr.storage.models import Delivery, Member, NumberRefusal, utcnow
from tests.helpers import ANNIE, HENK, NEW, Phone, Twilio, member, rows, said, sent, to

REFUSED = "Buurtlijn belt en sms't alleen Nederlandse mobiele en vaste nummers."


@pytest.fixture
def annie(twilio, molenwijk):
    return Phone(twilio, ANNIE)


def deliveries_to(app, number: str) -> list[Delivery]:
    return [d for d in rows(app) if d.to_phone == number]


def centrum(app, admin: str = "06-41234567") -> int:
    """A second group, with its own admin."""
    with db.unit_of_work(app, dispatch=False) as session:
        group = groups.add_group(session, "Centrum")
        membership.add_member(session, group, admin, is_admin=True)
        return group.id


# --- where the line may send ---------------------------------------------------------------

@pytest.mark.parametrize("number", [
    "0900-1234567", "0906-1234567", "0909-1234567", "084-1234567", "087-1234567",
    "+881612345678", "+32470123456", "+447031234567", "+3197012345678", "+3197010000000",
    "06-61234567",
])
@pytest.mark.parametrize("how", ["LID {} Kees", "LID {} Kees SPRAAK", "BEHEERDER {}"])
def test_admins_cannot_text_or_call_paid_foreign_or_special_numbers(app, annie, number, how):
    before = rows(app)
    assert annie.send(how.format(number)) == REFUSED
    assert rows(app) == before and sent(app) == []


def test_a_dutch_landline_is_invited_by_phone(app, annie):
    assert "wordt gebeld" in annie.send("LID 020-5559876 Opa Jansen")
    [invitation] = deliveries_to(app, "+31205559876")
    assert invitation.channel == "voice"


def test_allowed_countries_widen_the_policy(make_app, twilio, molenwijk):
    app = make_app(ALLOWED_COUNTRIES="NL,BE")
    annie = Phone(Twilio(app.test_client()), ANNIE)
    assert "uitgenodigd" in annie.send("LID +32470123456 Luc")
    assert annie.send("LID +4915112345678 Hans") == (
        "Buurtlijn belt en sms't alleen mobiele en vaste nummers uit BE, NL."
    )
    assert annie.send("LID +32900123456 Premium") != "" and not deliveries_to(app, "+32900123456")


@pytest.mark.parametrize("args", [
    ["member", "add", "Molenwijk", "0900-1234567"],
    ["member", "add", "Molenwijk", "+881612345678"],
    ["group", "create", "Toll", "--admin", "0906-1234567"],
])
def test_the_cli_obeys_the_policy(runner, molenwijk, args):
    result = runner.invoke(args=args)
    assert result.exit_code != 0 and "does not send there" in result.output


def test_the_cli_import_rejects_a_paid_number(app, runner, molenwijk, tmp_path):
    csv = tmp_path / "leden.csv"
    csv.write_text("phone,name\n0900-1234567,Pomp\n06-44444444,Ria\n", encoding="utf-8")
    result = runner.invoke(args=["member", "import", "Molenwijk", str(csv)])
    assert "row 2: rejected" in result.output and "1 invited" in result.output


def test_the_engine_never_sends_what_breaks_the_policy(twilio_app, fake, molenwijk):
    """Defence in depth: a row that got past every door is failed with a reason, not sent."""
    with db.unit_of_work(twilio_app, dispatch=False) as session:
        session.execute(insert(Delivery), [
            {"to_phone": "+31900123456", "kind": "test", "body": "x", "state": "queued",
             "channel": "sms", "created_at": utcnow(), "updated_at": utcnow()},
            {"to_phone": "+881612345678", "kind": "voice_invitation", "state": "queued",
             "channel": "voice", "created_at": utcnow(), "updated_at": utcnow()},
        ])
    twilio_app.broadcast.run()
    assert fake.messages == [] and fake.calls == []
    assert {(d.state, d.failure) for d in rows(twilio_app)} == {("failed", "not_allowed")}


def test_sms_max_price_is_passed_as_max_price(make_app, twilio_settings, fake, molenwijk):
    app = make_app(**twilio_settings, SMS_MAX_PRICE="0.10")
    Phone(Twilio(app.test_client(), base="https://lijn.example.nl"), ANNIE).send("TEST")
    app.dispatcher.drain(timeout=30)
    assert [m.get("MaxPrice") for m in fake.messages] == ["0.10"]


def test_no_reply_to_a_sender_the_line_may_not_text(twilio, molenwijk):
    assert Phone(twilio, "+881612345678").send("HELP") == ""
    assert Phone(twilio, "+31900123456").send("JA") == ""


# --- volume -------------------------------------------------------------------------------

def test_invitations_per_admin_are_capped_and_said_once(make_app, molenwijk):
    app = make_app(INVITES_PER_ADMIN_PER_HOUR=3)
    annie = Phone(Twilio(app.test_client()), ANNIE)
    replies = [annie.send(f"LID 06-5000000{n} Buur {n}") for n in range(6)]
    assert all("uitgenodigd" in r for r in replies[:3])
    assert replies[3] == said("sms.invite_cap") and replies[4:] == ["", ""]
    invitations = [d for d in rows(app) if d.kind == "invitation"]
    assert len(invitations) == 3


def test_invitations_per_group_per_day_are_capped(make_app, molenwijk):
    app = make_app(INVITES_PER_GROUP_PER_DAY=4, INVITES_PER_ADMIN_PER_HOUR=100)
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Member).where(Member.phone == HENK).values(is_admin=True))
    client = Twilio(app.test_client())
    for n in range(3):
        Phone(client, ANNIE).send(f"LID 06-5100000{n}")
    assert "uitgenodigd" in Phone(client, HENK).send("LID 06-51000009")
    assert Phone(client, HENK).send("LID 06-51000008") == said("sms.invite_cap")
    assert len([d for d in rows(app) if d.kind == "invitation"]) == 4


def test_the_operators_cli_is_not_capped(make_app, molenwijk, tmp_path):
    app = make_app(INVITES_PER_GROUP_PER_DAY=1, INVITES_PER_ADMIN_PER_HOUR=1)
    csv = tmp_path / "leden.csv"
    csv.write_text("phone\n" + "".join(f"06-520000{n:02d}\n" for n in range(12)), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["member", "import", "Molenwijk", str(csv)])
    assert "12 invited" in result.output


def test_test_messages_are_capped(make_app, molenwijk):
    app = make_app(TESTS_PER_ADMIN_PER_HOUR=2)
    annie = Phone(Twilio(app.test_client()), ANNIE)
    replies = [annie.send("TEST") for _ in range(5)]
    assert replies[:2] == [said("sms.test_queued")] * 2
    assert replies[2] == said("sms.test_cap") and replies[3:] == ["", ""]
    assert len(to(app, ANNIE)) == 2


def test_notices_to_other_admins_are_capped(make_app, molenwijk):
    app = make_app(ADMIN_NOTICES_PER_GROUP_PER_HOUR=2)
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Member).where(Member.phone == HENK).values(is_admin=True))
    annie = Phone(Twilio(app.test_client()), ANNIE)
    for n in range(5):
        annie.send(f"LID 06-5300000{n}")
    assert len(to(app, HENK)) == 2


# --- consent sticks to the number ----------------------------------------------------------

def invitations_to(app, number: str) -> list[Delivery]:
    return [d for d in deliveries_to(app, number) if d.kind in ("invitation", "voice_invitation")]


def test_nee_is_not_invited_again_by_any_group_for_30_days(app, twilio, annie, molenwijk):
    annie.send("LID 06-55555555 Kees")
    assert "niet mee" in Phone(twilio, NEW).send("NEE")
    again = annie.send("LID 06-55555555 Kees")
    assert again == said("sms.invited", who="Kees", group="Molenwijk")  # the same words as ever
    other = centrum(app)
    Phone(twilio, "+31641234567").send("LID 06-55555555 Kees")
    assert len(invitations_to(app, NEW)) == 1
    with db.unit_of_work(app, dispatch=False) as session:  # 31 days later
        session.execute(update(NumberRefusal).values(created_at=utcnow() - timedelta(days=31)))
    Phone(twilio, "+31641234567").send("LID 06-55555555 Kees")
    assert len(invitations_to(app, NEW)) == 2 and member(app, NEW, other).status == "invited"


def test_a_lapsed_invitation_is_not_sent_again_at_once(app, twilio, annie):
    annie.send("LID 06-55555555")
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Member).where(Member.phone == NEW).values(invited_at=utcnow() - timedelta(days=8)))
    assert "uitgenodigd" in annie.send("LID 06-55555555")
    assert len(invitations_to(app, NEW)) == 1
    # The purge erases the lapsed invitation, and remembers the lapse for REINVITE_DAYS.
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Member).where(Member.phone == NEW).values(invited_at=utcnow() - timedelta(days=9)))
    assert app.test_cli_runner().invoke(args=["purge"]).exit_code == 0
    assert member(app, NEW) is None  # erased, number and all, but for the lapse itself
    assert "uitgenodigd" in annie.send("LID 06-55555555")
    assert len([d for d in rows(app) if d.kind == "invitation"]) == 1


def test_a_stop_is_about_the_number(app, twilio, annie, molenwijk):
    other = centrum(app)
    Phone(twilio, HENK).send("STOP")
    # Another group's admin: the same words as for anyone, and nothing is sent.
    assert "uitgenodigd" in Phone(twilio, "+31641234567").send("LID 06-23456789 Henk")
    assert invitations_to(app, HENK) == []
    # Removal does not forget the STOP.
    annie.send("VERWIJDER 06-23456789")
    assert "uitgenodigd" in annie.send("LID 06-23456789 Henk")
    assert invitations_to(app, HENK) == []
    result = app.test_cli_runner().invoke(args=["member", "add", "Centrum", "06-23456789"])
    assert result.exit_code != 0 and "STOP" in result.output
    # START lifts it.
    Phone(twilio, HENK).send("START")
    Phone(twilio, "+31641234567").send("LID 06-23456789 Henk")
    assert len(invitations_to(app, HENK)) == 1 and member(app, HENK, other).status == "invited"


def test_nothing_goes_to_a_number_that_said_stop_even_if_queued_before(app, twilio, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(insert(Delivery), [{"to_phone": HENK, "kind": "test", "body": "x", "state": "queued",
                                           "created_at": utcnow(), "updated_at": utcnow()}])
        session.add(NumberRefusal(phone=HENK, reason="stop"))
    assert to(app, HENK) == []
    assert {(d.state, d.failure) for d in deliveries_to(app, HENK)} == {("failed", "opted_out")}


# --- no leaks between groups ----------------------------------------------------------------

@pytest.mark.parametrize("keyword", ["LID {} Piet", "VERWIJDER {}", "BEHEERDER {}", "BEHEERDER AF {}"])
def test_another_groups_number_gets_the_strangers_reply(app, annie, keyword):
    centrum(app, admin="06-41234567")
    known = annie.send(keyword.format("06-41234567"))
    stranger = annie.send(keyword.format("06-49876543"))
    assert known == stranger.replace("+31649876543", "+31641234567")


# --- bounded text ---------------------------------------------------------------------------

def test_a_realistic_long_name_works_and_a_longer_one_is_shortened(app, annie):
    name = ("Johanna Wilhelmina Cornelia van der Berg-de Vries, bewoonster van de Oude "
            "Molenstraat, hoek Wiekweg, tegenover de bakker")
    assert 115 <= len(name) <= 120
    assert "uitgenodigd" in annie.send(f"LID 06-55555555 {name}")
    assert member(app, NEW).name == name
    assert "uitgenodigd" in annie.send(f"LID 06-55555554 {name} {name}")
    longer = member(app, "+31655555554").name
    assert len(longer) <= 120 and name.startswith(longer.split(",")[0])


def test_counts_never_leak_what_a_number_is(app, annie):
    """Withheld invitations count against the caps like sent ones: the count tells nothing."""
    with db.unit_of_work(app, dispatch=False) as session:
        session.add(NumberRefusal(phone=NEW, reason="stop"))
    annie.send("LID 06-55555555")
    with db.unit_of_work(app, dispatch=False) as session:
        from ivr.storage.models import AuditEntry

        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.target_phone == NEW)).all()
        assert actions == ["invite_withheld"]
        assert session.scalar(select(func.count(Member.id)).where(Member.phone == NEW)) == 0
