"""Privacy by design: retention purge, members' own data, coordinators' figures, registry."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select

from ivr import db
from ivr.flows.postcodes import Postcode
from ivr.services import membership, reporting
from ivr.storage import alerts, groups
from ivr.storage.models import (
    Alert,
    AuditEntry,
    CallSession,
    Delivery,
    InboundMessage,
    Member,
    SignRequest,
    SmsConversation,
    utcnow,
)
from tests.helpers import ANNIE, FATIMA, HENK, Phone

OLD = utcnow() - timedelta(days=31)


def members(app) -> dict[str, Member]:
    with db.unit_of_work(app, dispatch=False) as session:
        return {m.phone: m for m in session.scalars(select(Member))}


@pytest.fixture
def aged(app, molenwijk):
    """An alert from 31 days ago with its traces, a recent one, and members who left long ago."""
    with db.unit_of_work(app, dispatch=False) as session:
        henk = session.scalar(select(Member).where(Member.phone == HENK))
        old, _ = reporting.store(session, alerts.Report(molenwijk, henk.id, "voice", "person", "Molenstraat 4", "Man met rode jas", "yes"), "Europe/Amsterdam")
        old.created_at = OLD
        session.execute(Delivery.__table__.update().where(Delivery.alert_id == old.id).values(created_at=OLD))
        new, _ = reporting.store(session, alerts.Report(molenwijk, henk.id, "sms", "other", "", "Vandaag: hond los", "no"), "Europe/Amsterdam")
        session.add(CallSession(call_sid="CAold", caller=HENK, state="sent", data={"location": "x"}, updated_at=OLD))
        session.add(CallSession(call_sid="CAnew", caller=HENK, state="sent", data={}))
        session.add(SmsConversation(phone=HENK, member_id=henk.id, state="awaiting_112", data={"text": "x"}, expires_at=OLD, created_at=OLD))
        session.add(InboundMessage(message_sid="SMold", phone=HENK, reply="x", received_at=OLD))
        session.add(AuditEntry(group_id=molenwijk, action="invited", target_phone=FATIMA, created_at=OLD))
        fatima = session.scalar(select(Member).where(Member.phone == FATIMA))
        fatima.status, fatima.opted_out_at = "opted_out", OLD
        group = session.get(groups.Group, molenwijk)
        gone = membership.add_member(session, group, "06-41234567")
        gone.status, gone.removed_at = "inactive", OLD
        lapsed = membership.add_member(session, group, "06-51234567")
        lapsed.status, lapsed.invited_at = "invited", utcnow() - timedelta(days=8)
        fresh = membership.add_member(session, group, "06-81234567")
        fresh.status, fresh.invited_at = "invited", utcnow() - timedelta(days=2)
        return old.id, new.id


def test_purge_dry_run_says_what_would_go_and_keeps_it(app, runner, aged):
    result = runner.invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would erase" in result.output and "alerts: 1" in result.output
    assert "members: 2" in result.output and "invitations: 1" in result.output
    with db.unit_of_work(app, dispatch=False) as session:
        assert session.get(Alert, aged[0]).location == "Molenstraat 4"
    assert "+31641234567" in members(app)


def test_purge_erases_content_and_keeps_the_figures(app, runner, aged, molenwijk):
    old_id, new_id = aged
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "erased" in result.output
    with db.unit_of_work(app, dispatch=False) as session:
        old, new = session.get(Alert, old_id), session.get(Alert, new_id)
        # What goes: what was said, and every number of the old alert.
        assert (old.location, old.description, old.sms_body) == ("", "", "")
        assert old.purged_at is not None
        assert {d.to_phone for d in session.scalars(select(Delivery).where(Delivery.alert_id == old_id))} == {""}
        # What stays: group, time, category, 112, counts.
        assert (old.group_id, old.category, old.emergency_called) == (molenwijk, "person", "yes")
        assert old.created_at < utcnow() - timedelta(days=30)
        assert len(session.scalars(select(Delivery).where(Delivery.alert_id == old_id)).all()) == 3
        assert new.description == "Vandaag: hond los" and new.purged_at is None
        assert [c.call_sid for c in session.scalars(select(CallSession))] == ["CAnew"]
        assert session.scalars(select(SmsConversation)).all() == []
        assert session.scalars(select(InboundMessage)).all() == []
        assert session.scalar(select(AuditEntry.target_phone).where(AuditEntry.action == "invited")) is None
    left = members(app)
    assert FATIMA not in left and "+31641234567" not in left  # opted out / removed long ago
    assert "+31651234567" not in left and "+31681234567" in left  # lapsed invite / fresh one
    assert {ANNIE, HENK, "+31205551234"} <= set(left)
    assert "alerts: 0" in runner.invoke(args=["purge"]).output  # nothing twice


def test_my_data(twilio, molenwijk):
    reply = Phone(twilio, HENK).send("mijn gegevens")
    assert HENK in reply and "Henk" in reply and "Molenstraat" in reply and "Molenwijk (actief)" in reply
    assert "30 dagen" in reply and "VERWIJDER MIJ" in reply


def test_delete_me_erases_now_and_tells_admins_one_member_left(app, twilio, molenwijk):
    henk = Phone(twilio, HENK)
    henk.send("MELD man bij de auto Molenstraat")
    henk.send("1")
    assert "gewist" in henk.send("VERWIJDER MIJ")
    assert HENK not in members(app)
    with db.unit_of_work(app, dispatch=False) as session:
        [alert] = session.scalars(select(Alert)).all()
        assert alert.reporter_id is None and alert.description == "man bij de auto Molenstraat"
        assert HENK not in {d.to_phone for d in session.scalars(select(Delivery))}
        assert session.scalars(select(InboundMessage).where(InboundMessage.phone == HENK)).all() == []
    app.dispatcher.drain(timeout=30)
    from tests.helpers import to

    notices = [b for b in to(app, ANNIE) if "verlaten" in b]
    assert notices == ["Buurtlijn Molenwijk: een lid heeft de groep verlaten."]
    assert "niet aangemeld" in henk.send("MIJN GEGEVENS")


# --- the coordinators' report, on data whose figures are worked out by hand ----------------


def at(day: str, seconds: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc) + timedelta(seconds=seconds)


@pytest.fixture
def seeded(app):
    """Molenwijk (Noord): 3 alerts; Centrum: none. See the figures in the tests below."""
    with db.unit_of_work(app, dispatch=False) as session:
        molenwijk = groups.add_group(session, "Molenwijk", [Postcode(1235, "AB"), Postcode(1234)])
        centrum = groups.add_group(session, "Centrum")
        annie = membership.add_member(session, molenwijk, "06-12345678", name="Annie", is_admin=True)
        membership.add_member(session, molenwijk, "06-23456789")
        membership.add_member(session, molenwijk, "020-5551234")  # voice
        opted = membership.add_member(session, molenwijk, "06-34567890")
        opted.status = "opted_out"
        invited = membership.add_member(session, molenwijk, "06-41234567")
        invited.status = "invited"
        membership.add_member(session, centrum, "06-51234567", name="Bert", is_admin=True)
        plan = [  # created, 112, [(state, seconds after the alert it was handed over)]
            (at("2026-10-05T10:00"), "yes", [("delivered", 10), ("sent", 30)]),
            (at("2026-11-02T10:00"), "no", [("sent", 5), ("failed", None)]),
            (at("2026-11-20T10:00"), "not_urgent", [("confirmed", 60)]),
        ]
        for created, called, outcomes in plan:
            alert = Alert(group_id=molenwijk.id, channel="voice", category="person", location="x",
                          description="x", emergency_called=called, sms_body="x", created_at=created)
            session.add(alert)
            session.flush()
            session.execute(insert(Delivery), [
                {"alert_id": alert.id, "to_phone": "+3161", "kind": "alert", "state": state,
                 "sent_at": created + timedelta(seconds=s) if s is not None else None,
                 "created_at": created, "updated_at": created}
                for state, s in outcomes
            ])
        session.add(SignRequest(group_id=molenwijk.id, requested_by=annie.id, street="Molenstraat"))
        session.add(SignRequest(group_id=molenwijk.id, street="Wiekweg", status="done"))


def test_report_figures(runner, seeded):
    result = runner.invoke(args=["report", "--format", "json"])
    assert result.exit_code == 0, result.output
    centrum, molenwijk = json.loads(result.output)
    assert molenwijk == {
        "group": "Molenwijk", "area": "1234, 1235AB", "admins": 1, "active": 3, "invited": 1,
        "opted_out": 1, "voice_members": 1, "sms_members": 2, "alerts": 3,
        "alerts_per_month": {"2026-10": 1, "2026-11": 2},
        "share_112_called": 0.333, "share_112_not_called": 0.333, "share_not_urgent": 0.333,
        "median_seconds_to_last_delivery": 30.0,  # last handovers 30, 5 and 60 seconds
        "delivery_failure_rate": 0.2,  # 1 of 5
        "open_sign_requests": 1,
    }
    assert centrum["alerts"] == 0 and centrum["median_seconds_to_last_delivery"] is None
    assert "+31" not in result.output and "Molenstraat" not in result.output


def test_report_since_and_csv(runner, seeded):
    result = runner.invoke(args=["report", "--format", "csv", "--since", "2026-11-01"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    molenwijk = next(r for r in rows if r["groep"] == "Molenwijk")
    assert molenwijk["gebied"] == "1234, 1235AB"
    assert molenwijk["meldingen"] == "2" and molenwijk["meldingen_per_maand"] == "2026-11:2"
    assert molenwijk["mediaan_seconden_tot_laatste_bericht"] == "32.5"  # (5 + 60) / 2
    assert molenwijk["aandeel_mislukt"] == "0.333"  # 1 of 3
    assert molenwijk["aandeel_112_gebeld"] == "0.0"


def test_registry_export_names_every_admin(app, runner, seeded):
    with db.unit_of_work(app, dispatch=False) as session:
        molenwijk = groups.find_group(session, "Molenwijk")
        membership.add_member(session, molenwijk, "06-44444441", is_admin=True)  # no name
    result = runner.invoke(args=["registry", "export"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["groep", "gebied", "beheerders", "telefoon_beheerders", "actieve_leden", "sinds"]
    assert rows[1][:5] == ["Centrum", "", "Bert", "0651234567", "1"]
    assert rows[2][:5] == ["Molenwijk", "1234, 1235AB", "Annie; -", "0612345678; 0644444441", "4"]


def test_the_purge_is_asked_from_the_embedded_sweeper(make_app):
    import threading

    app = make_app(SEND_SWEEP_SECONDS=0.05)
    ran = threading.Event()
    app.dispatcher.every_minute(ran.set)
    app.dispatcher.start()
    assert ran.wait(timeout=10)  # the first round asks the jobs whether they are due


def test_the_beat_purges_nightly_at_purge_at_local_time(make_app):
    from celery.schedules import crontab

    from ivr.tasks import PURGE, celery_init_app

    celery = celery_init_app(make_app(PURGE_AT="03:30", TIMEZONE="Europe/Amsterdam"))
    schedule = celery.conf.beat_schedule[PURGE]["schedule"]
    assert isinstance(schedule, crontab) and schedule.hour == {3} and schedule.minute == {30}
    assert celery.conf.timezone == "Europe/Amsterdam"


def test_the_purge_is_due_nightly_and_at_start_after_a_day(make_app):
    from datetime import datetime, timezone

    from ivr import jobs
    from ivr.storage import job_runs

    app = make_app(PURGE_AT="03:30", TIMEZONE="Europe/Amsterdam")
    at = lambda text: datetime.fromisoformat(text).replace(tzinfo=timezone.utc)  # noqa: E731
    assert jobs.purge_due(app, at("2026-12-03T12:00"))  # never ran
    with db.unit_of_work(app, dispatch=False) as session:
        job_runs.mark_run(session, jobs.PURGE, at("2026-12-03T02:31"))  # 03:31 in Amsterdam
    assert not jobs.purge_due(app, at("2026-12-03T20:00"))
    assert not jobs.purge_due(app, at("2026-12-04T02:29"))  # 03:29 local: not yet
    assert jobs.purge_due(app, at("2026-12-04T02:30"))  # 03:30 local
    assert jobs.purge_due(app, at("2026-12-06T10:00"))  # restarts skipped nights: at once
    with db.unit_of_work(app, dispatch=False) as session:
        job_runs.mark_run(session, jobs.PURGE, at("2026-01-01T00:00"))
    assert jobs.purge_if_due(app) and not jobs.purge_if_due(app)  # ran now; not due again


def test_admins_never_reach_another_groups_members(app, twilio, molenwijk, db_session):
    centrum = groups.add_group(db_session, "Centrum")
    membership.add_member(db_session, centrum, "06-41234567", name="Bert")
    db_session.commit()
    annie = Phone(twilio, ANNIE)
    assert "geen lid van Molenwijk" in annie.send("VERWIJDER 0641234567")
    assert "Bert" not in annie.send("LEDEN")
    assert members(app)["+31641234567"].status == "active"
