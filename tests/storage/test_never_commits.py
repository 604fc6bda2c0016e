"""Every public storage function leaves the commit to its caller (a session that refuses to)."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import ivr.storage
from ivr import db
from ivr.flows.postcodes import Postcode
from ivr.storage.alerts import Report
from ivr.storage.models import (
    CallSession,
    Delivery,
    DeliveryKind,
    DeliveryState,
    Member,
    NumberRefusal,
    Recording,
    utcnow,
)
from tests.helpers import ANNIE, store_alert

NOW = utcnow()


class RefusesCommit(Session):
    """A session whose commit fails the test."""

    def commit(self) -> None:
        raise AssertionError("a storage function committed")


def _delivery(s: Session) -> Delivery:
    return s.scalar(select(Delivery).order_by(Delivery.id))


def _member(s: Session) -> Member:
    return s.scalar(select(Member).where(Member.phone == ANNIE))


# One call per public function: (session, the seeded ids) -> anything.
CALLS = {
    "coordinators.add_account": lambda s, c: ivr.storage.coordinators.add_account(s, "x@example.nl", "hash"),
    "coordinators.by_id": lambda s, c: ivr.storage.coordinators.by_id(s, 1),
    "coordinators.count_attempt": lambda s, c: ivr.storage.coordinators.count_attempt(s, "k" * 64, NOW),
    "coordinators.forget_attempts": lambda s, c: ivr.storage.coordinators.forget_attempts(s, "k" * 64),
    "job_runs.last_run": lambda s, c: ivr.storage.job_runs.last_run(s, "purge"),
    "job_runs.mark_run": lambda s, c: ivr.storage.job_runs.mark_run(s, "purge", NOW),
    "readiness.oldest_due_seconds": lambda s, c: ivr.storage.readiness.oldest_due_seconds(s),
    "readiness.stuck_sending": lambda s, c: ivr.storage.readiness.stuck_sending(s, 60),
    "refusals.refuse": lambda s, c: ivr.storage.refusals.refuse(s, ANNIE, "declined"),
    "refusals.lift_stop": lambda s, c: ivr.storage.refusals.lift_stop(s, ANNIE),
    "refusals.stopped": lambda s, c: ivr.storage.refusals.stopped(s, ANNIE),
    "refusals.stopped_among": lambda s, c: ivr.storage.refusals.stopped_among(s, [ANNIE]),
    "refusals.refused_since": lambda s, c: ivr.storage.refusals.refused_since(s, ANNIE, NOW),
    "refusals.forget_before": lambda s, c: ivr.storage.refusals.forget_before(s, NOW),
    "audit.count_since": lambda s, c: ivr.storage.audit.count_since(s, c["group"], ["x"], NOW),
    "coordinators.by_email": lambda s, c: ivr.storage.coordinators.by_email(s, "x@example.nl", lock=True),
    "alerts.alerts_reported": lambda s, c: ivr.storage.alerts.alerts_reported(s, [1]),
    "alerts.alerts_since": lambda s, c: ivr.storage.alerts.alerts_since(s, NOW, group_id=c["group"]),
    "alerts.create_alert": lambda s, c: ivr.storage.alerts.create_alert(
        s, Report(c["group"], None, "sms", "other", "", "x", "yes"), "body", utcnow()),
    "alerts.delivery_counts": lambda s, c: ivr.storage.alerts.delivery_counts(s, [c["alert"]]),
    "alerts.latest_alert": lambda s, c: ivr.storage.alerts.latest_alert(s, [c["group"]], timedelta(hours=1)),
    "alerts.alerts_within": lambda s, c: ivr.storage.alerts.alerts_within(s, [c["group"]], timedelta(hours=1)),
    "alerts.alert_by_id": lambda s, c: ivr.storage.alerts.alert_by_id(s, 1),
    "alerts.mark_112_called": lambda s, c: ivr.storage.alerts.mark_112_called(s, c["alert"], _member(s).id),
    "alerts.close_alert": lambda s, c: ivr.storage.alerts.close_alert(s, c["alert"], _member(s).id),
    "alerts.recent_alerts": lambda s, c: ivr.storage.alerts.recent_alerts(s),
    "audit.audit": lambda s, c: ivr.storage.audit.audit(s, c["group"], None, "x", None),
    "audit.audited_since": lambda s, c: ivr.storage.audit.audited_since(s, c["group"], "x", NOW),
    "call_sessions.unfinished_report": lambda s, c: ivr.storage.call_sessions.unfinished_report(s, ANNIE, 10),
    "call_sessions.take_over": lambda s, c: ivr.storage.call_sessions.take_over(
        s.get(CallSession, "CAseed"), s.get(CallSession, "CAseed")),
    "members.groups_with_landlines": lambda s, c: ivr.storage.members.groups_with_landlines(s, [1]),
    "call_sessions.hold": lambda s, c: ivr.storage.call_sessions.hold(s.get(CallSession, "CAseed"), 30),
    "call_sessions.load": lambda s, c: ivr.storage.call_sessions.load(s, "CAseed"),
    "call_sessions.release": lambda s, c: ivr.storage.call_sessions.release(s, ANNIE),
    "conversations.end_conversations": lambda s, c: ivr.storage.conversations.end_conversations(s, ANNIE),
    "conversations.expired_conversation": lambda s, c: ivr.storage.conversations.expired_conversation(s, ANNIE, ("awaiting_112",)),
    "conversations.due_reminders": lambda s, c: ivr.storage.conversations.due_reminders(s, "awaiting_112", utcnow(), utcnow()),
    "conversations.lapsing": lambda s, c: ivr.storage.conversations.lapsing(s, ["awaiting_112"], utcnow()),
    "conversations.open_conversation": lambda s, c: ivr.storage.conversations.open_conversation(s, ANNIE),
    "conversations.start_conversation": lambda s, c: ivr.storage.conversations.start_conversation(
        s, _member(s), "awaiting_112", {}, timedelta(minutes=10)),
    "deliveries.advance": lambda s, c: ivr.storage.deliveries.advance(s, _delivery(s).id, DeliveryState.SENT),
    "deliveries.apply_status": lambda s, c: ivr.storage.deliveries.apply_status(s, "SMnew", DeliveryState.SENT, None),
    "deliveries.in_language": lambda s, c: ivr.storage.deliveries.in_language({"nl": "x", "en": "y"}, "en"),
    "deliveries.cancel_queued": lambda s, c: ivr.storage.deliveries.cancel_queued(s, ANNIE),
    "deliveries.claim_batch": lambda s, c: ivr.storage.deliveries.claim_batch(s, 5),
    "deliveries.fail_call": lambda s, c: ivr.storage.deliveries.fail_call(s, "CAnone", "busy"),
    "deliveries.apply_early": lambda s, c: ivr.storage.deliveries.apply_early(s),
    "deliveries.last_id": lambda s, c: ivr.storage.deliveries.last_id(s),
    "deliveries.after": lambda s, c: ivr.storage.deliveries.after(s, 0),
    "call_sessions.claim": lambda s, c: ivr.storage.call_sessions.claim(s, "CAnew", ANNIE, "alarmeer"),
    "conversations.take": lambda s, c: ivr.storage.conversations.take(s, 1, "awaiting_112", "answered"),
    "upsert.insert_ignore": lambda s, c: ivr.storage.upsert.insert_ignore(s, NumberRefusal, phone=ANNIE, reason="x"),
    "deliveries.failures": lambda s, c: ivr.storage.deliveries.failures(s, c["alert"]),
    "deliveries.finish_alert": lambda s, c: ivr.storage.deliveries.finish_alert(s, c["alert"]),
    "deliveries.mark_member": lambda s, c: ivr.storage.deliveries.mark_member(s, _delivery(s).id, opted_out=True),
    "deliveries.next_due": lambda s, c: ivr.storage.deliveries.next_due(s),
    "deliveries.note_queued": lambda s, c: ivr.storage.deliveries.note_queued(s),
    "deliveries.queue_one": lambda s, c: ivr.storage.deliveries.queue_one(s, _member(s), "x", DeliveryKind.TEST),
    "deliveries.queue_to_admins": lambda s, c: ivr.storage.deliveries.queue_to_admins(s, c["group"], "x"),
    "deliveries.queue_to_alert_recipients": lambda s, c: ivr.storage.deliveries.queue_to_alert_recipients(
        s, 1, "x", DeliveryKind.NOTICE, None),
    "deliveries.record_failed": lambda s, c: ivr.storage.deliveries.record_failed(s, _delivery(s).id, "rejected", 1, "x"),
    "deliveries.record_sent": lambda s, c: ivr.storage.deliveries.record_sent(s, [(_delivery(s).id, "SMx")]),
    "deliveries.requeue_call": lambda s, c: ivr.storage.deliveries.requeue_call(s, "CAnone", utcnow(), "busy"),
    "deliveries.release": lambda s, c: ivr.storage.deliveries.release(s, [_delivery(s).id]),
    "deliveries.requeue_stale": lambda s, c: ivr.storage.deliveries.requeue_stale(s, utcnow()),
    "deliveries.schedule_retry": lambda s, c: ivr.storage.deliveries.schedule_retry(s, _delivery(s).id, utcnow(), True, None, "x"),
    "deliveries.sent_call": lambda s, c: ivr.storage.deliveries.sent_call(s, "CAnone"),
    "deliveries.take_queued": lambda s, c: ivr.storage.deliveries.take_queued(s),
    "deliveries.take_summary_turn": lambda s, c: ivr.storage.deliveries.take_summary_turn(s, c["alert"]),
    "erasure.erase_member": lambda s, c: ivr.storage.erasure.erase_member(s, _member(s)),
    "erasure.purge": lambda s, c: ivr.storage.erasure.purge(s, utcnow() + timedelta(days=60), 30, 7, 30),
    "groups.add_group": lambda s, c: ivr.storage.groups.add_group(s, "Nieuw", [Postcode(1234)]),
    "groups.area": lambda s, c: ivr.storage.groups.area(ivr.storage.groups.find_group(s, "Molenwijk")),
    "groups.set_area": lambda s, c: ivr.storage.groups.set_area(s, ivr.storage.groups.find_group(s, "Molenwijk"), [Postcode(1234, "AB")]),
    "groups.add_sign_request": lambda s, c: ivr.storage.groups.add_sign_request(s, c["group"], _member(s), "Molenstraat"),
    "groups.all_groups": lambda s, c: ivr.storage.groups.all_groups(s),
    "groups.find_group": lambda s, c: ivr.storage.groups.find_group(s, "Molenwijk"),
    "groups.member_count": lambda s, c: ivr.storage.groups.member_count(s, c["group"]),
    "groups.name_taken": lambda s, c: ivr.storage.groups.name_taken(s, "molenwijk"),
    "groups.covering": lambda s, c: ivr.storage.groups.covering(s, Postcode(1234, "AB")),
    "join_requests.add": lambda s, c: ivr.storage.join_requests.add(s, c["group"], "+31687654321", "sms", "Jan", True),
    "join_requests.take_turn": lambda s, c: ivr.storage.join_requests.take_turn(s, ANNIE, NOW - timedelta(days=7), NOW),
    "join_requests.passed_on_since": lambda s, c: ivr.storage.join_requests.passed_on_since(s, c["group"], NOW - timedelta(days=1)),
    "join_requests.removed_since": lambda s, c: ivr.storage.join_requests.removed_since(s, c["group"], ANNIE, NOW - timedelta(days=30)),
    "inbound.first_time": lambda s, c: ivr.storage.inbound.first_time(s, "SMin", ANNIE),
    "inbound.reply_for": lambda s, c: ivr.storage.inbound.reply_for(s, "SMin"),
    "members.active_memberships": lambda s, c: ivr.storage.members.active_memberships(s, ANNIE),
    "members.active_names": lambda s, c: ivr.storage.members.active_names(s, c["group"]),
    "members.admins": lambda s, c: ivr.storage.members.admins(s, c["group"]),
    "members.in_group": lambda s, c: ivr.storage.members.in_group(s, c["group"]),
    "members.alert_recipients_query": lambda s, c: s.execute(ivr.storage.members.alert_recipients_query(c["group"], None)).all(),
    "members.member_counts": lambda s, c: ivr.storage.members.member_counts(s, c["group"]),
    "members.language_of": lambda s, c: ivr.storage.members.language_of(s, ANNIE),
    "members.member_in_group": lambda s, c: ivr.storage.members.member_in_group(s, c["group"], ANNIE),
    "members.memberships": lambda s, c: ivr.storage.members.memberships(s, ANNIE, ("active", "invited"), NOW),
    "models.utcnow": lambda s, c: ivr.storage.models.utcnow(),
    "outbox.find": lambda s, c: ivr.storage.outbox.find(s, ANNIE, NOW, body="x"),
    "outbox.keep": lambda s, c: ivr.storage.outbox.keep(s, "SMout", ANNIE, None, "x"),
    "outbox.recent": lambda s, c: ivr.storage.outbox.recent(s, 5),
    "send_pace.book": lambda s, c: ivr.storage.send_pace.book(s, "sms", lambda: 1000.0, 0.1),
    "send_pace.booked_until": lambda s, c: ivr.storage.send_pace.booked_until(s, "sms"),
    "overview.alert_times": lambda s, c: ivr.storage.overview.alert_times(s, NOW - timedelta(days=1)),
    "overview.groups_by_name": lambda s, c: ivr.storage.overview.groups_by_name(s),
    "overview.page_of_groups": lambda s, c: ivr.storage.overview.page_of_groups(s, "molen", True, 0, 50),
    "overview.count_groups": lambda s, c: ivr.storage.overview.count_groups(s, "3511", [(3500, 3599)]),
    "overview.member_tallies": lambda s, c: ivr.storage.overview.member_tallies(s),
    "overview.alert_rows": lambda s, c: ivr.storage.overview.alert_rows(s, None),
    "overview.delivery_figures": lambda s, c: ivr.storage.overview.delivery_figures(s, None, ("sent",), ("failed",)),
    "overview.open_sign_counts": lambda s, c: ivr.storage.overview.open_sign_counts(s),
    "overview.admins_by_group": lambda s, c: ivr.storage.overview.admins_by_group(s),
    "overview.open_signs": lambda s, c: ivr.storage.overview.open_signs(s, [(1000, 1999)]),
    "overview.group_ids": lambda s, c: ivr.storage.overview.group_ids(s, [(1000, 1999)]),
    "recordings.due_for_deletion": lambda s, c: ivr.storage.recordings.due_for_deletion(s, utcnow() + timedelta(days=60), 30, 1),
    "recordings.latest_url": lambda s, c: ivr.storage.recordings.latest_url(s, c["alert"]),
    "recordings.link_call": lambda s, c: ivr.storage.recordings.link_call(s, "CAseed", c["alert"]),
    "recordings.mark_deleted": lambda s, c: ivr.storage.recordings.mark_deleted(s.scalar(select(Recording))),
    "recordings.mark_failed": lambda s, c: ivr.storage.recordings.mark_failed(s.scalar(select(Recording)), "x"),
    "recordings.store": lambda s, c: ivr.storage.recordings.store(s, "REnew", "CAseed", None),
}


def public_functions() -> set[str]:
    """Every public function defined in a module of ivr/storage/."""
    found = set()
    for info in pkgutil.iter_modules(ivr.storage.__path__):
        module = importlib.import_module(f"ivr.storage.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{info.name}.{name}")
    return found


@pytest.fixture
def seeded(app, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        alert, _ = store_alert(session, molenwijk)
        session.add(CallSession(call_sid="CAseed", caller=ANNIE, state="confirm", data={}, alert_id=alert.id))
        session.add(Recording(sid="REseed", call_sid="CAseed", alert_id=alert.id, url="https://x"))
        return {"group": molenwijk, "alert": alert.id}


def test_the_table_covers_every_public_storage_function():
    assert public_functions() == set(CALLS)


def test_no_storage_function_commits(app, seeded):
    refusing = sessionmaker(app.db_engine, class_=RefusesCommit, expire_on_commit=False)
    for name, call in sorted(CALLS.items()):
        with refusing() as session:
            call(session, seeded)  # raises AssertionError if it commits
            session.rollback()


def test_the_guard_catches_a_commit(app, seeded):
    refusing = sessionmaker(app.db_engine, class_=RefusesCommit)
    with refusing() as session, pytest.raises(AssertionError, match="committed"):
        ivr.storage.groups.add_group(session, "Nieuw")
        session.commit()
