"""The database engine and sessions; whoever owns the unit of work commits."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, g
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL and a busy timeout so web and sender threads share it."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def init_app(app: Flask) -> None:
    """Attach an engine and session factory to the app, and close sessions after requests."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    app.extensions["db_sessions"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def sessions(app: Flask | None = None) -> sessionmaker[Session]:
    """Return the app's session factory (for threads and CLI commands)."""
    return (app or current_app).extensions["db_sessions"]


def session() -> Session:
    """Return the session of the current request or command, opening it on first use."""
    if "db_session" not in g:
        g.db_session = sessions()()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()


@contextmanager
def unit_of_work(app: Flask | None = None) -> Iterator[Session]:
    """Run a block in its own session: commit when it ends, roll back when it raises."""
    with sessions(app)() as db_session:
        with db_session.begin():
            yield db_session


def ping(app: Flask | None = None) -> None:
    """Raise unless the database answers a trivial query."""
    with sessions(app)() as db_session:
        db_session.execute(text("SELECT 1"))
