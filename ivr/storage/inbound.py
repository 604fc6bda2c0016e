"""Inbound SMS by their SID: a retried delivery gets the same reply and no second effect."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr.storage.models import InboundMessage, utcnow
from ivr.storage.upsert import insert_ignore


def first_time(session: Session, message_sid: str, phone: str) -> InboundMessage | None:
    """Record an inbound SID; None when it was seen before (a retry: same reply, no effect).

    The same SID twice at once: the database lets one insert it; the other waits for that one
    to commit and then reads its reply.
    """
    if not insert_ignore(session, InboundMessage, message_sid=message_sid, phone=phone, received_at=utcnow()):
        return None
    return session.get(InboundMessage, message_sid)


def reply_for(session: Session, message_sid: str) -> str | None:
    """The reply given to an SMS seen before."""
    return session.scalar(select(InboundMessage.reply).where(InboundMessage.message_sid == message_sid))
