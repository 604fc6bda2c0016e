"""Replay, at scale, what goes wrong on a real line, and count who was reached:
`make faults` (or `python bench/faults.py [--members N] [--database URL]`).

Each scenario broadcasts one alert (two for the broker) to N members through the real twilio
client and a fake Twilio on this machine, with a fault switched on, then prints: members,
reached (exactly once), doubled, lost, and the seconds from the alert to the last member's
message accepted at the fake. Nothing leaves this machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import create_engine, insert, text  # noqa: E402

from devtools.fake_twilio import DROP, LATE, FakeTwilio  # noqa: E402
from ivr import create_app, db, migrate  # noqa: E402
from ivr.services import membership, reporting  # noqa: E402
from ivr.storage import groups  # noqa: E402
from ivr.storage.models import Base, Member, utcnow  # noqa: E402
from ivr.twilio import signatures  # noqa: E402

ACCOUNT, TOKEN, LINE, ADMIN = "AC" + "f" * 32, "faults-token", "+3197010000000", "+31612345678"
TIMEOUT = 0.5  # the client's time-out in these runs (TWILIO_TIMEOUT_SECONDS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database(url: str, members: int) -> list[str]:
    engine = create_engine(url)
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SWEEP_ON_START": False, "TWILIO_AUTH_TOKEN": TOKEN})
    migrate.upgrade(app)
    numbers = [f"+3162{i:07d}" for i in range(members)]
    with db.unit_of_work(app, dispatch=False) as session:
        group = groups.add_group(session, "Faults")
        membership.add_member(session, group, ADMIN, is_admin=True)
        session.execute(insert(Member), [
            {"group_id": group.id, "phone": p, "status": "active", "is_admin": False,
             "number_kind": "mobile", "created_at": utcnow()} for p in numbers])
    app.db_engine.dispose()
    return numbers + [ADMIN]


def settings(url: str, fake_url: str, **extra) -> dict:
    return {"DATABASE_URL": url, "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN,
            "TWILIO_PHONE_NUMBER": LINE, "TWILIO_API_URL": fake_url, "PUBLIC_URL": "https://lijn.example.nl",
            "SEND_CONCURRENCY": 20, "SMS_PER_SECOND": 100000.0, "SEND_BACKOFF_SECONDS": 0.2, "TWILIO_TIMEOUT_SECONDS": TIMEOUT,
            "SWEEP_ON_START": False, "TESTING": True, **extra}


def new_alert(app) -> tuple[int, float]:
    with db.unit_of_work(app, dispatch=False) as session:
        group = groups.find_group(session, "Faults")
        report = reporting.Report(group.id, None, "voice", "person", "Molenstraat", "Man met pet", "yes")
        alert, _ = reporting.store(session, report, "Europe/Amsterdam")
        return alert.id, time.time()


def tally(fake: FakeTwilio, everyone: list[str], started: float, alerts: int = 1) -> tuple:
    sent = Counter(m["To"] for m in fake.messages)
    reached = sum(1 for n in everyone if sent[n] == alerts)
    doubled = sum(1 for n in everyone if sent[n] > alerts)
    lost = sum(1 for n in everyone if sent[n] < alerts)
    last = max((datetime.fromisoformat(m["date_created"]).timestamp() for m in fake.messages), default=started)
    return len(everyone), reached, doubled, lost, round(last - started, 1)


def in_process(url: str, everyone: list[str], label: str, arm, **extra) -> tuple:
    """One alert sent by the embedded engine while `arm(fake, everyone)` makes Twilio misbehave."""
    fake = FakeTwilio().start()
    try:
        app = create_app(settings(url, fake.url, **extra))
        arm(fake, everyone)
        alert_id, started = new_alert(app)
        app.dispatcher.alert_created(alert_id)
        assert app.dispatcher.drain(timeout=900), label
        row = (label,) + tally(fake, everyone, started)
        app.dispatcher.stop()
        app.db_engine.dispose()
        return row
    finally:
        fake.stop()


def duplicate_webhooks(url: str, everyone: list[str]) -> tuple:
    """The confirming step of a call posted six times at once, as Twilio's retries can."""
    fake = FakeTwilio().start()
    try:
        app = create_app(settings(url, fake.url, PUBLIC_URL=None))
        sid, base = "CA" + "d" * 32, "http://localhost"

        def post(path, form):
            return app.test_client().post(path, data=form, headers={
                signatures.HEADER: signatures.sign(TOKEN, base + path, form)})

        form = {"CallSid": sid, "From": ADMIN, "To": LINE}
        post("/twilio/voice", form)
        for state, extra in (("alarmeer", {"Digits": "1"}), ("what", {"Digits": "1"}),
                             ("where", {"SpeechResult": "Molenstraat"}), ("description", {"Digits": "1"})):
            post(f"/twilio/voice/step?state={state}", {**form, **extra})
        start, started = threading.Barrier(6), time.time()

        def confirm():
            start.wait()
            post("/twilio/voice/step?state=confirm", {**form, "Digits": "1"})

        threads = [threading.Thread(target=confirm) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert app.dispatcher.drain(timeout=900)
        others = [n for n in everyone if n != ADMIN]  # the reporter gets no alert
        app.dispatcher.stop()
        app.db_engine.dispose()
        return ("confirm posted 6 times at once",) + tally(fake, others, started)
    finally:
        fake.stop()


def states(app) -> list[str]:
    from sqlalchemy import select

    from ivr.storage.models import Delivery

    with db.unit_of_work(app, dispatch=False) as session:
        return list(session.scalars(select(Delivery.state)))


def procfile(process: str) -> str:
    line = next(l for l in (ROOT / "Procfile").read_text().splitlines() if l.startswith(process + ":"))
    return line.split(":", 1)[1].strip()


def env_for(url: str, fake_url: str, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": url, "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN,
            "TWILIO_PHONE_NUMBER": LINE, "TWILIO_API_URL": fake_url, "PUBLIC_URL": "https://lijn.example.nl",
            "SEND_CONCURRENCY": "20", "SMS_PER_SECOND": "100000", "SECRET_KEY": "faults", "PYTHONPATH": str(ROOT),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def sigterm_restart(url: str, everyone: list[str], folder: Path) -> tuple:
    """SIGTERM to the web process mid-broadcast, then a new one sends the rest."""
    fake = FakeTwilio(latency=0.05).start()
    try:
        app = create_app(settings(url, fake.url))
        alert_id, started = new_alert(app)
        port = free_port()
        web = subprocess.Popen(["bash", "-c", f"exec {procfile('web')}"], cwd=ROOT,
                               env=env_for(url, fake.url, PORT=str(port), WEB_CONCURRENCY="1"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(150):
            try:
                requests.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        while len(fake.messages) < len(everyone) // 4:
            time.sleep(0.02)
        web.send_signal(signal.SIGTERM)
        web.wait(60)
        stuck = sum(1 for state in states(app) if state == "sending")
        app.broadcast.recover()  # a new process: it sends the rest (and retries, when due)
        assert app.dispatcher.drain(timeout=300)
        row = (f"SIGTERM mid-broadcast, restart ({stuck} rows left in sending)",) + tally(fake, everyone, started)
        app.db_engine.dispose()
        return row
    finally:
        fake.stop()


def broker_down(url: str, everyone: list[str], folder: Path, down: float) -> tuple:
    """Redis stopped for `down` seconds under a live Celery worker mid-task, then an alert more."""
    if shutil.which("redis-server") is None:
        return ("Redis down mid-task (skipped: no redis-server)",) + ("-",) * 5
    port = free_port()

    def redis():
        return subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", str(folder)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    server = redis()
    time.sleep(0.5)
    broker = f"redis://127.0.0.1:{port}/0"
    fake = FakeTwilio(latency=0.02).start()
    words = procfile("worker").replace("${CELERY_CONCURRENCY:-4}", "4").split()
    worker = subprocess.Popen([sys.executable, "-m"] + words, cwd=folder,
                              env=env_for(url, fake.url, CELERY_BROKER_URL=broker),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        app = create_app(settings(url, fake.url, CELERY_BROKER_URL=broker))
        time.sleep(3)
        first, started = new_alert(app)
        app.dispatcher.alert_created(first)
        while len(fake.messages) < len(everyone) // 5:
            time.sleep(0.02)
        server.kill()
        server.wait()
        time.sleep(down)
        server = redis()
        time.sleep(1)
        second, _ = new_alert(app)
        app.dispatcher.alert_created(second)
        deadline = time.monotonic() + 300
        while len(fake.messages) < 2 * len(everyone) and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        label = f"Redis down {down:.0f} s mid-task (worker {'alive' if worker.poll() is None else 'DEAD'})"
        return (label,) + tally(fake, everyone, started, alerts=2)
    finally:
        worker.terminate()
        worker.wait(30)
        server.kill()
        fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--database", default=None, help="a database URL (default: a new SQLite file)")
    parser.add_argument("--broker-down", type=float, default=30, help="seconds Redis is down")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{folder}/faults.sqlite3"

        def error_rate(share):
            return lambda fake, everyone: setattr(fake, "error_rate", share)

        def for_a_tenth(status, **how):
            def arm(fake, everyone):
                for number in everyone[::10]:
                    fake.fail(number, status, times=1, **how)
            return arm

        scenarios = [
            lambda: in_process(url, everyone, "30% of sends answered 500", error_rate(0.3)),
            lambda: in_process(url, everyone, "60% of sends answered 500", error_rate(0.6)),
            lambda: in_process(url, everyone, "10% accepted after the client's time-out",
                               for_a_tenth(LATE, delay=TIMEOUT * 1.6)),
            lambda: in_process(url, everyone, "10% answers lost (accepted, connection dropped)", for_a_tenth(DROP)),
            lambda: duplicate_webhooks(url, everyone),
            lambda: sigterm_restart(url, everyone, Path(folder)),
            lambda: broker_down(url, everyone, Path(folder), args.broker_down),
        ]
        rows = []
        for scenario in scenarios:
            everyone = fresh_database(url, args.members)
            rows.append(scenario())
            print(f"  done: {rows[-1][0]}", file=sys.stderr)
    print(f"N = {args.members} members (+ the admin), client time-out {TIMEOUT} s, "
          f"{'PostgreSQL' if args.database else 'SQLite'}\n")
    print("| scenario | members | reached once | doubled | lost | time to the last member (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


if __name__ == "__main__":
    main()
