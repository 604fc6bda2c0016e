"""Call sessions: a call's place in the flow between the provider's requests."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ivr.storage.models import CallSession, utcnow
from ivr.storage.upsert import insert_ignore


def load(session: Session, call_sid: str) -> CallSession | None:
    """Return the call's session, locked for this request until it commits.

    A write comes first: on PostgreSQL it locks the row, on SQLite it takes the single write
    lock before anything is read, so two requests for one call take turns and the second
    reads what the first wrote (no stale snapshot, no double effect).
    """
    session.execute(
        update(CallSession).where(CallSession.call_sid == call_sid).values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return session.scalar(
        select(CallSession).where(CallSession.call_sid == call_sid).with_for_update()
        .execution_options(populate_existing=True)
    )


def claim(session: Session, call_sid: str, caller: str, state: str) -> CallSession | None:
    """Create the call's session; None when another request for the call made it first."""
    now = utcnow()
    if not insert_ignore(session, CallSession, call_sid=call_sid, caller=caller, state=state, data={},
                         no_input=0, invalid=0, created_at=now, updated_at=now):
        return None
    return load(session, call_sid)


# States in which a call ended with nothing to take up again.
_DONE = ("sent", "unknown_caller", "hidden_caller")


def unfinished_report(session: Session, caller: str, resume_minutes: int) -> CallSession | None:
    """The caller's newest report to take up again: held for 112, or cut off minutes ago.

    A report waits for 112 until `held_until`; one that was under way (112 answered) when
    its call ended, by a hang-up or by giving up, waits `resume_minutes` after its last step.
    """
    now = utcnow()
    recent = now - timedelta(minutes=resume_minutes)
    rows = session.scalars(
        select(CallSession)
        .where(
            CallSession.caller == caller,
            CallSession.alert_id.is_(None),
            CallSession.state.not_in(_DONE),
            (CallSession.held_until > now) | (CallSession.updated_at > recent),
        )
        .order_by(CallSession.updated_at.desc())
        .limit(5)
        .with_for_update()
    )
    for row in rows:
        data = row.data or {}
        if "continued_in" in data or "group_id" not in data:
            continue
        held = row.held_until is not None and row.held_until > now
        if held or "emergency_called" in data:
            return row
    return None


def take_over(old: CallSession, new: CallSession) -> None:
    """The report of `old` goes on in `new`: the hold moves along, `old` is not offered again."""
    new.held_until = old.held_until
    old.held_until = None
    old.data = {**old.data, "continued_in": new.call_sid}


def hold(call: CallSession, minutes: int) -> None:
    """Keep the call's report for a call back within `minutes`."""
    call.held_until = utcnow() + timedelta(minutes=minutes)


def release(session: Session, caller: str) -> None:
    """Drop every held report of this caller: it goes on (or ended) in a newer call."""
    for held in session.scalars(
        select(CallSession).where(CallSession.caller == caller, CallSession.held_until.is_not(None))
    ):
        held.held_until = None
