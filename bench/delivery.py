"""When does the last phone buzz? Today's code path and the new one, side by side, in one run.

A Twilio fake in this process models what a real account does after it accepts a message:
each sender lets out SENDER_MPS segments a second from a first-in-first-out queue (a Messaging
Service pool: one queue per sender, a recipient kept on one sender), and records when each
message would be on the phone. The line runs in separate processes from each checkout
(bench/delivery_line.py with PYTHONPATH set to it), on SQLite, or on PostgreSQL with Redis.

    python bench/delivery.py --before a7459df            # N = 1000
    python bench/delivery.py --before a7459df --members 300 --step-seconds 15   # quicker

It prints the tables of the README's "Delivery at Twilio's pace". Nothing here is asserted:
the test suite checks the behaviour (tests/sending/test_pacing.py), this measures it.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.fake_twilio import FakeTwilio  # noqa: E402
from scale import ensure_database  # noqa: E402 - bench/ is this script's own folder

SENDER_MPS = 10  # a Dutch long code: in the order of 10 segments a second
ACCOUNT, TOKEN = "AC" + "b" * 32, "bench-token"
SERVICE = "MG" + "c" * 32
PG = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/buurtlijn_bench")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
LINE = ROOT / "bench" / "delivery_line.py"
# Seconds between the line's answer and a caller's next key. A person hears (the start of) the
# question first: the goal is for callers at that pace. With 0 the 20 callers post as fast as
# the line answers, over 100 steps a second on 2 cores: that row shows the line saturated.
PAUSES = (1.0, 0.0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Bench:
    """One scenario's world: a fake, a database, and line processes of one checkout."""

    def __init__(self, checkout: Path, workdir: Path, fake: FakeTwilio, rate: float, *, pool: int = 1,
                 postgres: bool = False, public_url: str = "http://127.0.0.1:9"):
        self.checkout, self.fake = checkout, fake
        database = PG if postgres else f"sqlite:///{workdir}/bench-{time.monotonic_ns()}.sqlite3"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(checkout),
            "DATABASE_URL": database, "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN,
            "TWILIO_PHONE_NUMBER": "+3197010000000", "TWILIO_API_URL": fake.url,
            "SECRET_KEY": "bench", "PUBLIC_URL": public_url, "BUURTLIJN_ENV": "production",
            "SMS_PER_SECOND": str(rate), "SEND_CONCURRENCY": "20", "CALLS_PER_SECOND": "1",
            "LOG_FORMAT": "text", "SEND_SWEEP_SECONDS": "0.5",
        }
        if pool > 1:
            self.env["TWILIO_MESSAGING_SERVICE_SID"] = SERVICE
        if postgres:
            self.env["CELERY_BROKER_URL"] = REDIS
            import redis

            redis.Redis.from_url(REDIS).flushdb()
        fake.reset()
        fake.mps, fake.pool = SENDER_MPS, pool
        self.logs = workdir / "lines.log"

    def run(self, *args: str) -> list[dict]:
        out = subprocess.run([sys.executable, str(LINE), *args], env=self.env, capture_output=True,
                             text=True, timeout=900)
        if out.returncode:
            raise SystemExit(f"{' '.join(args)} failed in {self.checkout}:\n{out.stderr[-3000:]}")
        return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]

    def start(self, *args: str) -> subprocess.Popen:
        log = self.logs.open("ab")
        return subprocess.Popen([sys.executable, str(LINE), *args], env=self.env, stdout=subprocess.PIPE,
                                stderr=log, text=True)

    def alert(self, group: str) -> float:
        return self.run("alert", group)[0]["at"]

    def on_phone(self, prefix: str) -> list[float]:
        with self.fake._lock:
            return [m["on_phone"] for m in self.fake.messages if m["To"].startswith(prefix) and "on_phone" in m]


def _stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for(bench: Bench, prefix: str, count: int, timeout: float = 600) -> list[float]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        times = bench.on_phone(prefix)
        if len(times) >= count:
            time.sleep(max(0.0, max(times) - time.time()))  # until it would really be on the phone
            return times
        time.sleep(0.2)
    raise SystemExit(f"only {len(bench.on_phone(prefix))} of {count} messages to {prefix}... arrived")


# --- the scenarios: each returns its figures for one checkout -------------------------------


def one_alert(checkout, workdir, fake, members: int, rate: float, pool: int) -> dict:
    bench = Bench(checkout, workdir, fake, rate, pool=pool)
    bench.run("seed", "--groups", json.dumps({"Groot": members}))
    at = bench.alert("Groot")
    bench.run("send", "--until-idle")
    times = _wait_for(bench, "+3162", members)
    return {"last": max(times) - at, "ideal": members / rate}


def small_during_large(checkout, workdir, fake, members: int) -> dict:
    bench = Bench(checkout, workdir, fake, SENDER_MPS)
    bench.run("seed", "--groups", json.dumps({"Groot": members, "Klein": 20}))
    bench.alert("Groot")
    large = bench.start("send", "--until-idle")
    time.sleep(1.0)
    at = bench.alert("Klein")
    small = bench.start("send", "--until-idle")  # the confirm's own dispatch, beside the first
    times = _wait_for(bench, "+3163", 20)
    _stop(large, small)
    return {"last": max(times) - at}


def after_invitations(checkout, workdir, fake, invitations: int = 300) -> dict:
    bench = Bench(checkout, workdir, fake, SENDER_MPS)
    bench.run("seed", "--groups", json.dumps({"Klein": 20}), "--invitations", str(invitations))
    sweeping = bench.start("send", "--until-idle")
    time.sleep(1.0)
    at = bench.alert("Klein")
    alerting = bench.start("send", "--until-idle")
    times = _wait_for(bench, "+3162", 20)
    _stop(sweeping, alerting)
    return {"last": max(times) - at}


def four_processes(checkout, workdir, fake, members: int) -> dict:
    bench = Bench(checkout, workdir, fake, SENDER_MPS, postgres=True)
    bench.run("seed", "--groups", json.dumps({"Groot": members}), "--landlines", "8")
    bench.alert("Groot")
    senders = [bench.start("send", "--until-idle") for _ in range(4)]
    _wait_for(bench, "+3162", members)
    _stop(*senders)
    calls = sorted(c["at"] for c in fake.calls)
    most_calls = max((sum(1 for t in calls if a <= t < a + 1) for a in calls), default=0)
    return {"sms": fake.busiest_second(), "calls": most_calls}


def voice_steps(checkout, workdir, fake, members: int, seconds: float, postgres: bool, pause: float = 0.0,
                rate: float = SENDER_MPS, count: int = 20) -> dict:
    port = free_port()
    bench = Bench(checkout, workdir, fake, rate, postgres=postgres, public_url=f"http://127.0.0.1:{port}")
    fake.callback_token = TOKEN
    try:
        bench.run("seed", "--groups", json.dumps({"A": members, "B": members}), "--callers", str(count))
        # As each mode runs in production: embedded (SQLite), the web process sends too; scaled
        # (PostgreSQL), the web serves and a worker process of its own sends (the Procfile).
        line = bench.start("serve", "--port", str(port), *(() if postgres else ("--send",)))
        _wait_port(port)
        bench.alert("A")
        bench.alert("B")
        worker = bench.start("send", "--until-idle") if postgres else None
        callers = bench.start("callers", "--base", f"http://127.0.0.1:{port}", "--token", TOKEN,
                              "--seconds", str(seconds), "--pause", str(pause), "--count", str(count))
        out, _ = callers.communicate(timeout=seconds + 600)
        _stop(line, *([worker] if worker else []))
        return json.loads([row for row in out.splitlines() if row.startswith("{")][-1])
    finally:
        fake.callback_token = None


# The hand-over at each budget (issue 23, part 4): SMS_PER_SECOND 10 ... unlimited (None).
BUDGETS: tuple[float | None, ...] = (10, 100, 400, 1000, None)
HANDOVER_LATENCY, HANDOVER_CONCURRENCY = 0.1, 50


def handover(checkout, workdir, fake, members: int, rate: float | None) -> dict:
    """One alert's SMS handed to Twilio: from the confirm to the last message answered, with
    Twilio answering in 100 ms and SEND_CONCURRENCY 50, one sending process on SQLite."""
    bench = Bench(checkout, workdir, fake, rate or 1e9)
    bench.env["SEND_CONCURRENCY"] = str(HANDOVER_CONCURRENCY)
    fake.mps, fake.latency = None, HANDOVER_LATENCY
    try:
        bench.run("seed", "--groups", json.dumps({"Groot": members}))
        # The line runs already (as gunicorn's worker does) when the caller confirms: its
        # start-up is not part of the hand-over.
        sender = bench.start("send", "--until-idle")
        time.sleep(2.0)
        at = bench.alert("Groot")
        deadline = time.time() + 900
        while True:
            with fake._lock:
                accepted = [m["accepted"] for m in fake.messages if m["To"].startswith("+3162")]
            if len(accepted) >= members or time.time() > deadline:
                break
            time.sleep(0.05)
        time.sleep(HANDOVER_LATENCY * 3)  # the last answers reach the sender before it stops
        _stop(sender)
    finally:
        fake.latency = 0.0
    limit = members / min(rate or float("inf"), HANDOVER_CONCURRENCY / HANDOVER_LATENCY)
    return {"seconds": max(accepted) + HANDOVER_LATENCY - at, "limit": limit, "count": len(accepted)}


# The caller's wait on SQLite while the line sends (issue 23, part 5): (members of each of two
# alerts, callers pressing as fast as the line answers), at SMS_PER_SECOND 100.
LOADS = ((500, 10), (1000, 20))
LOAD_RATE = 100


def _wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"the line did not listen on {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="git revision of today's code path")
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--step-seconds", type=float, default=30.0)
    parser.add_argument("--only", choices=("all", "steps", "budgets", "load"), default="all",
                        help="steps: only the voice-step rows (a quicker run); budgets: the hand-over "
                             "at each SMS_PER_SECOND; load: voice steps on SQLite at 100 SMS a second")
    parser.add_argument("--budgets", type=lambda v: [float(r) if r != "unlimited" else None for r in v.split(",")],
                        default=list(BUDGETS), help="with --only budgets: which SMS_PER_SECOND, e.g. 400,1000,unlimited")
    parser.add_argument("--also", default=None,
                        help="a third revision to run beside them (budgets, load): the code before this round")
    args = parser.parse_args()
    ensure_database(PG)
    fake = FakeTwilio().start()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        before = workdir / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(before), args.before],
                       check=True, capture_output=True)
        checkouts = [("today", before), ("new", ROOT)]
        if args.also:
            also = workdir / "also"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(also), args.also],
                           check=True, capture_output=True)
            checkouts.insert(1, ("also", also))
        try:
            for name, checkout in checkouts:
                n, r = args.members, {}
                if args.only == "budgets":
                    for rate in args.budgets:
                        print(f"{name}: hand-over at {rate or 'no'} budget ...", file=sys.stderr, flush=True)
                        r[f"budget_{rate}"] = handover(checkout, workdir, fake, n, rate)
                    results[name] = r
                    continue
                if args.only == "load":
                    for members, count in LOADS:
                        print(f"{name}: {count} callers during two alerts of {members} ...", file=sys.stderr, flush=True)
                        r[f"load_{members}"] = voice_steps(checkout, workdir, fake, members, args.step_seconds,
                                                           False, 0.0, LOAD_RATE, count)
                    results[name] = r
                    continue
                if args.only == "all":
                    print(f"{name}: one alert at 10/s ...", file=sys.stderr, flush=True)
                    r["one_10"] = one_alert(checkout, workdir, fake, n, SENDER_MPS, 1)
                    print(f"{name}: one alert at 50/s (pool of 5) ...", file=sys.stderr, flush=True)
                    r["one_50"] = one_alert(checkout, workdir, fake, n, 5 * SENDER_MPS, 5)
                    print(f"{name}: a small alert during a large one ...", file=sys.stderr, flush=True)
                    r["small"] = small_during_large(checkout, workdir, fake, n)
                    print(f"{name}: an alert after 300 invitations ...", file=sys.stderr, flush=True)
                    r["invites"] = after_invitations(checkout, workdir, fake)
                    print(f"{name}: four sending processes ...", file=sys.stderr, flush=True)
                    r["four"] = four_processes(checkout, workdir, fake, max(100, n // 5))
                for db_name, postgres in (("SQLite", False), ("PostgreSQL", True)):
                    for pause in PAUSES:
                        print(f"{name}: voice steps during two broadcasts ({db_name}, pause {pause} s) ...",
                              file=sys.stderr, flush=True)
                        r[f"steps_{db_name}_{pause}"] = voice_steps(
                            checkout, workdir, fake, n, args.step_seconds, postgres, pause)
                results[name] = r
        finally:
            for path in (before, workdir / "also"):
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)],
                               check=False, capture_output=True)
    fake.stop()
    print({"budgets": budget_table, "load": load_table}.get(args.only, table)(results, args))


def _columns(results: dict, args) -> list[tuple[str, str]]:
    names = [("today", f"before ({args.before})")]
    if "also" in results:
        names.append(("also", f"this round's start ({args.also})"))
    return names + [("new", "new")]


def budget_table(results: dict, args) -> str:
    """Issue 23, part 4: the hand-over of one alert at each budget, with the limit beside it."""
    columns = _columns(results, args)
    lines = [
        f"One alert to N = {args.members} by SMS, Twilio answering in {HANDOVER_LATENCY * 1000:.0f} ms, "
        f"SEND_CONCURRENCY {HANDOVER_CONCURRENCY}, one sending process, SQLite: seconds from the confirm "
        "to the last message handed over.",
        "",
        "| SMS_PER_SECOND | limit: N / min(rate, C / latency) | " + " | ".join(c for _, c in columns) + " | new / limit |",
        "|---|---:|" + "---:|" * len(columns) + "---:|",
    ]
    for rate in args.budgets:
        key = f"budget_{rate}"
        limit = results["new"][key]["limit"]
        cells = " | ".join(f"{results[name][key]['seconds']:.1f} s" for name, _ in columns)
        lines.append(f"| {f'{rate:g}' if rate else 'unlimited'} | {limit:.1f} s | {cells} | "
                     f"{results['new'][key]['seconds'] / limit:.2f}x |")
    return "\n".join(lines)


def load_table(results: dict, args) -> str:
    """Issue 23, part 5: a caller's voice step on SQLite while two alerts go out at 100 a second."""
    columns = _columns(results, args)
    lines = [
        f"Embedded line (SQLite, one process serving and sending), SMS_PER_SECOND {LOAD_RATE}, Twilio fake; "
        "callers pressing keys as fast as the line answers. Voice step p50 / p99.",
        "",
        "| load | goal | " + " | ".join(c for _, c in columns) + " |",
        "|---|---|" + "---:|" * len(columns),
    ]
    for (members, count), goal in zip(LOADS, ("p99 250 ms", "p99 1 s")):
        key = f"load_{members}"
        cells = " | ".join(f"{results[n][key]['p50'] * 1000:.0f} / {results[n][key]['p99'] * 1000:.0f} ms"
                           for n, _ in columns)
        lines.append(f"| {count} callers, two alerts of {members} | {goal} | {cells} |")
    return "\n".join(lines)


def table(results: dict, args) -> str:
    today, new = results["today"], results["new"]
    n = args.members
    lines = [
        f"N = {n} members, senders of {SENDER_MPS} segments a second; today = {args.before}.",
        "",
        "| what | goal | today | new |",
        "|---|---|---:|---:|",
    ]
    if "one_10" in new:
        lines += [
            f"| one alert to {n} at 10/s: last phone (N/rate = {today['one_10']['ideal']:.0f} s) | within 15% of N/rate "
            f"| {today['one_10']['last']:.1f} s | {new['one_10']['last']:.1f} s |",
            f"| one alert to {n} at 50/s, a pool of 5: last phone (N/rate = {new['one_50']['ideal']:.0f} s) | within 15% "
            f"| {today['one_50']['last']:.1f} s | {new['one_50']['last']:.1f} s |",
            f"| 20-member alert 1 s into a {n}-member one: its last phone after its confirm | 5 s "
            f"| {today['small']['last']:.1f} s | {new['small']['last']:.1f} s |",
            f"| 20-member alert right after 300 invitations: its last phone | 5 s "
            f"| {today['invites']['last']:.1f} s | {new['invites']['last']:.1f} s |",
            f"| most SMS segments handed over in any one second, 4 sending processes | {SENDER_MPS} "
            f"| {today['four']['sms']} | {new['four']['sms']} |",
            f"| most calls placed in any one second, 4 sending processes (CALLS_PER_SECOND = 1) | 1 "
            f"| {today['four']['calls']} | {new['four']['calls']} |",
        ]
    for pause in PAUSES:
        for db_name, goal in (("SQLite", 250), ("PostgreSQL", 100)):
            a, b = today[f"steps_{db_name}_{pause}"], new[f"steps_{db_name}_{pause}"]
            who = (f"20 callers at a person's pace (a key {pause:g} s after the answer, give or take half)"
                   if pause else "20 callers with no pause at all (saturates the machine: a stress figure)")
            lines.append(
                f"| voice step p50 / p99 during two broadcasts of {n}, {db_name}, {who} "
                f"| {f'p99 {goal} ms' if pause else '-'} "
                f"| {a['p50'] * 1000:.0f} / {a['p99'] * 1000:.0f} ms | {b['p50'] * 1000:.0f} / {b['p99'] * 1000:.0f} ms |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
