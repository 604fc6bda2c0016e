"""Numbers that said no: a STOP (until START), an invitation declined or left to lapse."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from ivr.storage.models import NumberRefusal, utcnow

STOP = "stop"
DECLINED = "declined"
LAPSED = "lapsed"


def refuse(session: Session, phone: str, reason: str, at: datetime | None = None) -> None:
    """Record that `phone` said no (`reason`); a newer no of the same kind restarts its clock."""
    at = at or utcnow()
    moved = session.execute(
        update(NumberRefusal)
        .where(NumberRefusal.phone == phone, NumberRefusal.reason == reason)
        .values(created_at=at)
    ).rowcount
    if not moved:
        with session.begin_nested():
            session.add(NumberRefusal(phone=phone, reason=reason, created_at=at))


def lift_stop(session: Session, phone: str) -> None:
    """START: the number may be texted and called again."""
    session.execute(delete(NumberRefusal).where(NumberRefusal.phone == phone, NumberRefusal.reason == STOP))


def stopped(session: Session, phone: str) -> bool:
    """True while the number's STOP stands."""
    return bool(stopped_among(session, [phone]))


def stopped_among(session: Session, phones: Iterable[str]) -> set[str]:
    """Which of these numbers sent STOP and no START since."""
    wanted = sorted(set(phones))
    if not wanted:
        return set()
    return set(
        session.scalars(
            select(NumberRefusal.phone).where(NumberRefusal.phone.in_(wanted), NumberRefusal.reason == STOP)
        )
    )


def refused_since(session: Session, phone: str, since: datetime) -> bool:
    """True when the number's STOP stands, or it declined or let an invitation lapse since `since`."""
    return session.scalar(
        select(NumberRefusal.id).where(
            NumberRefusal.phone == phone,
            or_(NumberRefusal.reason == STOP, NumberRefusal.created_at >= since),
        ).limit(1)
    ) is not None


def forget_before(session: Session, before: datetime) -> int:
    """Erase declined and lapsed invitations older than `before` (a STOP stays until START)."""
    return session.execute(
        delete(NumberRefusal).where(NumberRefusal.reason != STOP, NumberRefusal.created_at < before)
    ).rowcount
