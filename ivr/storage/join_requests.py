"""Residents' requests to join a group: stored, counted for the limits, purged."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ivr.storage.models import JoinLimit, JoinRequest, Member, MemberStatus
from ivr.storage.upsert import insert_ignore


def add(session: Session, group_id: int, phone: str, channel: str, words: str, passed_on: bool) -> JoinRequest:
    """Store one join request (flushed)."""
    request = JoinRequest(group_id=group_id, phone=phone, channel=channel, words=words, passed_on=passed_on)
    session.add(request)
    session.flush()
    return request


def take_turn(session: Session, phone: str, since: datetime, now: datetime) -> bool:
    """Claim this number's join request for now, unless it made one since `since`.

    One conditional UPDATE of the number's row: of requests at the same moment, one gets it
    (PostgreSQL: the second waits for the first and finds the row taken; SQLite: writers take
    turns), the others hear they asked already.
    """
    insert_ignore(session, JoinLimit, phone=phone, last_at=datetime(2000, 1, 1, tzinfo=timezone.utc))
    return bool(session.execute(
        update(JoinLimit).where(JoinLimit.phone == phone, JoinLimit.last_at < since).values(last_at=now)
    ).rowcount)


def passed_on_since(session: Session, group_id: int, since: datetime) -> int:
    """How many join requests reached the group's admins since `since`."""
    return session.scalar(
        select(func.count(JoinRequest.id)).where(
            JoinRequest.group_id == group_id, JoinRequest.passed_on.is_(True), JoinRequest.created_at >= since
        )
    )


def removed_since(session: Session, group_id: int, phone: str, since: datetime) -> bool:
    """True when the number was taken out of the group (or declined it) since `since`."""
    return session.scalar(
        select(Member.id).where(
            Member.group_id == group_id, Member.phone == phone, Member.status == MemberStatus.INACTIVE,
            Member.removed_at >= since,
        ).limit(1)
    ) is not None

