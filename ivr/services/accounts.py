"""Coordinators' accounts: creating them, and checking a login with its lockout."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ivr.storage import coordinators
from ivr.storage.models import Coordinator, utcnow

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10


def normal_email(email: str) -> str:
    """The form an e-mail address is stored and looked up in."""
    return (email or "").strip().lower()


def create(session: Session, email: str, password: str) -> Coordinator:
    """Add a coordinator account (the password is stored hashed)."""
    email = normal_email(email)
    if "@" not in email:
        raise ValueError("that is not an e-mail address")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    if coordinators.by_email(session, email) is not None:
        raise ValueError(f"{email} exists already")
    return coordinators.add_account(session, email, generate_password_hash(password))


@dataclass(frozen=True)
class Login:
    """A login attempt's result: the account when it succeeded, else why not."""

    account: Coordinator | None
    locked: bool = False


def check_login(session: Session, email: str, password: str) -> Login:
    """Check a password; five wrong ones lock the account for a while (the caller commits)."""
    account = coordinators.by_email(session, normal_email(email), lock=True)
    now = utcnow()
    if account is not None and account.locked_until and account.locked_until > now:
        return Login(None, locked=True)
    if account is not None and check_password_hash(account.password_hash, password):
        account.failed_logins, account.locked_until = 0, None
        return Login(account)
    if account is not None:
        account.failed_logins += 1
        if account.failed_logins >= MAX_FAILURES:
            account.locked_until, account.failed_logins = now + LOCKOUT, 0
    return Login(None)
