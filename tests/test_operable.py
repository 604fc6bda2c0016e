"""Operable in production: a start that refuses bad config, health that tells the truth, logs
without numbers, the one beat in the Procfile."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import insert

from ivr import db
from ivr.storage.models import Delivery, utcnow
from tests.helpers import ACCOUNT, TOKEN, Call, Phone, Twilio

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"BUURTLIJN_ENV": "production", "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_PHONE_NUMBER": "+3197010000000", "SECRET_KEY": "k", "PUBLIC_URL": "https://lijn.example.nl"}


def start(database_url: str, tmp_path, code: str = "import app", **env) -> subprocess.CompletedProcess:
    """Import the app as every process of the Procfile does, with this environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "SECRET_", "PUBLIC_", "SEND_"))}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**clean, "DATABASE_URL": database_url, **env})


@pytest.mark.parametrize("change, named", [
    ({"TWILIO_ACCOUNT_SID": ""}, "TWILIO_ACCOUNT_SID"),  # a token alone once meant the outbox
    ({"TWILIO_AUTH_TOKEN": ""}, "TWILIO_AUTH_TOKEN"),
    ({"SECRET_KEY": ""}, "SECRET_KEY"),
    ({"TWILIO_PHONE_NUMBER": "0612345678"}, "TWILIO_PHONE_NUMBER"),
    ({"SEND_CONCURRENCY": "abc"}, "SEND_CONCURRENCY"),
    ({"RETENTION_DAYS": "-3"}, "RETENTION_DAYS"),
    ({"CALLS_PER_SECOND": "nan"}, "CALLS_PER_SECOND"),
    ({"ALLOWED_COUNTRIES": "NL,XX"}, "ALLOWED_COUNTRIES"),
    ({"PURGE_AT": "25:00"}, "PURGE_AT"),
])
def test_a_wrong_configuration_refuses_to_start_with_one_line(database_url, tmp_path, change, named):
    result = start(database_url, tmp_path, **{**GOOD, **change})
    assert result.returncode == 2, result.stderr
    [line] = [l for l in result.stderr.splitlines() if l.strip()]
    assert line.startswith("buurtlijn: refusing to start:") and named in line
    assert "Traceback" not in result.stderr


def test_voice_members_need_a_public_url(database_url, tmp_path, molenwijk):
    result = start(database_url, tmp_path, **{**GOOD, "PUBLIC_URL": ""})
    assert result.returncode == 2 and "PUBLIC_URL" in result.stderr


def test_a_good_configuration_starts_and_development_says_it_sends_nothing(database_url, tmp_path):
    assert start(database_url, tmp_path, **GOOD).returncode == 0
    serving = "import app; app.app.test_client().get('/health/live')"  # said once it serves
    dev = start(database_url, tmp_path, serving, BUURTLIJN_ENV="development")
    assert dev.returncode == 0 and "outbox" in dev.stderr and "nothing is sent" in dev.stderr


def test_gunicorn_exits_at_once_on_a_bad_configuration(database_url):
    line = next(l for l in (ROOT / "Procfile").read_text().splitlines() if l.startswith("web:"))
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": "0", **GOOD, "SECRET_KEY": "",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    started = time.monotonic()
    result = subprocess.run(["bash", "-c", f"exec {line.split(':', 1)[1]}"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and time.monotonic() - started < 30
    assert "refusing to start: SECRET_KEY" in result.stderr


# --- readiness ------------------------------------------------------------------------------

def test_ready_when_nothing_waits(client, molenwijk):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json["status"] == "ok" and response.json["database"] == "ok"
    assert response.json["oldest_due_seconds"] is None and response.json["stuck_sending"] == 0


def old_row(app, **values) -> None:
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(insert(Delivery), [{"to_phone": "+31612345678", "kind": "test", "body": "x",
                                           "created_at": utcnow().replace(year=2025), "updated_at": utcnow(),
                                           **values}])


def test_not_ready_when_a_due_delivery_waits_too_long(app, client, molenwijk):
    old_row(app, state="queued")
    response = client.get("/health/ready")
    assert response.status_code == 503 and "waited" in response.json["problems"][0]
    assert client.get("/health").status_code == 200  # liveness stays cheap and green


def test_not_ready_when_a_row_is_stuck_in_sending(app, client, molenwijk):
    old_row(app, state="sending", claimed_at=utcnow().replace(year=2025))
    response = client.get("/health/ready")
    assert response.status_code == 503 and response.json["stuck_sending"] == 1


def test_not_ready_without_the_broker_in_the_scaled_mode(make_app, molenwijk):
    app = make_app(CELERY_BROKER_URL="redis://127.0.0.1:9/0")  # nothing listens there
    response = app.test_client().get("/health/ready")
    assert response.status_code == 503 and response.json["broker"] == "unavailable"


# --- the one scheduler ----------------------------------------------------------------------

def test_one_beat_and_no_beat_inside_a_worker():
    lines = dict(l.split(":", 1) for l in (ROOT / "Procfile").read_text().splitlines() if l.strip())
    assert "beat" in lines and " beat" in lines["beat"]
    assert "--beat" not in lines["worker"] and " -B" not in lines["worker"]
    assert "--schedule /tmp/" in lines["beat"] or "--schedule ${CELERY_BEAT_SCHEDULE" in lines["beat"]


# --- logs -----------------------------------------------------------------------------------

def test_a_full_run_logs_no_phone_number_and_no_alert_text(make_app, twilio_settings, fake, molenwijk, caplog):
    from ivr import logs

    app = make_app(**twilio_settings)
    caplog.set_level(logging.DEBUG)
    twilio = Twilio(app.test_client(), base="https://lijn.example.nl")
    Call(twilio, "06-23456789").start().press("1").press("1").say("Dorpsstraat").say("Man met rode pet").press("1")
    Phone(twilio, "+31634567890").send("MELD inbraak bij de bakker")
    Phone(twilio, "+31634567890").send("2")
    Phone(twilio, "+31612345678").send("LID 06-55555555 Kees")
    fake.fail("+31623456789", 400, 21211)
    app.dispatcher.drain(timeout=30)
    formatter = logs.formatter("json")
    lines = [formatter.format(record) for record in caplog.records]
    assert any("alert finished" in line for line in lines)
    text = "\n".join(lines)
    for number in ("+31612345678", "+31623456789", "+31634567890", "+31205551234", "+31655555555",
                   "612345678", "623456789", "634567890", "55555555"):
        assert number not in text, number
    for words in ("rode pet", "bakker", "Dorpsstraat"):
        assert words not in text, words
    json.loads(lines[0])  # one JSON object a line


def test_every_line_of_a_request_carries_its_request_id(app, client, molenwijk, caplog):
    from ivr import logs

    caplog.set_level(logging.INFO)
    response = Twilio(client).post("/twilio/status", {"MessageSid": "SMbad", "MessageStatus": "delivered"},
                                   signature="wrong")
    assert response.status_code == 403 and response.headers["X-Request-Id"] == "SMbad"
    [line] = [logs.formatter().format(r) for r in caplog.records if "signature" in r.getMessage()]
    assert json.loads(line)["request_id"] == "SMbad"


def test_errors_reported_to_sentry_carry_no_numbers_or_texts():
    from ivr import errors

    event = {
        "message": "send to +31612345678 failed: Man met rode pet",
        "request": {"url": "https://lijn.example.nl/twilio/sms", "data": {"Body": "MELD inbraak", "From": "+31612345678"},
                    "query_string": "x", "headers": {"X-Twilio-Signature": "s"}},
        "exception": {"values": [{"value": "bad number 06-12345678", "stacktrace": {"frames": [
            {"function": "handle", "vars": {"body": "MELD inbraak"}}]}}]},
        "user": {"ip_address": "203.0.113.1"},
    }
    text = json.dumps(errors.scrub(event))
    for secret in ("12345678", "MELD inbraak", "203.0.113.1", "X-Twilio-Signature"):
        assert secret not in text
    assert "lijn.example.nl" in text  # what is not personal stays, to find the bug by


def test_sentry_is_on_only_with_a_dsn(make_app):
    import sentry_sdk

    make_app()
    assert not sentry_sdk.get_client().is_active()
    make_app(SENTRY_DSN="http://public@127.0.0.1:9/1")
    try:
        assert sentry_sdk.get_client().is_active()
        assert sentry_sdk.get_client().options["send_default_pii"] is False
    finally:
        sentry_sdk.init()  # off again for the rest of the suite
