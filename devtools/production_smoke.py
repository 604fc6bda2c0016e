"""The production install, proved: run with a virtualenv made from requirements.txt alone.

Starts each Procfile line (release, web, worker, beat) against PostgreSQL and Redis, with a
fake Twilio on this machine, sends one alert by SMS through the web process and the Celery
worker, and checks that every member's message reached the fake and that /health/ready says
ready. Exits non-zero, saying why, when anything is off. `.ci/run` runs it.

    .prod-venv/bin/python devtools/production_smoke.py --database postgresql://... --broker redis://...
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from devtools.fake_twilio import FakeTwilio  # noqa: E402
from ivr.storage.models import Base  # noqa: E402
from ivr.twilio import signatures  # noqa: E402

TOKEN, ACCOUNT = "smoke-token", "AC" + "5" * 32
MEMBERS = ["06-23456789", "06-34567890", "06-45678901"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict((name.strip(), command.strip()) for name, command in (l.split(":", 1) for l in lines if l.strip()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--broker", required=True)
    args = parser.parse_args()
    engine = create_engine(args.database)
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    import redis

    redis.Redis.from_url(args.broker).flushdb()
    fake = FakeTwilio().start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ, "BUURTLIJN_ENV": "production", "DATABASE_URL": args.database,
        "CELERY_BROKER_URL": args.broker, "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_PHONE_NUMBER": "+3197010000000", "TWILIO_API_URL": fake.url, "SECRET_KEY": "smoke",
        "PUBLIC_URL": base, "PORT": str(port), "WEB_CONCURRENCY": "2",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    lines = procfile()
    folder = Path(tempfile.mkdtemp(prefix="smoke-"))
    env["CELERY_BEAT_SCHEDULE"] = str(folder / "beat-schedule")

    def run(command: str) -> None:
        done = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"FAILED: {command}\n{done.stdout}\n{done.stderr}")

    run(lines["release"])
    run("flask --app app group create Rookproef --admin 06-12345678")
    for number in MEMBERS:
        run(f"flask --app app member add Rookproef {number}")
    processes = {name: subprocess.Popen(["bash", "-c", f"exec {lines[name]}"], cwd=ROOT, env=env,
                                        stdout=(folder / f"{name}.log").open("w"), stderr=subprocess.STDOUT)
                 for name in ("web", "worker", "beat")}
    problem = None
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(base + "/health", timeout=5).raise_for_status()
                break
            except requests.RequestException:
                if time.monotonic() > deadline or any(p.poll() is not None for p in processes.values()):
                    raise SystemExit("FAILED: the web process did not come up")
                time.sleep(0.3)
        time.sleep(3)  # the worker connects to Redis

        def sms(body: str, sid: str) -> str:
            form = {"MessageSid": sid, "From": "+31623456789", "Body": body}
            url = base + "/twilio/sms"
            response = requests.post(url, data=form, timeout=30,
                                     headers={signatures.HEADER: signatures.sign(TOKEN, url, form)})
            message = ET.fromstring(response.text).find("Message")
            return message.text if message is not None else ""

        sms("MELD man met breekijzer bij de school", "SM" + "1" * 32)
        reply = sms("1", "SM" + "2" * 32)
        if "Verstuurd" not in reply:
            problem = f"the report was not sent: {reply!r}"
        wanted = {"+31612345678", "+31634567890", "+31645678901"}  # the group but the reporter
        while time.monotonic() < deadline and {m["To"] for m in fake.messages} < wanted:
            time.sleep(0.2)
        got = sorted(m["To"] for m in fake.messages)
        if sorted(wanted) != got:
            problem = problem or f"the worker sent to {got}, not {sorted(wanted)}"
        ready = requests.get(base + "/health/ready", timeout=10)
        if ready.status_code != 200 or ready.json().get("broker") != "ok":
            problem = problem or f"/health/ready: {ready.status_code} {ready.text}"
        for name, process in processes.items():
            if process.poll() is not None:
                problem = problem or f"{name} exited: {(folder / f'{name}.log').read_text()[-2000:]}"
    finally:
        for process in processes.values():
            process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        fake.stop()
    if problem:
        for name in processes:
            print(f"--- {name}.log\n" + (folder / f"{name}.log").read_text()[-3000:], file=sys.stderr)
        print(f"FAILED: {problem}", file=sys.stderr)
        return 1
    print(f"production install: release, web, worker and beat ran from requirements.txt alone; "
          f"one alert reached {len(wanted)} members through the worker; /health/ready is ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
