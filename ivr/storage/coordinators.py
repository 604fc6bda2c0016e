"""Coordinators' accounts for the coordinators' page."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr.storage.models import Coordinator


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
