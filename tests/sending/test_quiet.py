"""Quiet hours hold back what can wait, never an alert; members who ask are not called at night."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from ivr import db
from ivr.flows import clock
from ivr.services import joining, membership, reporting
from ivr.storage import deliveries
from ivr.storage.models import Delivery, DeliveryKind, Group, Member
from tests.helpers import ANNIE, Phone, Twilio, said, store_alert

TZ = "Europe/Amsterdam"
WIM = "+31205551234"  # Molenwijk's landline member


def around_now(minutes_before: int = 60, minutes_after: int = 60) -> str:
    """A window of local time that holds this very moment."""
    now = clock.local(datetime.now(timezone.utc), TZ)
    start, end = now - timedelta(minutes=minutes_before), now + timedelta(minutes=minutes_after)
    return f"{start:%H:%M}-{end:%H:%M}"


def not_now() -> str:
    """A window of local time that does not hold this moment."""
    return around_now(-120, 180)  # from two hours from now to three hours from now


def test_a_window_holds_its_start_not_its_end_and_crosses_midnight():
    window = clock.parse_window("21:00-08:00")
    at = lambda h, m: datetime(2026, 6, 1, h, m, tzinfo=timezone.utc) - timedelta(hours=2)  # CEST
    assert window.contains(at(21, 0), TZ) and window.contains(at(3, 0), TZ) and window.contains(at(7, 59), TZ)
    assert not window.contains(at(8, 0), TZ) and not window.contains(at(20, 59), TZ)
    assert clock.local(window.ends_after(at(23, 0), TZ), TZ).strftime("%d %H:%M") == "02 08:00"
    assert clock.parse_window("") is None
    for bad in ("21-08", "25:00-08:00", "08:00-08:00", "21:00"):
        with pytest.raises(ValueError):
            clock.parse_window(bad)


def _everything(app, group_id: int) -> dict[str, int]:
    """Queue one of each kind the line sends; return the kind of each delivery id."""
    with db.unit_of_work(app, dispatch=False) as session:
        group = session.get(Group, group_id)
        annie = session.scalar(select(Member).where(Member.phone == "+31612345678"))
        membership.invite_member(session, group, "06-20000001")
        membership.invite_member(session, group, "020-5550002")  # a call
        deliveries.queue_to_admins(session, group_id, "Henk is toegevoegd")
        deliveries.queue_one(session, annie, "U bent beheerder", DeliveryKind.MEMBER_NOTICE)
        deliveries.queue_one(session, annie, "Niet bereikt: 1", DeliveryKind.ADMIN_SUMMARY)
        joining.request(session, group, "+31620000003", "sms", "Jan, Dorpsstraat 4", app.config)
        deliveries.queue_one(session, annie, "Test", DeliveryKind.TEST)
        deliveries.queue_one(session, annie, "Heeft u 112 gebeld?", DeliveryKind.REPLY)
        alert, _ = store_alert(session, group_id, "no")
        deliveries.queue_to_alert_recipients(session, alert.id, "112 IS NU GEBELD", DeliveryKind.NOTICE, None)
        reporting.close(session, alert, annie, "", app.config)
        session.flush()
        return {d.id: d.kind for d in session.scalars(select(Delivery))}


def _states(app) -> dict[str, set[str]]:
    with db.unit_of_work(app, dispatch=False) as session:
        found: dict[str, set[str]] = {}
        for kind, state in session.execute(select(Delivery.kind, Delivery.state)):
            found.setdefault(kind, set()).add(state)
        return found


def test_the_quiet_window_holds_what_can_wait_and_never_an_alert(make_app, molenwijk_factory):
    app = make_app(QUIET_HOURS=around_now())
    group_id = molenwijk_factory(app)
    kinds = set(_everything(app, group_id).values())
    assert kinds >= {*deliveries.CAN_WAIT, *deliveries.URGENT_KINDS, DeliveryKind.TEST, DeliveryKind.REPLY}
    app.broadcast.run()
    states = _states(app)
    for kind in deliveries.CAN_WAIT:
        assert states[kind] == {"queued"}, kind
    for kind in (*deliveries.URGENT_KINDS, DeliveryKind.TEST, DeliveryKind.REPLY):
        assert "queued" not in states[kind], (kind, states[kind])
    # Nothing to do until the window ends: the next run is planned for its end, not now.
    with db.unit_of_work(app, dispatch=False) as session:
        now = datetime.now(timezone.utc)
        due = deliveries.next_due(session, app.broadcast.policy.held(now), app.broadcast.policy.held_until(now))
    assert due == app.broadcast.policy.quiet_hours.ends_after(now, TZ)
    # The window ends: what waited goes out in the next run.
    app.broadcast.policy = replace(app.broadcast.policy, quiet_hours=clock.parse_window(not_now()))
    app.broadcast.run()
    assert all("queued" not in states for states in _states(app).values())


def test_an_empty_setting_holds_nothing(make_app, molenwijk_factory):
    app = make_app(QUIET_HOURS="")
    _everything(app, molenwijk_factory(app))
    app.broadcast.run()
    assert all("queued" not in states for states in _states(app).values())


def test_an_admin_inviting_in_the_window_is_told_when_it_goes_out(make_app, molenwijk_factory):
    app = make_app(QUIET_HOURS=around_now())
    molenwijk_factory(app)
    reply = Phone(Twilio(app.test_client()), ANNIE).send("LID 06-20000001 Els")
    end = app.broadcast.policy.quiet_hours.end
    assert reply.endswith(said("sms.held_until", time=f"{end:%H:%M}"))


def _night_alert(app, group_id: int) -> dict[str, tuple[str, str | None]]:
    with db.unit_of_work(app, dispatch=False) as session:
        alert, _ = store_alert(session, group_id, "yes")
        alert_id = alert.id
    app.broadcast.run()
    with db.unit_of_work(app, dispatch=False) as session:
        rows = session.scalars(select(Delivery).where(Delivery.alert_id == alert_id))
        return {d.to_phone: (d.state, d.failure) for d in rows}


def test_a_member_who_asked_is_not_called_at_night_and_status_counts_it(make_app, molenwijk_factory):
    app = make_app(NIGHT_HOURS=around_now(), PUBLIC_URL="https://lijn.example.nl")
    group_id = molenwijk_factory(app)
    signer = Twilio(app.test_client(), base=app.config["PUBLIC_URL"])  # what Twilio signs
    phone = lambda number: Phone(signer, number)  # noqa: E731
    with db.unit_of_work(app, dispatch=False) as session:
        membership.add_member(session, session.get(Group, group_id), "020-5559999", name="Kees")
    assert "niet gebeld" in phone(ANNIE).send("NACHT UIT 020-5551234")  # Wim, who cannot text
    assert "niet gebeld" in phone("06-34567890").send("NACHT UIT")  # Fatima, by SMS: SMS still comes
    got = _night_alert(app, group_id)
    assert got[WIM] == ("failed", "night")
    assert got["+31205559999"][0] == "sent"  # Kees did not ask: called
    assert got["+31634567890"][0] == "sent"  # an SMS is never held
    status = phone(ANNIE).send("STATUS")
    assert said("sms.status_night", night=1) in status
    # Not at night, or after NACHT AAN, Wim is called again.
    assert "weer gebeld" in phone(ANNIE).send("NACHT AAN 020-5551234")
    assert _night_alert(app, group_id)[WIM][0] == "sent"


def test_only_an_admin_sets_another_number_and_the_operator_can_too(make_app, molenwijk_factory):
    app = make_app(NIGHT_HOURS=around_now())
    group_id = molenwijk_factory(app)
    assert Phone(Twilio(app.test_client()), "06-23456789").send("NACHT UIT 020-5551234") == said("sms.not_admin")
    result = app.test_cli_runner().invoke(args=["member", "add", str(group_id), "020-5550000", "--no-night-calls"])
    assert result.exit_code == 0 and "no calls at night" in result.output
    with db.unit_of_work(app, dispatch=False) as session:
        night = dict(session.execute(select(Member.phone, Member.no_night_calls)).all())
    assert night["+31205550000"] is True and night[WIM] is False


@pytest.fixture
def molenwijk_factory():
    """Molenwijk (as the `molenwijk` fixture) in an app of the test's own settings."""
    from tests.conftest import add_molenwijk

    return add_molenwijk
