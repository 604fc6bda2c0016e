"""The database engine and sessions; whoever owns the unit of work commits."""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import g
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ivr.extensions import BuurtlijnApp, current


def make_engine(url: str, pool_size: int = 5, max_overflow: int = 5, statement_timeout_ms: int = 0) -> Engine:
    """Create an engine; SQLite gets WAL and a busy timeout so web and sender threads share it.

    Bound parameters (phone numbers, alert texts) never appear in a logged error. On
    PostgreSQL a statement may run at most `statement_timeout_ms` (well under Twilio's 15 s for
    a webhook); the jobs that need longer (the purge) lift it for their own transaction.
    """
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_SECONDS, "factory": _QueuedWriter},
            hide_parameters=True,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            # pysqlite would begin a transaction only at the first INSERT/UPDATE/DELETE, so
            # what a unit of work read came from outside it; the transaction begins here.
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # A unit of work begins as a writer (SQLAlchemy's recipe for pysqlite): one that
            # read first and wrote later could not wait for another process's writer (SQLite
            # answers "database is locked" at once, its snapshot being stale), so it waits
            # for the lock at BEGIN, within the busy timeout. Read-only work says so (reading).
            conn.exec_driver_sql("BEGIN DEFERRED" if conn.get_execution_options().get(READING) else "BEGIN IMMEDIATE")

        @event.listens_for(engine, "before_cursor_execute")
        def _queue_writers(_conn, cursor, statement, _params, _context, _executemany):
            cursor.connection.before(statement)

        return engine
    options = {"options": f"-c statement_timeout={statement_timeout_ms}"} if statement_timeout_ms else {}
    return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max_overflow,
                         hide_parameters=True, connect_args=options)


# SQLite has one writer at a time; one that finds the database locked sleeps and tries again
# (1, 2, 5 ... up to 100 ms a nap), so under load a voice step could wait 100 ms after the
# sender's write was long done. The writers of one process queue here instead, and the next
# one starts the moment the last one commits. Other processes still meet the busy timeout.
_WRITER = threading.Lock()
BUSY_SECONDS = 30
_READS = ("SELECT", "PRAGMA", "EXPLAIN", "BEGIN DEFERRED")
READING = "buurtlijn_reading"  # an execution option: this unit of work only reads


def reading(engine: Engine) -> Engine:
    """The engine for work that only reads: on SQLite it begins without taking the write lock,
    so it never waits for a writer (WAL serves it the last commit)."""
    return engine.execution_options(**{READING: True})


class _QueuedWriter(sqlite3.Connection):
    """A SQLite connection that takes the process's writer turn before its first write."""

    holding = False

    def before(self, statement: str) -> None:
        """Wait for the writer turn when `statement` writes and this transaction has none yet."""
        if not self.holding and not statement.lstrip().upper().startswith(_READS):
            # Bounded like the busy timeout: a thread that writes on a second connection
            # while its first one holds the turn meets SQLite's own "locked" error, as before.
            self.holding = _WRITER.acquire(timeout=BUSY_SECONDS)

    def commit(self) -> None:
        self._ending(super().commit)

    def rollback(self) -> None:
        self._ending(super().rollback)

    def close(self) -> None:
        self._ending(super().close)

    def _ending(self, end) -> None:
        """End the transaction (or the connection), then hand the writer turn on."""
        try:
            end()
        finally:
            self._hand_on()

    def _hand_on(self) -> None:
        if self.holding:
            self.holding = False
            _WRITER.release()


def init_app(app: BuurtlijnApp) -> None:
    """Attach an engine and session factory to the app, and close sessions after requests."""
    cfg = app.config
    app.db_engine = make_engine(cfg["DATABASE_URL"], cfg.get("DB_POOL_SIZE", 5), cfg.get("DB_MAX_OVERFLOW", 5),
                                cfg.get("DB_STATEMENT_TIMEOUT_MS", 0))
    app.db_sessions = sessionmaker(app.db_engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def sessions(app: BuurtlijnApp | None = None) -> sessionmaker[Session]:
    """Return the app's session factory (for threads and CLI commands)."""
    return (app or current()).db_sessions


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
def unit_of_work(app: BuurtlijnApp | None = None, dispatch: bool = True, reads_only: bool = False) -> Iterator[Session]:
    """Run a block in its own session: commit when it ends, roll back when it raises.

    After the commit, the dispatcher hears once what the block queued (new alerts, others);
    the engine itself, which goes on sending what it queues, passes `dispatch=False`. A block
    that only reads says `reads_only`: on SQLite it then never waits for a writer.
    """
    owner = app or current()
    bind = {"bind": reading(owner.db_engine)} if reads_only else {}
    with sessions(owner)(**bind) as db_session:
        with db_session.begin():
            yield db_session
        if dispatch:
            dispatch_queued(owner, db_session)


def commit(db_session: Session, app: BuurtlijnApp | None = None) -> None:
    """Commit a request's unit of work, then hand what it queued to the dispatcher once."""
    db_session.commit()
    dispatch_queued(app or current(), db_session)


def rollback(db_session: Session) -> None:
    """Undo a request's unit of work, and forget what it would have queued."""
    from ivr.storage import deliveries

    db_session.rollback()
    deliveries.take_queued(db_session)


def dispatch_queued(app: BuurtlijnApp, db_session: Session) -> None:
    """Tell the dispatcher about the committed deliveries (if it is there yet)."""
    from ivr.storage import deliveries

    queued = deliveries.take_queued(db_session)
    dispatcher = getattr(app, "dispatcher", None)
    if queued and dispatcher is not None:
        dispatcher.queued(queued)


def ping(app: BuurtlijnApp | None = None) -> None:
    """Raise unless the database answers a trivial query."""
    with unit_of_work(app, dispatch=False, reads_only=True) as db_session:
        db_session.execute(text("SELECT 1"))


def has_voice_members(app: BuurtlijnApp) -> bool:
    """True when some member gets alerts by phone call (False before the first migration)."""
    from ivr.storage.models import Member

    try:
        with sessions(app)() as db_session:
            return db_session.scalar(
                select(Member.id).where(Member.channel == "voice", Member.status.in_(("active", "invited"))).limit(1)
            ) is not None
    except SQLAlchemyError:
        return False
