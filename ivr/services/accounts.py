"""Coordinators' accounts: creating them, changing a password, and checking a login.

Guessing is throttled per e-mail address and client (five password checks per quarter hour),
counted atomically in the database, so a guesser is stopped while the owner, coming from
elsewhere, still logs in (per client, whatever the address, Flask-Limiter counts too). An
account also has a ceiling (ACCOUNT_CEILING checks a quarter hour, from all clients together)
that only a distributed attack meets; past it the account is not locked but slowed: each client
gets one check a quarter hour, so the owner's first try still counts. An unknown address is
throttled, answered and timed exactly as a known one (a dummy hash is checked). A logout or a
password change raises the account's session generation: every session cookie made before it
is void.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ivr.flows import postcodes
from ivr.storage import coordinators
from ivr.storage.models import Coordinator, utcnow

MAX_TRIES = 5  # password checks per e-mail address and client in one window
ACCOUNT_CEILING = 100  # checks per e-mail address in one window, from every client together
SLOWED_TRIES = 1  # per e-mail address and client in one window, once the ceiling is met
WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 10


def normal_email(email: str) -> str:
    """The form an e-mail address is stored and looked up in."""
    return (email or "").strip().lower()[:254]


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    return generate_password_hash(password)


def check_new_email(session: Session, email: str) -> str:
    """The address for a new account, or ValueError: not an address, or taken."""
    email = normal_email(email)
    local, _, domain = email.partition("@")
    if not local or "." not in domain.strip(".") or " " in email or domain.startswith("."):
        raise ValueError(f"{email!r} is not an e-mail address (like naam@gemeente.nl)")
    if coordinators.by_email(session, email) is not None:
        raise ValueError(f"{email} exists already (a new password: coordinator password {email})")
    return email


def create(session: Session, email: str, password: str, area: list[tuple[int, int]] | None = None) -> Coordinator:
    """Add a coordinator account (the password is stored hashed) that sees the groups of
    `area` (PC4 ranges; none: every group)."""
    email = check_new_email(session, email)
    account = coordinators.add_account(session, email, _check_password(password))
    account.area = postcodes.scope_text(area or [])
    return account


def area_of(account: Coordinator) -> list[tuple[int, int]] | None:
    """The PC4 ranges whose groups the account sees; None: every group."""
    return postcodes.parse_scope(account.area.split()) if account.area else None


def change_password(session: Session, email: str, password: str) -> Coordinator:
    """Set a new password; every session of the account ends."""
    account = coordinators.by_email(session, normal_email(email), lock=True)
    if account is None:
        raise ValueError(f"no coordinator {normal_email(email)}")
    account.password_hash = _check_password(password)
    account.session_generation += 1
    return account


def end_sessions(session: Session, account_id: int) -> None:
    """Logout: every copy of the account's session cookie is void from now on."""
    account = coordinators.by_id(session, account_id)
    if account is not None:
        account.session_generation += 1


def session_account(session: Session, account_id: object, generation: object) -> Coordinator | None:
    """The account a session cookie stands for, if that cookie is still valid."""
    if not isinstance(account_id, int) or not isinstance(generation, int):
        return None
    account = coordinators.by_id(session, account_id)
    if account is None or account.session_generation != generation:
        return None
    return account


@functools.cache
def _dummy_hash() -> str:
    return generate_password_hash("not the password of anyone at all")


def throttle_key(email: str, client: str) -> str:
    """The key a login is counted under: the e-mail address and the client, hashed."""
    return hashlib.sha256(f"{normal_email(email)}\n{client}".encode()).hexdigest()


@dataclass(frozen=True)
class Login:
    """A login attempt's result: the account when it succeeded, else why not."""

    account: Coordinator | None
    locked: bool = False


def account_key(email: str) -> str:
    """The key every client's checks of one e-mail address are counted under, hashed."""
    return hashlib.sha256(f"{normal_email(email)}\n*".encode()).hexdigest()


def count_try(session: Session, email: str, client: str) -> bool:
    """Count one password check for this e-mail and client; False when it may not be made
    (past MAX_TRIES, or past SLOWED_TRIES while the account's ceiling is met). Commit it first."""
    opened_after = utcnow() - WINDOW
    tries = coordinators.count_attempt(session, throttle_key(email, client), opened_after)
    everyone = coordinators.count_attempt(session, account_key(email), opened_after)
    return tries <= (SLOWED_TRIES if everyone > ACCOUNT_CEILING else MAX_TRIES)


def check_login(session: Session, email: str, password: str, client: str) -> Login:
    """Check a password (after `count_try` allowed it); a success clears the count."""
    account = coordinators.by_email(session, normal_email(email))
    # The same work whether or not the address is known: no telling the two apart by time.
    ok = check_password_hash(account.password_hash if account else _dummy_hash(), password or "")
    if account is not None and ok:
        coordinators.forget_attempts(session, throttle_key(email, client))
        return Login(account)
    return Login(None)
