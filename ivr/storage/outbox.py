"""The development outbox: messages kept instead of handed to a provider."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr.storage.models import OutboxMessage


def keep(session: Session, sid: str, to: str, from_phone: str | None, body: str) -> None:
    """Keep one message in the outbox."""
    session.add(OutboxMessage(sid=sid, to_phone=to, from_phone=from_phone, body=body))


def find(
    session: Session, to: str, since: datetime, *, body: str | None = None, prefix: str | None = None
) -> str | None:
    """The SID of a message kept for `to` since `since`: this exact body, or one that starts so."""
    query = select(OutboxMessage.sid).where(
        OutboxMessage.to_phone == to, OutboxMessage.created_at >= since
    )
    if body is not None:
        query = query.where(OutboxMessage.body == body)
    if prefix is not None:
        query = query.where(OutboxMessage.body.startswith(prefix))
    return session.scalar(query.limit(1))


def recent(session: Session, limit: int) -> list[OutboxMessage]:
    """The newest kept messages, oldest of them first."""
    rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit))
    return list(reversed(list(rows)))
