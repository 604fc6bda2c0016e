"""The engine: SQLite writers of one process take turns instead of meeting SQLite's lock."""
from __future__ import annotations

import sqlite3
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
            target=lambda: read.append(db.reading(engine).connect().execute(text("SELECT count(*) FROM t")).scalar())
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


def test_a_transaction_that_reads_then_writes_waits_for_another_process_writer(tmp_path):
    """Another process (a raw connection, outside this process's writer turns) holds the write
    lock while a transaction here reads and then writes: it waits (the busy timeout), it is
    not told "database is locked" at once, and what it read is what it writes against."""
    engine = _engine(tmp_path)
    other = sqlite3.connect(f"{tmp_path}/turns.sqlite3", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO t VALUES (1)")
    released = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    released.start()
    try:
        with engine.begin() as conn:
            seen = conn.execute(text("SELECT count(*) FROM t")).scalar()
            conn.execute(text("INSERT INTO t VALUES (:n)"), {"n": seen + 10})
    finally:
        released.join()
        other.close()
    with engine.connect() as conn:
        # It began once the other writer was done, so it counted that writer's row.
        assert conn.execute(text("SELECT n FROM t ORDER BY n")).scalars().all() == [1, 11]


def test_a_read_only_unit_of_work_does_not_wait_for_writers(tmp_path):
    engine = _engine(tmp_path)
    other = sqlite3.connect(f"{tmp_path}/turns.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO t VALUES (1)")
    try:
        started = time.monotonic()
        with db.reading(engine).begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 0
        assert time.monotonic() - started < 1
    finally:
        other.execute("COMMIT")
        other.close()
