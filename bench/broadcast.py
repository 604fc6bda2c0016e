"""Broadcast benchmark: Twilio's naive send loop vs Buurtlijn (embedded, Celery) vs the limit.

    make bench                      # N = 100, 1000, 10000; 100 ms latency; C = 50
    .venv/bin/python bench/broadcast.py --sizes 100 1000 --latency 0.1 --concurrency 50

A local Twilio-compatible fake (devtools/fake_twilio.py, its own process) accepts messages after
the given latency. For every N it measures, side by side in one run:
- naive: one `client.messages.create` after another, as Twilio's samples do (for N above
  --naive-max the time is extrapolated from the largest measured run, and marked so);
- embedded: the line under gunicorn (one worker process) sending in its own threads;
- celery: the same web process handing the alert to a Celery worker on the local Redis;
- limit: ceil(N / C) x latency.
Time runs from the confirming request (the caller pressing 1) to the last message the fake
accepted. Peak RSS is the sending process's high-water mark (VmHWM). Duplicates and losses
come from the fake's own count. While each broadcast runs, a probe calls the webhook that
starts a call every 25 ms; its p99 is reported, as is the confirming request's own time.
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import requests
from sqlalchemy import create_engine, insert, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ivr import create_app, db, migrate  # noqa: E402
from ivr.services import membership  # noqa: E402
from ivr.twilio import signatures  # noqa: E402
from ivr.twilio.rest import make_client  # noqa: E402
from ivr.storage import groups  # noqa: E402
from ivr.storage.models import Base, Member, utcnow  # noqa: E402

ACCOUNT = "AC" + "b" * 32
TOKEN = "bench-token"
LINE = "+3197010000000"
REPORTER = "+31612345678"


@dataclass
class Result:
    mode: str
    n: int
    seconds: float
    peak_rss_mb: float | None = None
    rss_growth_mb: float | None = None
    duplicates: int | None = None
    lost: int | None = None
    probe_p99_ms: float | None = None
    confirm_ms: float | None = None
    estimated: bool = False


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(what)


class Fake:
    """The fake Twilio in its own process."""

    def __init__(self, latency: float):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "devtools.fake_twilio", "--port", str(self.port), "--latency", str(latency)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: self._up(), 20, "fake Twilio did not start")

    def _up(self) -> bool:
        try:
            return requests.get(self.url + "/_fake/stats", timeout=1).ok
        except requests.ConnectionError:
            return False

    def stats(self) -> dict:
        return requests.get(self.url + "/_fake/stats", timeout=5).json()

    def reset(self) -> None:
        requests.post(self.url + "/_fake/reset", timeout=5)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


def make_database(workdir: Path, n: int, postgres: str | None, voice: int = 0) -> str:
    """A fresh database with a reporter, `n` SMS members and `voice` landline members."""
    if postgres:
        url = postgres
        engine = create_engine(url)
        with engine.begin() as conn:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
    else:
        url = f"sqlite:///{workdir}/bench-{uuid.uuid4().hex[:8]}.sqlite3"
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SWEEP_ON_START": False})
    migrate.upgrade(app)
    with db.unit_of_work(app) as session:
        group = groups.add_group(session, "Bench")
        membership.add_member(session, group, REPORTER, street="Molenstraat", is_admin=True)
        session.execute(
            insert(Member),
            [
                {"group_id": group.id, "phone": f"+3162{i:07d}", "status": "active",
                 "is_admin": False, "number_kind": "mobile", "created_at": utcnow()}
                for i in range(n)
            ]
            + [
                {"group_id": group.id, "phone": f"+3120{i:07d}", "status": "active",
                 "is_admin": False, "number_kind": "fixed", "channel": "voice", "created_at": utcnow()}
                for i in range(voice)
            ],
        )
    app.db_engine.dispose()
    return url


def ensure_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it does not exist yet."""
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database})
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def members(n: int) -> list[str]:
    return [f"+3162{i:07d}" for i in range(n)]


def rss_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


class Line:
    """The real app under gunicorn (one worker), and optionally a Celery worker."""

    def __init__(self, db_url: str, fake: Fake, concurrency: int, celery_broker: str | None,
                 workdir: Path, calls_per_second: float = 1.0):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DATABASE_URL": db_url,
            "TWILIO_ACCOUNT_SID": ACCOUNT,
            "TWILIO_AUTH_TOKEN": TOKEN,
            "SECRET_KEY": "a-key-shared-by-every-process",
            "TWILIO_PHONE_NUMBER": LINE,
            "TWILIO_API_URL": fake.url,
            "PUBLIC_URL": self.base,
            "SEND_CONCURRENCY": str(concurrency),
            # The engine's own speed: pacing to Twilio's rate is bench/delivery.py's matter.
            "SMS_PER_SECOND": "100000",
            "CALLS_PER_SECOND": str(calls_per_second),
            "BUURTLIJN_ENV": "production",
        }
        env.pop("CELERY_BROKER_URL", None)
        env.pop("REDIS_URL", None)
        if celery_broker:
            env["CELERY_BROKER_URL"] = celery_broker
        self.log = (workdir / f"line-{self.port}.log").open("wb")
        self.web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "app:app", "--workers", "1", "--threads", "8",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self.worker = None
        if celery_broker:
            self.worker = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "app.celery_app", "worker", "--pool", "threads",
                 "--concurrency", "2", "--loglevel", "INFO", "--without-mingle", "--without-gossip"],
                cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            )
        wait_for(self._healthy, 30, "the line did not start")
        if self.worker:
            log_path = Path(self.log.name)
            wait_for(lambda: b"ready" in log_path.read_bytes(), 30, "the Celery worker did not start")
        self.session = requests.Session()

    def _healthy(self) -> bool:
        try:
            return requests.get(self.base + "/health", timeout=1).ok
        except requests.ConnectionError:
            return False

    def sending_pid(self) -> int:
        """The process that sends: the Celery worker, or gunicorn's one worker."""
        if self.worker:
            return self.worker.pid
        children = Path(f"/proc/{self.web.pid}/task/{self.web.pid}/children").read_text().split()
        return int(children[0])

    def post(self, path: str, form: dict) -> requests.Response:
        url = self.base + path
        headers = {signatures.HEADER: signatures.sign(TOKEN, url, form)}
        response = self.session.post(url, data=form, headers=headers, timeout=30)
        response.raise_for_status()
        return response

    def call_until_confirm(self) -> tuple[str, dict]:
        """Walk a call to the read-back; return the confirming request (path, form)."""
        sid = "CA" + uuid.uuid4().hex
        form = {"CallSid": sid, "From": REPORTER}
        self.post("/twilio/voice", form)
        self.post("/twilio/voice/step?state=alarmeer", {**form, "Digits": "1"})
        self.post("/twilio/voice/step?state=what", {**form, "Digits": "1"})
        self.post("/twilio/voice/step?state=where", {**form, "Digits": "1"})
        self.post("/twilio/voice/step?state=description", {**form, "SpeechResult": "Man met rode jas"})
        return "/twilio/voice/step?state=confirm", {**form, "Digits": "1"}

    def stop(self) -> None:
        for process in (self.worker, self.web):
            if process:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.log.close()


class Probe(threading.Thread):
    """Calls the line every 25 ms during a broadcast and keeps the response times."""

    def __init__(self, line: Line):
        super().__init__(daemon=True)
        self.line = line
        self.times: list[float] = []
        self.stopped = threading.Event()
        self.session = requests.Session()

    def run(self) -> None:
        while not self.stopped.is_set():
            form = {"CallSid": "CA" + uuid.uuid4().hex, "From": REPORTER}
            url = self.line.base + "/twilio/voice"
            headers = {signatures.HEADER: signatures.sign(TOKEN, url, form)}
            start = time.perf_counter()
            self.session.post(url, data=form, headers=headers, timeout=30)
            self.times.append(time.perf_counter() - start)
            self.stopped.wait(0.025)

    def p99_ms(self) -> float | None:
        if len(self.times) < 2:
            return None
        return statistics.quantiles(self.times, n=100)[98] * 1000


def run_line(mode: str, n: int, fake: Fake, args, workdir: Path) -> Result:
    postgres = args.postgres if args.database == "postgresql" else None
    db_url = make_database(workdir, n, postgres)
    broker = args.redis if mode == "celery" else None
    line = Line(db_url, fake, args.concurrency, broker, workdir)
    try:
        path, form = line.call_until_confirm()
        pid = line.sending_pid()
        baseline = rss_kb(pid, "VmRSS")
        fake.reset()
        probe = Probe(line)
        probe.start()
        started = time.time()
        line.post(path, form)
        confirmed = time.time()
        wait_for(lambda: fake.stats()["accepted"] >= n, args.timeout, f"{mode} N={n} did not finish")
        time.sleep(0.2)  # let any duplicate show up
        stats = fake.stats()
        probe.stopped.set()
        probe.join()
        peak = rss_kb(pid, "VmHWM")
        return Result(
            mode=mode,
            n=n,
            seconds=stats["last"] - started,
            peak_rss_mb=peak / 1024,
            rss_growth_mb=(peak - baseline) / 1024,
            duplicates=stats["accepted"] - stats["recipients"],
            lost=n - stats["recipients"],
            probe_p99_ms=probe.p99_ms(),
            confirm_ms=(confirmed - started) * 1000,
        )
    finally:
        line.stop()


def run_mixed(n: int, fake: Fake, args, workdir: Path) -> list[str]:
    """A group of n: 70% SMS, 30% voice, against the same SMS members alone (embedded)."""
    voice = round(n * args.voice_share)
    sms = n - voice
    rows = []
    for label, voice_members in (("SMS only", 0), ("mixed", voice)):
        db_url = make_database(workdir, sms, None, voice_members)
        line = Line(db_url, fake, args.concurrency, None, workdir, args.calls_per_second)
        try:
            path, form = line.call_until_confirm()
            fake.reset()
            started = time.time()
            line.post(path, form)
            wait_for(lambda v=voice_members: fake.stats()["accepted"] >= sms and len(fake.stats()["calls"]) >= v,
                     args.timeout, f"mixed N={n} did not finish")
            stats = fake.stats()
        finally:
            line.stop()
        calls = sorted(stats["calls"])
        rate = (len(calls) - 1) / (calls[-1] - calls[0]) if len(calls) > 1 else None
        gaps = [b - a for a, b in zip(calls, calls[1:])]
        rows.append(
            f"| {label} | {sms} | {voice_members} | {stats['last'] - started:.2f} | "
            f"{fmt(calls[0] - started if calls else None, '.2f')} | {fmt(rate, '.2f')} | "
            f"{fmt(min(gaps) if gaps else None, '.3f')} | {stats['accepted'] - stats['recipients']} |"
        )
        print(f"{label} N={n}: last SMS {stats['last'] - started:.2f} s", flush=True)
    return [
        f"mixed group, embedded, sqlite: {args.voice_share:.0%} voice at CALLS_PER_SECOND = "
        f"{args.calls_per_second:g}, latency {args.latency * 1000:.0f} ms, C = {args.concurrency}",
        "",
        "| group | SMS members | voice members | time to last SMS (s) | first call after (s) "
        "| calls per second (measured) | smallest gap between calls (s) | dup SMS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]


def run_naive(n: int, fake: Fake) -> Result:
    """Twilio's sample: a loop of messages.create, one after another."""
    client = make_client(ACCOUNT, TOKEN, fake.url)
    fake.reset()
    started = time.time()
    for to in members(n):
        client.messages.create(to=to, from_=LINE, body="Buurtpreventie Bench: test")
    stats = fake.stats()
    return Result("naive", n, stats["last"] - started, duplicates=stats["accepted"] - stats["recipients"],
                  lost=n - stats["recipients"])


def fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(results: list[Result], args) -> str:
    naive = {r.n: r for r in results if r.mode == "naive"}
    lines = [
        f"{args.database}, latency {args.latency * 1000:.0f} ms, concurrency C = {args.concurrency}, "
        f"{os.cpu_count()} cores; time = confirming request -> last message accepted",
        "",
        "| mode | N | time (s) | msg/s | peak RSS (MB) | RSS growth (MB) | dup | lost | x faster than naive | x limit | webhook p99 (ms) | confirm (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        limit = math.ceil(r.n / args.concurrency) * args.latency
        base = naive.get(r.n)
        speedup = base.seconds / r.seconds if base and r.mode != "naive" else None
        naive_time = f"{r.seconds:.2f}{' (est.)' if r.estimated else ''}"
        lines.append(
            f"| {r.mode} | {r.n} | {naive_time} | {r.n / r.seconds:.0f} | {fmt(r.peak_rss_mb, '.0f')} | "
            f"{fmt(r.rss_growth_mb, '.1f')} | {fmt(r.duplicates, 'd')} | {fmt(r.lost, 'd')} | "
            f"{fmt(speedup, '.1f')} | {r.seconds / limit:.2f} | {fmt(r.probe_p99_ms, '.0f')} | "
            f"{fmt(r.confirm_ms, '.0f')} |"
        )
    for n in sorted({r.n for r in results}):
        lines.append(f"| limit | {n} | {math.ceil(n / args.concurrency) * args.latency:.2f} | | | | | | | 1.00 | | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Broadcast benchmark")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--modes", default="naive,embedded,celery")
    parser.add_argument("--naive-max", type=int, default=1000, help="larger N: extrapolated")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/buurtlijn_bench",
                        help="the PostgreSQL database --database postgresql uses (created if missing)")
    parser.add_argument("--mixed", type=int, nargs="*", default=[],
                        help="also run mixed groups of these sizes (SMS and voice members)")
    parser.add_argument("--voice-share", type=float, default=0.3)
    parser.add_argument("--calls-per-second", type=float, default=10.0,
                        help="the pace for the mixed runs (the line's default is 1)")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    modes = args.modes.split(",")
    if args.database == "postgresql":
        ensure_database(args.postgres)

    fake = Fake(args.latency)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        try:
            for n in args.sizes:
                if "naive" in modes:
                    measured = [r for r in results if r.mode == "naive" and not r.estimated]
                    if n <= args.naive_max:
                        results.append(run_naive(n, fake))
                    elif measured:
                        ref = max(measured, key=lambda r: r.n)
                        results.append(Result("naive", n, ref.seconds * n / ref.n, estimated=True))
                    print(f"naive N={n}: {results[-1].seconds:.2f} s", flush=True)
                for mode in ("embedded", "celery"):
                    if mode in modes:
                        results.append(run_line(mode, n, fake, args, workdir))
                        print(f"{mode} N={n}: {results[-1].seconds:.2f} s", flush=True)
            mixed = [line for n in args.mixed for line in run_mixed(n, fake, args, workdir)]
        finally:
            fake.stop()
    report = table(results, args) if results else ""
    if mixed:
        report += ("\n\n" if report else "") + "\n".join(mixed)
    print()
    print(report)
    if args.out:
        args.out.write_text(report + "\n")


if __name__ == "__main__":
    main()
