"""SIGTERM mid-broadcast (a deploy, a dyno restart): the sending threads stop claiming, finish
what is in flight and hand back the rest; the next process sends it, once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import requests

from tests.helpers import ACCOUNT, ANNIE, TOKEN, add_members, free_port, new_alert, procfile, rows

ROOT = Path(__file__).resolve().parents[2]


def test_sigterm_hands_back_what_was_claimed(make_app, twilio_settings, database_url, fake, group, tmp_path):
    fake.latency = 0.1
    app = make_app(**twilio_settings)
    numbers = add_members(app, group, 400)
    new_alert(app, group)  # committed; the web process's sweeper will find it
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": str(port), "WEB_CONCURRENCY": "1",
           "SECRET_KEY": "shutdown-test", "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN,
           "TWILIO_PHONE_NUMBER": "+3197010000000", "TWILIO_API_URL": fake.url,
           "PUBLIC_URL": "https://lijn.example.nl", "SEND_CONCURRENCY": "10", "SMS_PER_SECOND": "1000",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    log = tmp_path / "web.log"
    web = subprocess.Popen(["bash", "-c", f"exec {procfile('web')}"], cwd=ROOT, env=env,
                           stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"http://127.0.0.1:{port}/health", timeout=5)  # starts the sweeper
                break
            except requests.RequestException:
                assert web.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        while len(fake.messages) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert 0 < len(fake.messages) < 400, "the broadcast was not under way at SIGTERM"
        web.send_signal(signal.SIGTERM)
        web.wait(40)
    finally:
        if web.poll() is None:
            web.kill()
    text = log.read_text()
    assert "Traceback" not in text and "RuntimeError" not in text, text[-3000:]
    states = Counter(r.state for r in rows(app, kind="alert"))
    assert states["sending"] == 0, states  # nobody waits a lease for what the worker held
    assert states["queued"] > 0, states  # what it had not tried went back
    app.broadcast.run()
    assert Counter(m["To"] for m in fake.messages) == Counter(numbers + [ANNIE])
