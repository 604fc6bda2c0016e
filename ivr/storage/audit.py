"""The audit log: who changed what in a group, and when."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
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


def audited_since(session: Session, group_id: int, action: str, since: datetime) -> bool:
    """True when the group's log has `action` since `since`."""
    return session.scalar(
        select(AuditEntry.id).where(
            AuditEntry.group_id == group_id, AuditEntry.action == action, AuditEntry.created_at >= since
        ).limit(1)
    ) is not None
