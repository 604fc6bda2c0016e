"""The engine: SQLite writers of one process take turns instead of meeting SQLite's lock."""
from __future__ import annotations

import threading
import time

from sqlalchemy import text

from ivr import db


def _engine(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path}/turns.sqlite3")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    return engine


def test_a_second_writer_waits_its_turn_and_never_meets_the_lock(tmp_path):
    engine = _engine(tmp_path)
    first_wrote, outcome = threading.Event(), []

    def second() -> None:
        first_wrote.wait(5)
        try:
            with engine.begin() as conn:
                # No busy timeout: had it met SQLite's write lock, this would fail at once.
                conn.execute(text("PRAGMA busy_timeout=0"))
                conn.execute(text("INSERT INTO t VALUES (2)"))
            outcome.append("written")
        except Exception as exc:  # what the old engine did: "database is locked"
            outcome.append(repr(exc))

    waiter = threading.Thread(target=second)
    waiter.start()
    with engine.begin() as conn:
        conn.execute(text("PRAGMA busy_timeout=0"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
        first_wrote.set()
        time.sleep(0.3)  # the second writer arrives while this transaction holds the turn
        assert not outcome
    waiter.join(5)
    assert outcome == ["written"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM t ORDER BY n")).scalars().all() == [1, 2]


def test_readers_do_not_wait_for_a_writer(tmp_path):
    engine = _engine(tmp_path)
    with engine.begin() as writer:
        writer.execute(text("INSERT INTO t VALUES (1)"))
        read = []
        reader = threading.Thread(
            target=lambda: read.append(engine.connect().execute(text("SELECT count(*) FROM t")).scalar())
        )
        reader.start()
        reader.join(2)
        assert read == [0]  # WAL: the reader saw the last commit, without waiting


def test_the_turn_is_handed_on_after_a_commit_and_a_rollback(tmp_path):
    engine = _engine(tmp_path)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (1)"))
        assert db._WRITER.locked()
    assert not db._WRITER.locked()
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (2)"))
            raise RuntimeError("the unit of work failed")
    except RuntimeError:
        pass
    assert not db._WRITER.locked()
