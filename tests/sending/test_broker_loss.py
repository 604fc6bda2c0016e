"""Redis goes away under a live Celery worker, mid-task and idle, and comes back: the worker
reconnects by itself and every member gets each alert once."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import ACCOUNT, TOKEN, add_members, free_port, new_alert

ROOT = Path(__file__).resolve().parents[2]
DOWN_SECONDS = float(os.environ.get("BROKER_DOWN_SECONDS", "8"))


class Redis:
    """A private redis-server on its own port, to stop and start at will."""

    def __init__(self, folder: Path):
        self.port, self.folder, self.process = free_port(), folder, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "Redis":
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def worker_command() -> list[str]:
    """The Procfile's worker line, with its flags, minus the beat (a test runs no scheduler)."""
    line = next(l for l in (ROOT / "Procfile").read_text().splitlines() if l.startswith("worker:"))
    words = line.split(":", 1)[1].replace("${CELERY_CONCURRENCY:-4}", "4").split()
    return [sys.executable, "-m"] + [w for w in words if w not in ("--beat", "-B")]


@pytest.fixture
def redis_server(tmp_path):
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs redis-server (Debian: redis-server)")
        pytest.skip("redis-server is not installed")
    server = Redis(tmp_path).start()
    yield server
    server.stop()


def test_the_worker_survives_its_broker(make_app, database_url, fake, group, redis_server, tmp_path):
    fake.latency = 0.03
    env = {**os.environ, "DATABASE_URL": database_url, "CELERY_BROKER_URL": redis_server.url,
           "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_API_URL": fake.url,
           "SECRET_KEY": "a-key-shared-by-every-process",
           "TWILIO_PHONE_NUMBER": "+3197010000000", "SEND_CONCURRENCY": "4", "SMS_PER_SECOND": "1000",
           "PYTHONPATH": str(ROOT), "PUBLIC_URL": "https://lijn.example.nl"}
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(worker_command(), cwd=tmp_path, env=env, stdout=log.open("wb"),
                              stderr=subprocess.STDOUT)
    web = make_app(CELERY_BROKER_URL=redis_server.url, TWILIO_ACCOUNT_SID=ACCOUNT, TWILIO_API_URL=fake.url)
    try:
        numbers = add_members(web, group, 300)
        first = new_alert(web, group)
        web.dispatcher.alert_created(first)
        deadline = time.monotonic() + 60
        while len(fake.messages) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        redis_server.stop()  # mid-task
        time.sleep(DOWN_SECONDS)
        redis_server.start()
        time.sleep(DOWN_SECONDS / 2)
        redis_server.stop()  # idle
        time.sleep(DOWN_SECONDS)
        redis_server.start()
        second = new_alert(web, group)
        web.dispatcher.alert_created(second)
        deadline = time.monotonic() + 90
        while len(fake.messages) < 2 * 301 and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        alive = worker.poll() is None
    finally:
        worker.terminate()
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
    assert alive, log.read_text()[-3000:]
    everyone = Counter(numbers + ["+31612345678"])  # Annie, the group's admin, too
    sent = Counter(m["To"] for m in fake.messages)
    assert sent == everyone + everyone, log.read_text()[-3000:]
