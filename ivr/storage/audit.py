"""The audit log: who changed what in a group, and when."""
from __future__ import annotations

from datetime import datetime

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ivr.storage.models import AuditEntry, Member


def audit(
    session: Session, group_id: int, actor: Member | None, action: str, target: str | None,
    detail: str | None = None,
) -> None:
    """Write one audit entry."""
    session.add(
        AuditEntry(group_id=group_id, actor_id=actor.id if actor else None, action=action,
                   target_phone=target, detail=detail)
    )


def audited_since(
    session: Session, group_id: int, action: str, since: datetime, actor_id: int | None = None
) -> bool:
    """True when the group's log has `action` since `since` (by `actor_id`, when given)."""
    query = select(AuditEntry.id).where(
        AuditEntry.group_id == group_id, AuditEntry.action == action, AuditEntry.created_at >= since
    )
    if actor_id is not None:
        query = query.where(AuditEntry.actor_id == actor_id)
    return session.scalar(query.limit(1)) is not None


def count_since(
    session: Session, group_id: int, actions: Iterable[str], since: datetime, actor_id: int | None = None
) -> int:
    """How many of these actions the group's log has since `since` (by `actor_id`, when given)."""
    query = select(func.count(AuditEntry.id)).where(
        AuditEntry.group_id == group_id, AuditEntry.action.in_(list(actions)), AuditEntry.created_at >= since
    )
    if actor_id is not None:
        query = query.where(AuditEntry.actor_id == actor_id)
    return session.scalar(query)
