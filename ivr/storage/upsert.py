"""INSERT ... ON CONFLICT DO NOTHING on both databases: the database decides who was first."""
from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session


def insert_ignore(session: Session, model: Any, **values: Any) -> bool:
    """Insert a row unless one with the same key exists; True when this call inserted it.

    Two requests doing this at once each get an answer, never an IntegrityError: on
    PostgreSQL the second waits for the first's transaction, on SQLite writers take turns.
    """
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    return bool(session.execute(insert(model).values(**values).on_conflict_do_nothing()).rowcount)
