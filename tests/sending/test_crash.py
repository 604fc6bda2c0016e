"""kill -9 the sending process in the middle of a 500-member broadcast; restart; exactly once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tests.helpers import ACCOUNT, TOKEN, add_members, new_alert, rows

ROOT = Path(__file__).resolve().parents[2]


def sender_process(database_url: str, fake_url: str, lease: int, log: Path) -> subprocess.Popen:
    """A separate `flask --app app worker --once` process sending to the fake Twilio."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "SECRET_KEY": "a-key-shared-by-every-process",
        "TWILIO_PHONE_NUMBER": "+3197010000000",
        "TWILIO_API_URL": fake_url,
        "SEND_CONCURRENCY": "20", "SMS_PER_SECOND": "1000",  # not about pacing
        "SEND_LEASE_SECONDS": str(lease),
        "BUURTLIJN_ENV": "production",
    }
    env.pop("CELERY_BROKER_URL", None)
    env.pop("REDIS_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "worker", "--once"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )


def test_killed_sender_resumes_with_exactly_one_message_each(app, fake, group, database_url, tmp_path):
    fake.latency = 0.05
    numbers = add_members(app, group, 499) + ["+31612345678"]
    new_alert(app, group)

    victim = sender_process(database_url, fake.url, lease=60, log=tmp_path / "victim.log")
    deadline = time.monotonic() + 60
    while len(fake.messages) < 150 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.01)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL, (tmp_path / "victim.log").read_text()[-2000:]

    states = Counter(r.state for r in rows(app))
    accepted_before = len(fake.messages)
    assert 150 <= accepted_before < 500, "the kill must land mid-broadcast"
    # Some messages reached Twilio while their rows still say "sending": outcome unknown.
    assert states["sending"] > 0 and states["queued"] > 0, states
    unknown = states["sending"]

    restarted = sender_process(database_url, fake.url, lease=0, log=tmp_path / "restart.log")
    restarted.wait(timeout=120)
    assert restarted.returncode == 0, (tmp_path / "restart.log").read_text()[-2000:]

    assert Counter(m["To"] for m in fake.messages) == Counter(numbers)  # none lost, none twice
    final = rows(app)
    assert {r.state for r in final} == {"sent"} and len(final) == 500
    assert len({r.sid for r in final}) == 500
    lookups = [r for r in fake.requests if r[0] == "GET"]
    assert len(lookups) >= unknown  # every unknown outcome was asked about before any resend
