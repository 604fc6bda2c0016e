"""The scaled mode: a real Celery worker on the local Redis delivers a broadcast."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import ACCOUNT, TOKEN, Call, Twilio, add_members, rows

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_broker():
    """The local Redis, emptied; skipped (failed on CI) when it is not running."""
    import redis

    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Redis at {BROKER}: {exc}")
        pytest.skip(f"Redis is not running at {BROKER}: {exc}")
    client.flushdb()
    yield BROKER
    client.flushdb()


@pytest.fixture
def celery_worker(database_url, fake, redis_broker, tmp_path):
    """`celery -A app.celery_app worker` in its own process, sending to the fake Twilio."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": redis_broker,
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "SECRET_KEY": "a-key-shared-by-every-process",
        "TWILIO_PHONE_NUMBER": "+3197010000000",
        "TWILIO_API_URL": fake.url,
        "SEND_CONCURRENCY": "10", "SMS_PER_SECOND": "1000",
    }
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "app.celery_app", "worker",
         "--pool", "threads", "--concurrency", "2", "--loglevel", "INFO", "--without-mingle",
         "--without-gossip"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    yield worker, log
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


def test_a_celery_worker_delivers_the_alert_of_a_call(make_app, fake, group, redis_broker, celery_worker):
    worker, log = celery_worker
    web = make_app(CELERY_BROKER_URL=redis_broker, TWILIO_ACCOUNT_SID=ACCOUNT, TWILIO_API_URL=fake.url)
    assert type(web.dispatcher).__name__ == "CeleryDispatcher"
    numbers = add_members(web, group, 60)

    call = Call(Twilio(web.test_client()), "06-12345678").start()
    call.press("1").press("1").say("Molenstraat").say("Man met rode pet").press("1")
    assert "Verstuurd naar 60 buren" in call.text

    deadline = time.monotonic() + 60
    while len(fake.messages) < 60 and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.1)
    assert Counter(m["To"] for m in fake.messages) == Counter(numbers), log.read_text()[-3000:]
    while time.monotonic() < deadline and {r.state for r in rows(web)} != {"sent"}:
        time.sleep(0.1)
    assert {r.state for r in rows(web)} == {"sent"}
    assert "ivr.send_alert" in log.read_text()
