"""The shared sending schedule in the database: one row per lane, booked up to a moment."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import case, literal, select, update
from sqlalchemy.orm import Session

from ivr.storage.models import SendPace
from ivr.storage.upsert import insert_ignore


def book(session: Session, lane: str, clock: Callable[[], float], seconds: float) -> float:
    """Book `seconds` of the lane from its first free moment (not before now); return that moment.

    Two processes booking at once get consecutive, never equal, slots: the row is locked first
    (SQLite: the insert takes the write lock; PostgreSQL: FOR UPDATE), and only then is `clock`
    read, so a booking that waited for the other one does not start in the past (a burst).
    """
    insert_ignore(session, SendPace, lane=lane, booked_until=0.0)
    session.execute(select(SendPace.lane).where(SendPace.lane == lane).with_for_update())
    now = clock()
    free = case((SendPace.booked_until > now, SendPace.booked_until), else_=literal(now))
    until = session.execute(
        update(SendPace).where(SendPace.lane == lane)
        .values(booked_until=free + seconds)
        .returning(SendPace.booked_until)
    ).scalar_one()
    return until - seconds


def booked_until(session: Session, lane: str) -> float:
    """The moment up to which the lane is booked (0: never)."""
    return session.scalar(select(SendPace.booked_until).where(SendPace.lane == lane)) or 0.0
