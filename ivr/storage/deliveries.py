"""Delivery rows: the truth about who has been sent what, moved only by these functions."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from ivr.storage import members, refusals
from ivr.storage.upsert import insert_ignore
from ivr.storage.models import (
    DEFAULT_LANGUAGE,
    Alert,
    AlertStatus,
    Delivery,
    DeliveryKind,
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


_QUEUED = "buurtlijn.queued"  # session.info: what this unit of work queued

# What is queued to several members at once: one text, or one per language (each reads theirs).
Texts = str | Mapping[str, str]


def in_language(body: Texts, language: str | None) -> str:
    """The text a member who reads `language` is sent."""
    if isinstance(body, str):
        return body
    return body.get(language or DEFAULT_LANGUAGE) or body[DEFAULT_LANGUAGE]


def note_queued(session: Session, alert_id: int | None = None) -> None:
    """Remember that this unit of work queued deliveries (of a new alert, or others)."""
    session.info.setdefault(_QUEUED, set()).add(alert_id)


def take_queued(session: Session) -> set[int | None]:
    """What the unit of work queued (new alerts' ids; None for other messages), once."""
    return session.info.pop(_QUEUED, set())


def queue_one(
    session: Session,
    to: Member | str,
    body: str | None,
    kind: DeliveryKind,
    alert_id: int | None = None,
    channel: str = "sms",
) -> None:
    """Queue one SMS (or call) as a delivery row; the engine sends it like any other."""
    member_id = to.id if isinstance(to, Member) else None
    phone = to.phone if isinstance(to, Member) else to
    session.add(
        Delivery(alert_id=alert_id, member_id=member_id, to_phone=phone, kind=kind, body=body,
                 channel=channel)
    )
    note_queued(session)


def queue_to_alert_recipients(
    session: Session, alert_id: int, body: Texts, kind: DeliveryKind, exclude: int | None
) -> int:
    """Queue `body` to every member who got the alert (SMS or call, as they got it) and to its
    reporter, but not to `exclude`, each in their language; return how many."""
    got = session.execute(
        select(Delivery.member_id, Delivery.to_phone, Delivery.channel, Member.language)
        .join(Member, Member.id == Delivery.member_id)
        .where(
            Delivery.alert_id == alert_id, Delivery.kind == DeliveryKind.ALERT,
            Delivery.state != DeliveryState.FAILED, Member.status == MemberStatus.ACTIVE,
        )
    ).all()
    rows = [row for row in got if row.member_id != exclude]
    reporter = session.execute(
        select(Member.id.label("member_id"), Member.phone.label("to_phone"), Member.channel, Member.language)
        .join(Alert, Alert.reporter_id == Member.id)
        .where(Alert.id == alert_id, Member.status == MemberStatus.ACTIVE)
    ).first()
    if reporter is not None and reporter.member_id != exclude and reporter.member_id not in {r.member_id for r in rows}:
        rows.append(reporter)
    if rows:
        now = utcnow()
        session.execute(
            insert(Delivery),
            [
                {"alert_id": alert_id, "member_id": r.member_id, "to_phone": r.to_phone, "channel": r.channel,
                 "kind": kind, "body": in_language(body, r.language), "state": DeliveryState.QUEUED,
                 "created_at": now, "updated_at": now}
                for r in rows
            ],
        )
        note_queued(session, alert_id)
    return len(rows)


def queue_to_admins(
    session: Session,
    group_id: int,
    body: Texts,
    kind: DeliveryKind = DeliveryKind.ADMIN_NOTICE,
    alert_id: int | None = None,
    exclude: tuple[int, ...] = (),
) -> int:
    """Queue one SMS to each admin of a group who can take one (not those in `exclude`), in
    their language; return how many."""
    count = 0
    for admin in members.admins(session, group_id):
        if admin.id not in exclude and admin.channel == "sms" and admin.sms_error is None:
            queue_one(session, admin, in_language(body, admin.language), kind, alert_id)
            count += 1
    return count


def cancel_queued(session: Session, phone: str) -> None:
    """Fail whatever still waits to go to a number that just opted out."""
    session.execute(
        update(Delivery)
        .where(Delivery.to_phone == phone, Delivery.state == DeliveryState.QUEUED)
        .values(state=DeliveryState.FAILED, failure="opted_out", error_message="opted out",
                final_at=utcnow())
    )


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
    stopped: bool = False  # the number sent STOP since this was queued: never sent
    no_night_calls: bool = False  # the member asked not to be called at night (NACHT UIT)


# What an alert brings, and what belongs to it, goes before everything that can wait.
URGENT_KINDS = (DeliveryKind.ALERT, DeliveryKind.NOTICE, DeliveryKind.ALL_CLEAR)
BULK_KINDS = (DeliveryKind.INVITATION, DeliveryKind.VOICE_INVITATION)
# What the line sends to people on its own account that can wait for the morning (QUIET_HOURS).
# Never held: the urgent kinds, TEST (to the admin who just asked) and REPLY (a person's own
# exchange: the 112 question's reminder, its lapse).
CAN_WAIT = (
    DeliveryKind.INVITATION, DeliveryKind.VOICE_INVITATION, DeliveryKind.ADMIN_NOTICE,
    DeliveryKind.MEMBER_NOTICE, DeliveryKind.ADMIN_SUMMARY, DeliveryKind.JOIN_REQUEST,
)


def claim_batch(
    session: Session,
    limit: int,
    alert_id: int | None = None,
    now: datetime | None = None,
    channel: str | None = None,
    hold: tuple[str, ...] = (),
) -> list[Claimed]:
    """Atomically take up to `limit` due queued deliveries (none of the kinds in `hold`: the
    quiet hours); no two workers get the same row.

    The order is the sending order: urgent kinds (an alert and its notices) first, and among
    those the lane (one alert, or the messages of one kind) with the fewest rows left first,
    so a small group's alert that comes during a large one's is on every phone in seconds and
    the large one loses nothing in total; then what can wait (tests, notices, summaries) and,
    last, the bulk of invitations, each oldest first.

    PostgreSQL skips rows another worker has locked (FOR UPDATE SKIP LOCKED); SQLite runs one
    writer at a time, and the state check in the UPDATE makes the claim conditional.
    """
    now = now or utcnow()
    queued = [Delivery.state == DeliveryState.QUEUED]
    if alert_id is not None:
        queued.append(Delivery.alert_id == alert_id)
    if channel is not None:
        queued.append(Delivery.channel == channel)
    if hold:
        queued.append(Delivery.kind.not_in(hold))
    # SQLite reads outside the write transaction: another worker may take the rows picked
    # between the pick and the UPDATE. Then pick again (PostgreSQL holds them locked).
    for _ in range(10):
        ids = _pick(session, queued, limit, now)
        if not ids:
            return []
        rows = _take(session, ids, now)
        if rows:
            break
    else:
        return []
    bodies = _alert_bodies(session, {r.alert_id for r in rows if r.body is None and r.alert_id})
    stopped = refusals.stopped_among(session, (r.to_phone for r in rows))
    calls = [r.member_id for r in rows if r.channel == "voice" and r.member_id is not None]
    no_nights = set(session.scalars(
        select(Member.id).where(Member.id.in_(calls), Member.no_night_calls.is_(True))
    )) if calls else set()
    order = {delivery_id: n for n, delivery_id in enumerate(ids)}
    return sorted(
        (
            Claimed(r.id, r.alert_id, r.to_phone, r.body or bodies.get(r.alert_id, ""), r.attempts,
                    r.verify, r.created_at, r.channel, r.kind, r.to_phone in stopped,
                    r.member_id in no_nights)
            for r in rows
        ),
        key=lambda c: order[c.id],  # the sending order
    )


def _pick(session: Session, queued: list, limit: int, now: datetime) -> list[int]:
    """The ids to claim, in sending order (see claim_batch)."""
    due = [*queued, or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now)]
    # The lanes and their sizes, read from the index of queued rows alone.
    lanes = session.execute(
        select(Delivery.kind, Delivery.alert_id, func.count()).where(*queued)
        .group_by(Delivery.kind, Delivery.alert_id)
    ).all()
    lanes.sort(key=_lane_order)
    ids: list[int] = []
    for kind, lane_alert, _ in lanes:
        in_lane = Delivery.alert_id == lane_alert if lane_alert is not None else Delivery.alert_id.is_(None)
        ids += session.scalars(
            select(Delivery.id).where(*due, Delivery.kind == kind, in_lane)
            .order_by(Delivery.id).limit(limit - len(ids)).with_for_update(skip_locked=True)
        ).all()
        if len(ids) >= limit:
            break
    return ids


def _take(session: Session, ids: list[int], now: datetime) -> list:
    """Claim these rows where they are still queued; return what was claimed."""
    return session.execute(
        update(Delivery)
        .where(Delivery.id.in_(ids), Delivery.state == DeliveryState.QUEUED)
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
            Delivery.member_id,
        )
        .execution_options(synchronize_session=False)
    ).all()


def _lane_order(lane: tuple[str, int | None, int]) -> tuple:
    kind, alert_id, left = lane
    if kind in URGENT_KINDS:
        return (0, left, alert_id or 0)
    # Of what can wait, a bulk of invitations goes last: one admin's TEST is not behind 300.
    return (1 + (kind in BULK_KINDS), 0, alert_id or 0, kind)


def _alert_bodies(session: Session, alert_ids: set[int]) -> dict[int, str]:
    if not alert_ids:
        return {}
    return dict(session.execute(select(Alert.id, Alert.sms_body).where(Alert.id.in_(alert_ids))).all())


def record_sent(session: Session, sent: list[tuple[int, str]], now: datetime | None = None) -> None:
    """Store the SIDs the provider gave (delivery id, sid), then apply statuses that came early."""
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
        apply_status(session, status.sid, DeliveryState(status.status), status.error_code)
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


def record_failed(
    session: Session, delivery_id: int, failure: str, code: int | None, message: str
) -> None:
    """Mark a delivery failed for good: why (the line's reason) and the provider's own error."""
    now = utcnow()
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state.not_in(FINAL))
        .values(
            state=DeliveryState.FAILED,
            failure=failure,
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
    """Record on the member what the provider told us about their number."""
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


def release(session: Session, delivery_ids: list[int]) -> int:
    """Give back claimed rows that were never tried (a shutdown): queued again, due now."""
    if not delivery_ids:
        return 0
    return session.execute(
        update(Delivery)
        .where(Delivery.id.in_(delivery_ids), Delivery.state == DeliveryState.SENDING, Delivery.sid.is_(None))
        .values(state=DeliveryState.QUEUED, attempts=Delivery.attempts - 1, claimed_at=None,
                updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount


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


def next_due(session: Session, hold: tuple[str, ...] = (), held_until: datetime | None = None) -> datetime | None:
    """When the earliest queued delivery may be tried (None when nothing waits); the kinds in
    `hold` not before `held_until` (the end of the quiet hours)."""
    queued = Delivery.state == DeliveryState.QUEUED
    due = func.min(func.coalesce(Delivery.next_attempt_at, Delivery.created_at))
    if not hold:
        return session.scalar(select(due).where(queued))
    now_due = session.scalar(select(due).where(queued, Delivery.kind.not_in(hold)))
    later = session.scalar(select(due).where(queued, Delivery.kind.in_(hold)))
    if later is not None and held_until is not None:
        later = max(later, held_until)
    return min((d for d in (now_due, later) if d is not None), default=None)


def last_id(session: Session) -> int:
    """The newest delivery row's id (0 when there is none): a mark to count what comes after."""
    return session.scalar(select(func.max(Delivery.id))) or 0


def after(session: Session, after_id: int) -> dict[tuple[str, str], int]:
    """The rows newer than `after_id`, counted by (kind, state): what a command queued, and
    what became of it."""
    return {
        (kind, state): count for kind, state, count in session.execute(
            select(Delivery.kind, Delivery.state, func.count())
            .where(Delivery.id > after_id).group_by(Delivery.kind, Delivery.state)
        ).all()
    }


def _rank(column) -> Any:
    """A state column's rank, in SQL, so "only forward" is one conditional UPDATE."""
    return case({state.value: rank for state, rank in RANK.items()}, value=column, else_=-1)


def _forward(state: DeliveryState, error_code: int | None = None, failure: str | None = None) -> dict:
    now = utcnow()
    values: dict = {"state": state, "updated_at": now}
    if error_code is not None:
        values["error_code"] = error_code
    if failure is not None:
        values["failure"] = failure
    if state in FINAL:
        values["final_at"] = now
    return values


def apply_status(
    session: Session, sid: str, state: DeliveryState, error_code: int | None, failure: str | None = None
) -> bool:
    """Apply a reported state; False when it says nothing new. Unknown SIDs wait for their row.

    One conditional UPDATE ("only if it moves the row forward"): two reports at once, or the
    same one twice, have one effect on both databases, and nothing is read first to go stale.
    """
    moved = session.execute(
        update(Delivery)
        .where(Delivery.sid == sid, _rank(Delivery.state) < RANK[state])
        .values(**_forward(state, error_code, failure))
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved:
        return True
    if session.scalar(select(Delivery.id).where(Delivery.sid == sid)) is not None:
        return False
    # The provider can report before the sender has stored the SID: keep it for record_sent
    # (and for the sweep's apply_early, should the two cross).
    if not insert_ignore(session, EarlyStatus, sid=sid, status=state, error_code=error_code,
                         received_at=utcnow()):
        session.execute(
            update(EarlyStatus)
            .where(EarlyStatus.sid == sid, _rank(EarlyStatus.status) < RANK[state])
            .values(status=state, error_code=error_code)
        )
    return False


def apply_early(session: Session) -> int:
    """Apply early reports whose SID has been stored since (a report and record_sent crossed)."""
    early = session.execute(
        select(EarlyStatus.sid, EarlyStatus.status, EarlyStatus.error_code)
        .join(Delivery, Delivery.sid == EarlyStatus.sid)
    ).all()
    for sid, status, error_code in early:
        apply_status(session, sid, DeliveryState(status), error_code)
    if early:
        session.execute(delete(EarlyStatus).where(EarlyStatus.sid.in_([e.sid for e in early])))
    return len(early)


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


def failures(session: Session, alert_id: int) -> dict[str, int]:
    """Count an alert's permanently failed alert deliveries by reason ("rejected" when none)."""
    rows = session.execute(
        select(func.coalesce(Delivery.failure, "rejected"), func.count())
        .where(
            Delivery.alert_id == alert_id,
            Delivery.kind == "alert",
            Delivery.state == DeliveryState.FAILED,
            # Not called at night at their own request: not a failure to tell the admins of.
            or_(Delivery.failure.is_(None), Delivery.failure != "night"),
        )
        .group_by(func.coalesce(Delivery.failure, "rejected"))
    )
    return {reason: count for reason, count in rows}


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
    """Move a delivery forward to `state` (never back); True when it moved (once, however raced)."""
    return bool(
        session.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id, _rank(Delivery.state) < RANK[state])
            .values(**_forward(state))
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def sent_call(session: Session, sid: str) -> Delivery | None:
    """The call delivery with this SID while it is placed and not yet answered."""
    delivery = session.scalar(select(Delivery).where(Delivery.sid == sid))
    if delivery is None or delivery.state != DeliveryState.SENT:
        return None
    return delivery


def requeue_call(session: Session, sid: str, at: datetime, why: str) -> bool:
    """Put a placed call nobody took back in the queue for `at`; True for the one that did."""
    return bool(
        session.execute(
            update(Delivery)
            .where(Delivery.sid == sid, Delivery.state == DeliveryState.SENT)
            .values(state=DeliveryState.QUEUED, sid=None, next_attempt_at=at, error_message=why,
                    updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def fail_call(session: Session, sid: str, why: str) -> bool:
    """A placed call nobody took, for the last time; True for the one that failed it."""
    now = utcnow()
    return bool(
        session.execute(
            update(Delivery)
            .where(Delivery.sid == sid, Delivery.state == DeliveryState.SENT)
            .values(state=DeliveryState.FAILED, final_at=now, error_message=why, updated_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
    )
