"""Coordinators' accounts for the coordinators' page, and the count of their password checks."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, delete, select, update
from sqlalchemy.orm import Session

from ivr.storage.models import Coordinator, LoginAttempt, utcnow
from ivr.storage.upsert import insert_ignore


def by_email(session: Session, email: str, lock: bool = False) -> Coordinator | None:
    """The account with this (lower-case) e-mail, locked for an update when asked."""
    query = select(Coordinator).where(Coordinator.email == email)
    return session.scalar(query.with_for_update() if lock else query)


def add_account(session: Session, email: str, password_hash: str) -> Coordinator:
    """Store an account (flushed)."""
    account = Coordinator(email=email, password_hash=password_hash)
    session.add(account)
    session.flush()
    return account


def by_id(session: Session, account_id: int) -> Coordinator | None:
    """The account with this id."""
    return session.get(Coordinator, account_id)


def count_attempt(session: Session, key: str, window_opened_after: datetime) -> int:
    """Count one more password check for `key`, atomically; return the checks in its window.

    A window older than `window_opened_after` starts again at 1. The row is created if need
    be (INSERT ... ON CONFLICT DO NOTHING) and bumped in one UPDATE, so concurrent requests on
    any number of processes each see a different count.
    """
    now = utcnow()
    insert_ignore(session, LoginAttempt, key=key, tries=0, window_start=now)
    fresh = LoginAttempt.window_start < window_opened_after
    return session.execute(
        update(LoginAttempt)
        .where(LoginAttempt.key == key)
        .values(
            tries=case((fresh, 1), else_=LoginAttempt.tries + 1),
            window_start=case((fresh, now), else_=LoginAttempt.window_start),
        )
        .returning(LoginAttempt.tries)
    ).scalar_one()


def forget_attempts(session: Session, key: str) -> None:
    """A successful login clears its key's count."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == key))
