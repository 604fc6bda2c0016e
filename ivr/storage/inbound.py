"""Inbound SMS by their SID: a retried delivery gets the same reply and no second effect."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.storage.models import InboundMessage


def first_time(session: Session, message_sid: str, phone: str) -> InboundMessage | None:
    """Record an inbound SID; None when it was seen before (a retry: same reply, no effect)."""
    try:
        with session.begin_nested():
            row = InboundMessage(message_sid=message_sid, phone=phone)
            session.add(row)
        return row
    except IntegrityError:
        return None


def reply_for(session: Session, message_sid: str) -> str | None:
    """The reply given to an SMS seen before."""
    return session.scalar(select(InboundMessage.reply).where(InboundMessage.message_sid == message_sid))
