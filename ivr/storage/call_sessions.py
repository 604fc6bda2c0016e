"""Call sessions: a call's place in the flow between the provider's requests."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr.storage.models import CallSession, utcnow


def load(session: Session, call_sid: str) -> CallSession | None:
    """Return the call's session, locked for this request where the database can."""
    return session.scalar(
        select(CallSession).where(CallSession.call_sid == call_sid).with_for_update()
    )


def held_report(session: Session, caller: str) -> CallSession | None:
    """Return the caller's newest report still held for a call back after 112."""
    return session.scalar(
        select(CallSession)
        .where(CallSession.caller == caller, CallSession.held_until > utcnow())
        .order_by(CallSession.held_until.desc())
        .limit(1)
        .with_for_update()
    )


def hold(call: CallSession, minutes: int) -> None:
    """Keep the call's report for a call back within `minutes`."""
    call.held_until = utcnow() + timedelta(minutes=minutes)


def release(session: Session, caller: str) -> None:
    """Drop every held report of this caller: it goes on (or ended) in a newer call."""
    for held in session.scalars(
        select(CallSession).where(CallSession.caller == caller, CallSession.held_until.is_not(None))
    ):
        held.held_until = None
