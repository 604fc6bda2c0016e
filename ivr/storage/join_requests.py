"""Residents' requests to join a group: stored, counted for the limits, purged."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ivr.storage.models import JoinRequest, Member, MemberStatus


def add(session: Session, group_id: int, phone: str, channel: str, words: str, passed_on: bool) -> JoinRequest:
    """Store one join request (flushed)."""
    request = JoinRequest(group_id=group_id, phone=phone, channel=channel, words=words, passed_on=passed_on)
    session.add(request)
    session.flush()
    return request


def asked_since(session: Session, phone: str, since: datetime) -> bool:
    """True when this number asked to join any group since `since`."""
    query = select(JoinRequest.id).where(JoinRequest.phone == phone, JoinRequest.created_at >= since)
    return session.scalar(query.limit(1)) is not None


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

