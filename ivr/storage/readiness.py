"""What readiness asks of the delivery rows: how long the oldest due one waits, what is stuck."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ivr.storage.models import Delivery, DeliveryState, utcnow


def oldest_due_seconds(session: Session) -> float | None:
    """Seconds the longest-waiting due queued delivery has been due (None when none waits)."""
    now = utcnow()
    due_since = session.scalar(
        select(func.min(func.coalesce(Delivery.next_attempt_at, Delivery.created_at))).where(
            Delivery.state == DeliveryState.QUEUED,
            or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
        )
    )
    if due_since is None:
        return None
    if due_since.tzinfo is None:  # SQLite's func.min drops the column's type
        from datetime import timezone

        due_since = due_since.replace(tzinfo=timezone.utc)
    return round((now - due_since).total_seconds(), 1)


def stuck_sending(session: Session, lease_seconds: float) -> int:
    """Rows in "sending", without a SID, claimed longer ago than the lease."""
    return session.scalar(
        select(func.count(Delivery.id)).where(
            Delivery.state == DeliveryState.SENDING, Delivery.sid.is_(None),
            Delivery.claimed_at < utcnow() - timedelta(seconds=lease_seconds),
        )
    )
