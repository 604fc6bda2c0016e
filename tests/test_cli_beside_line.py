"""Operator commands beside a running line (issue 23, part 1): a command that queues messages
leaves the sending to the line, claims nothing it will not send, and prints no traceback."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ivr.storage.models import DeliveryState
from tests.helpers import add_members, free_port, new_alert, procfile, rows, to

ROOT = Path(__file__).resolve().parents[1]
FLASK = str(Path(sys.executable).parent / "flask")


def line_env(database_url: str, **extra: str) -> dict[str, str]:
    """The embedded default as `make run` has it: development, the outbox, no Celery."""
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "REDIS_URL")}
    return {**env, "DATABASE_URL": database_url, "BUURTLIJN_ENV": "development", "QUIET_HOURS": "",
            "SEND_SWEEP_SECONDS": "2", "LOG_FORMAT": "text", **extra}


def write_csv(tmp_path: Path) -> Path:
    csv = tmp_path / "leden.csv"
    csv.write_text("phone,name,street\n06-55555555,Kees,Molenstraat\n06-46666666,Ria,Wiekweg\n",
                   encoding="utf-8")
    return csv


@pytest.mark.parametrize("serve, started", [
    ("flask --app app run --port $PORT", "Running on"),  # as `make run` starts it
    ("WEB_CONCURRENCY=2 " + procfile("web"), "Booting worker"),  # gunicorn, the Procfile's web line
], ids=["flask-run", "gunicorn"])
def test_a_running_line_sends_what_an_import_beside_it_queued(app, molenwijk, database_url, tmp_path,
                                                              serve, started):
    port = free_port()
    env = line_env(database_url, PORT=str(port), SECRET_KEY="beside-the-line",
                   PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    log = tmp_path / "line.log"
    # Nobody has called the line yet (no first request): its sweep runs all the same.
    line = subprocess.Popen(["bash", "-c", f"exec env {serve}"], cwd=ROOT, env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while started not in log.read_text():
            assert line.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        command = subprocess.run([FLASK, "--app", "app", "member", "import", "Molenwijk", str(write_csv(tmp_path))],
                                 cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        done = time.monotonic()
        said = command.stdout + command.stderr
        assert command.returncode == 0, said
        assert "Traceback" not in said and "RuntimeError" not in said, said
        assert "2 invitations and 1 admin notice queued; the running line sends them" in command.stdout, said
        # Picked up by the line within its sweep (SEND_SWEEP_SECONDS, 2 s), with room for a busy machine.
        while Counter(r.state for r in rows(app))[DeliveryState.SENT] < 3:
            assert time.monotonic() - done < 10, (Counter(r.state for r in rows(app)), log.read_text())
            time.sleep(0.1)
    finally:
        line.terminate()
        line.wait(20)
    assert "Traceback" not in log.read_text(), log.read_text()


def test_a_command_claims_nothing_and_says_who_sends(app, runner, molenwijk, tmp_path):
    result = runner.invoke(args=["member", "import", "Molenwijk", str(write_csv(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "2 invitations and 1 admin notice queued" in result.output
    assert "--send" in result.output  # what to do when no line runs
    app.dispatcher.wait_idle(timeout=10)
    assert {r.state for r in rows(app)} == {DeliveryState.QUEUED}, "the command claimed rows it did not send"


def test_send_sends_in_the_foreground_with_progress(app, runner, molenwijk, tmp_path):
    result = runner.invoke(args=["member", "import", "Molenwijk", str(write_csv(tmp_path)), "--send"])
    assert result.exit_code == 0, result.output
    # Sent before the command returned: nothing was left to a line.
    assert [r.state for r in rows(app)] == [DeliveryState.SENT] * 3
    assert "sent 3 of 3" in result.output, result.output


def test_every_queuing_command_leaves_sending_to_the_line(app, runner, molenwijk):
    for args in (["member", "remove", "Molenwijk", "06-23456789"],
                 ["group", "create", "Wiekwijk", "--admin", "06-41111111"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        assert "queued; the running line sends them" in result.output, result.output
    app.dispatcher.wait_idle(timeout=10)
    assert {r.state for r in rows(app)} == {DeliveryState.QUEUED}
    # A new group's admin is welcomed with the admin keywords, on the phone they use them from.
    assert to(app, "+31641111111")[0].startswith("Welkom bij Buurtlijn: u bent beheerder van buurtpreventie Wiekwijk.")


def test_a_command_that_queues_nothing_says_nothing_of_sending(runner, molenwijk):
    result = runner.invoke(args=["member", "add", "Molenwijk", "06-45678901", "--name", "Jo"])
    assert result.exit_code == 0 and "added to Molenwijk" in result.output, result.output
    assert "queued" not in result.output and "sending" not in result.output


def test_in_the_quiet_hours_the_command_says_when_they_go(app, make_app, molenwijk, tmp_path):
    now = datetime.now(ZoneInfo("Europe/Amsterdam"))
    window = f"{(now - timedelta(hours=1)):%H:%M}-{(now + timedelta(hours=2)):%H:%M}"
    quiet = make_app(QUIET_HOURS=window)
    result = quiet.test_cli_runner().invoke(args=["member", "import", "Molenwijk", str(write_csv(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "held for the quiet hours until" in result.output, result.output


# --- part 2: SQLite writers in two processes ------------------------------------------------


def sqlite_only(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's single writer across processes; PostgreSQL locks rows")


def test_an_import_beside_a_process_sending_a_large_alert_never_meets_the_lock(
        app, runner, group, database_url, tmp_path):
    sqlite_only(database_url)
    add_members(app, group, 500)
    for _ in range(4):  # 2,000 SMS: the sender writes claims, bookings, outcomes and the outbox
        new_alert(app, group)
    env = line_env(database_url, SMS_PER_SECOND="400", SEND_CONCURRENCY="20")
    log = tmp_path / "worker.log"
    worker = subprocess.Popen([FLASK, "--app", "app", "worker"], cwd=ROOT, env=env,
                              stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        while not rows(app, state=DeliveryState.SENT):  # the other process is writing
            assert worker.poll() is None, log.read_text()
            time.sleep(0.05)
        for n in range(20):
            csv = tmp_path / f"lijst{n}.csv"
            csv.write_text(f"phone,name\n+316200{n:05d},Buur {n}\n", encoding="utf-8")
            result = runner.invoke(args=["member", "import", "Molenwijk", str(csv)])
            assert result.exit_code == 0 and "1 invited" in result.output, (n, result.output)
        assert len(rows(app, state=DeliveryState.SENT)) < 2000, "the imports did not run beside the sending"
    finally:
        worker.terminate()
        worker.wait(30)
    assert "locked" not in log.read_text() and "Traceback" not in log.read_text(), log.read_text()[-3000:]


def test_a_database_locked_past_the_timeout_gets_one_clear_line(make_app, database_url, molenwijk, tmp_path,
                                                               monkeypatch):
    sqlite_only(database_url)
    from ivr import db as db_module

    monkeypatch.setattr(db_module, "BUSY_SECONDS", 1)
    app = make_app()
    other = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writes, and keeps writing
    try:
        result = app.test_cli_runner().invoke(args=["member", "import", "Molenwijk", str(write_csv(tmp_path))])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: the database stayed locked by another process for 1 s; nothing was changed: try again in a moment"
    ), result.output
    assert not rows(app, kind="invitation")
