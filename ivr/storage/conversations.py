"""SMS conversations: a sender's open question (the 112 question after MELD), with its expiry."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ivr.storage.models import Member, SmsConversation, utcnow


def open_conversation(session: Session, phone: str) -> SmsConversation | None:
    """The phone's conversation that has not expired, if any."""
    return session.scalar(
        select(SmsConversation)
        .where(SmsConversation.phone == phone, SmsConversation.expires_at > utcnow())
        .order_by(SmsConversation.id.desc())
        .limit(1)
    )


def expired_conversation(session: Session, phone: str, states: tuple[str, ...]) -> SmsConversation | None:
    """The phone's newest conversation in one of `states` that ran out unanswered (to say so once)."""
    return session.scalar(
        select(SmsConversation)
        .where(SmsConversation.phone == phone, SmsConversation.state.in_(states),
               SmsConversation.expires_at <= utcnow())
        .order_by(SmsConversation.id.desc())
        .limit(1)
    )


def start_conversation(session: Session, member: Member, state: str, data: dict, lasts: timedelta) -> None:
    """Open a conversation, closing any older one of the same phone."""
    end_conversations(session, member.phone)
    session.add(
        SmsConversation(
            phone=member.phone, member_id=member.id, state=state, data=data,
            expires_at=utcnow() + lasts,
        )
    )


def end_conversations(session: Session, phone: str) -> None:
    """Close every conversation of this phone."""
    session.execute(delete(SmsConversation).where(SmsConversation.phone == phone))


def take(session: Session, conversation_id: int, waiting: str, answered: str) -> bool:
    """Mark a waiting conversation answered, to act on its answer; True for the one request
    that did (the row stays until it expires, so a repeated answer hears it was done)."""
    return bool(
        session.execute(
            update(SmsConversation)
            .where(SmsConversation.id == conversation_id, SmsConversation.state == waiting)
            .values(state=answered)
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def due_reminders(session: Session, state: str, asked_before: datetime, now: datetime) -> list[SmsConversation]:
    """Open conversations in `state` whose question was asked before `asked_before`."""
    return list(session.scalars(
        select(SmsConversation).where(
            SmsConversation.state == state, SmsConversation.created_at <= asked_before,
            SmsConversation.expires_at > now,
        )
    ))


def lapsing(session: Session, states: list[str], now: datetime) -> list[SmsConversation]:
    """Conversations in one of `states` whose time ran out unanswered."""
    return list(session.scalars(
        select(SmsConversation).where(SmsConversation.state.in_(states), SmsConversation.expires_at <= now)
    ))
