"""Delivery rows: the truth about who has been sent what, moved only by these functions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.orm import Session

from ivr.storage.models import (
    Alert,
    AlertStatus,
    Delivery,
    DeliveryState,
    EarlyStatus,
    Member,
    MemberStatus,
    utcnow,
)

# How far along a state is; a status callback never moves a delivery backwards.
RANK = {
    DeliveryState.QUEUED: 0,
    DeliveryState.SENDING: 1,
    DeliveryState.SENT: 2,
    DeliveryState.DELIVERED: 3,
    DeliveryState.UNDELIVERED: 3,
    DeliveryState.FAILED: 3,
    DeliveryState.MACHINE: 3,
    DeliveryState.CONFIRMED: 4,
}
FINAL = (
    DeliveryState.DELIVERED,
    DeliveryState.UNDELIVERED,
    DeliveryState.FAILED,
    DeliveryState.MACHINE,
    DeliveryState.CONFIRMED,
)
# Twilio's MessageStatus values we record; the others (accepted, queued, ...) say nothing new.
TWILIO_STATUS = {
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "undelivered": DeliveryState.UNDELIVERED,
    "failed": DeliveryState.FAILED,
}


@dataclass(frozen=True)
class Claimed:
    """A delivery a worker took: everything needed to send it without another query."""

    id: int
    alert_id: int
    to: str
    body: str
    attempts: int
    verify: bool
    created_at: datetime
    channel: str = "sms"
    kind: str = "alert"


def claim_batch(
    session: Session,
    limit: int,
    alert_id: int | None = None,
    now: datetime | None = None,
    channel: str | None = None,
) -> list[Claimed]:
    """Atomically take up to `limit` due queued deliveries; no two workers get the same row.

    PostgreSQL skips rows another worker has locked (FOR UPDATE SKIP LOCKED); SQLite runs one
    writer at a time, and the state check in the UPDATE makes the claim conditional. The due
    rows are picked in a CTE joined by UPDATE ... FROM: as `id IN (subquery LIMIT n)`,
    PostgreSQL may run the subquery again per row and take far more than `limit`.
    """
    now = now or utcnow()
    due = select(Delivery.id).where(
        Delivery.state == DeliveryState.QUEUED,
        or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
    )
    if alert_id is not None:
        due = due.where(Delivery.alert_id == alert_id)
    if channel is not None:
        due = due.where(Delivery.channel == channel)
    due = due.order_by(Delivery.id).limit(limit).with_for_update(skip_locked=True).cte("due")
    rows = session.execute(
        update(Delivery)
        .where(Delivery.id == due.c.id, Delivery.state == DeliveryState.QUEUED)
        .values(
            state=DeliveryState.SENDING,
            attempts=Delivery.attempts + 1,
            claimed_at=now,
            updated_at=now,
        )
        .returning(
            Delivery.id,
            Delivery.alert_id,
            Delivery.to_phone,
            Delivery.body,
            Delivery.attempts,
            Delivery.verify,
            Delivery.created_at,
            Delivery.channel,
            Delivery.kind,
        )
        .execution_options(synchronize_session=False)
    ).all()
    bodies = _alert_bodies(session, {r.alert_id for r in rows if r.body is None and r.alert_id})
    return sorted(
        (
            Claimed(r.id, r.alert_id, r.to_phone, r.body or bodies.get(r.alert_id, ""), r.attempts,
                    r.verify, r.created_at, r.channel, r.kind)
            for r in rows
        ),
        key=lambda c: c.id,
    )


def _alert_bodies(session: Session, alert_ids: set[int]) -> dict[int, str]:
    if not alert_ids:
        return {}
    return dict(session.execute(select(Alert.id, Alert.sms_body).where(Alert.id.in_(alert_ids))).all())


def record_sent(session: Session, sent: list[tuple[int, str]], now: datetime | None = None) -> None:
    """Store the SIDs Twilio gave (delivery id, sid), then apply statuses that came early."""
    if not sent:
        return
    now = now or utcnow()
    table = Delivery.__table__
    # One executemany for the whole batch keeps the write transaction short.
    session.connection().execute(
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.state == DeliveryState.SENDING)
        .values(state=DeliveryState.SENT, sid=bindparam("b_sid"), sent_at=now, updated_at=now,
                verify=False),
        [{"b_id": delivery_id, "b_sid": sid} for delivery_id, sid in sent],
    )
    sids = [sid for _, sid in sent]
    early = session.scalars(select(EarlyStatus).where(EarlyStatus.sid.in_(sids))).all()
    for status in early:
        apply_status(session, status.sid, status.status, status.error_code)
    if early:
        session.execute(delete(EarlyStatus).where(EarlyStatus.sid.in_([e.sid for e in early])))


def schedule_retry(
    session: Session, delivery_id: int, at: datetime, verify: bool, code: int | None, message: str
) -> None:
    """Put a delivery back in the queue for a later attempt."""
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state == DeliveryState.SENDING)
        .values(
            state=DeliveryState.QUEUED,
            next_attempt_at=at,
            verify=verify,
            error_code=code,
            error_message=message[:500],
            updated_at=utcnow(),
        )
    )


def record_failed(session: Session, delivery_id: int, code: int | None, message: str) -> None:
    """Mark a delivery failed for good, with Twilio's error."""
    now = utcnow()
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state.not_in(FINAL))
        .values(
            state=DeliveryState.FAILED,
            error_code=code,
            error_message=message[:500],
            updated_at=now,
            final_at=now,
        )
    )


def mark_member(
    session: Session,
    delivery_id: int,
    *,
    opted_out: bool = False,
    sms_error: int | None = None,
    landline: bool = False,
) -> None:
    """Record on the member what Twilio told us about their number."""
    member_id = select(Delivery.member_id).where(Delivery.id == delivery_id).scalar_subquery()
    values: dict = {}
    if opted_out:
        values["status"] = MemberStatus.OPTED_OUT
    if sms_error is not None:
        values["sms_error"] = sms_error
    if landline:
        values["number_kind"] = "fixed"
        values["channel"] = "voice"
    session.execute(update(Member).where(Member.id == member_id).values(**values))


def requeue_stale(session: Session, older_than: datetime) -> int:
    """Give back deliveries a dead worker left in "sending"; their outcome must be verified."""
    return session.execute(
        update(Delivery)
        .where(
            Delivery.state == DeliveryState.SENDING,
            Delivery.sid.is_(None),
            Delivery.claimed_at < older_than,
        )
        .values(state=DeliveryState.QUEUED, verify=True, next_attempt_at=None, updated_at=utcnow())
    ).rowcount


def next_due(session: Session) -> datetime | None:
    """When the earliest queued delivery may be tried (None when nothing waits)."""
    return session.scalar(
        select(func.min(func.coalesce(Delivery.next_attempt_at, Delivery.created_at))).where(
            Delivery.state == DeliveryState.QUEUED
        )
    )


def apply_status(session: Session, sid: str, status: str, error_code: int | None) -> bool:
    """Apply a status callback; False when it says nothing new. Unknown SIDs wait for their row."""
    state = TWILIO_STATUS.get(status)
    if state is None:
        return False
    delivery = session.scalar(select(Delivery).where(Delivery.sid == sid).with_for_update())
    if delivery is None:
        # Twilio can call back before the sender has stored the SID: keep it for record_sent.
        early = session.get(EarlyStatus, sid)
        if early is None:
            session.add(EarlyStatus(sid=sid, status=status, error_code=error_code))
        elif RANK[state] > RANK[TWILIO_STATUS[early.status]]:
            early.status, early.error_code = status, error_code
        return False
    if RANK[state] <= RANK[DeliveryState(delivery.state)]:
        return False
    delivery.state = state
    if error_code is not None:
        delivery.error_code = error_code
    if state in FINAL:
        delivery.final_at = utcnow()
    return True


def finish_alert(session: Session, alert_id: int) -> bool:
    """Mark the alert sent once nothing of it waits or is being sent; True the first time."""
    busy = session.scalar(
        select(Delivery.id)
        .where(
            Delivery.alert_id == alert_id,
            Delivery.state.in_([DeliveryState.QUEUED, DeliveryState.SENDING]),
        )
        .limit(1)
    )
    if busy is not None:
        return False
    return bool(
        session.execute(
            update(Alert)
            .where(Alert.id == alert_id, Alert.status == AlertStatus.SENDING)
            .values(status=AlertStatus.SENT, sent_at=utcnow())
        ).rowcount
    )


def failures(session: Session, alert_id: int) -> dict[int | None, int]:
    """Count an alert's permanently failed alert deliveries by error code."""
    rows = session.execute(
        select(Delivery.error_code, func.count())
        .where(
            Delivery.alert_id == alert_id,
            Delivery.kind == "alert",
            Delivery.state == DeliveryState.FAILED,
        )
        .group_by(Delivery.error_code)
    )
    return {code: count for code, count in rows}


def take_summary_turn(session: Session, alert_id: int) -> bool:
    """Claim the one admin summary of an alert; False if it was claimed before."""
    return bool(
        session.execute(
            update(Alert)
            .where(Alert.id == alert_id, Alert.summary_sent_at.is_(None))
            .values(summary_sent_at=utcnow())
        ).rowcount
    )



def advance(session: Session, delivery_id: int, state: DeliveryState) -> bool:
    """Move a delivery forward to `state` (never back); True when it moved."""
    delivery = session.get(Delivery, delivery_id, with_for_update=True)
    if delivery is None or RANK[state] <= RANK[DeliveryState(delivery.state)]:
        return False
    delivery.state = state
    delivery.updated_at = utcnow()
    if state in FINAL:
        delivery.final_at = utcnow()
    return True


def call_ended(session: Session, sid: str, status: str, retries: int, spacing_seconds: float) -> str | None:
    """A call nobody answered (busy, no-answer, failed) is tried again later, then failed.

    Returns what happened ("retry", "failed") or None when the call needs nothing.
    """
    delivery = session.scalar(select(Delivery).where(Delivery.sid == sid).with_for_update())
    if delivery is None or status not in ("busy", "no-answer", "failed", "canceled"):
        return None
    if delivery.state != DeliveryState.SENT:  # answered (by a person or a machine) already
        return None
    now = utcnow()
    delivery.error_message = f"call {status}"
    delivery.updated_at = now
    if delivery.attempts <= retries:
        delivery.state = DeliveryState.QUEUED
        delivery.sid = None
        delivery.next_attempt_at = now + timedelta(seconds=spacing_seconds)
        return "retry"
    delivery.state, delivery.final_at = DeliveryState.FAILED, now
    return "failed"
