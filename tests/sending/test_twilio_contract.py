"""Contract with Twilio: every REST request of a broadcast (messages and calls), of a status
lookup and of a recording delete is one that Twilio's own OpenAPI description accepts, checked
by a Prism mock served from that file."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import update

from ivr import db
from ivr.storage.models import Delivery
from tests.helpers import ACCOUNT, add_members, new_alert, rows, shared_file

ROOT = Path(__file__).resolve().parents[2]
LOCAL_PRISM = ROOT / ".prism" / "node_modules" / ".bin" / "prism"


def prism_binary() -> str:
    if not shutil.which("node"):
        pytest.skip("Node.js is not installed: the Prism contract test needs it")
    for candidate in (os.environ.get("PRISM"), str(LOCAL_PRISM), shutil.which("prism")):
        if candidate and Path(candidate).exists():
            return candidate
    message = "Prism is not installed: npm install --prefix .prism @stoplight/prism-cli (.ci/run does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def prism(tmp_path_factory):
    """`prism mock` of Twilio's API 2010 spec; yields its URL and its log."""
    spec = shared_file("twilio", "openapi", "twilio_api_v2010.json")
    binary = prism_binary()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path_factory.mktemp("prism") / "prism.log"
    process = subprocess.Popen(
        [binary, "mock", "--dynamic", "--host", "127.0.0.1", "--port", str(port), str(spec)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while b"Prism is listening" not in log.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("Prism did not start:\n" + log.read_text()[-2000:])
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}", log
    process.terminate()
    process.wait(timeout=20)


def rejections(log: Path, since: int) -> list[str]:
    lines = log.read_text().splitlines()[since:]
    return [line for line in lines if "✖" in line or "did not pass" in line]


def test_broadcast_and_lookups_pass_twilio_openapi(make_app, prism):
    url, log = prism
    app = make_app(
        TWILIO_ACCOUNT_SID=ACCOUNT,
        TWILIO_API_URL=url,
        PUBLIC_URL="https://lijn.example.nl",
        SEND_MAX_ATTEMPTS=1,  # a rejected request must show, not be retried away
        TWILIO_TIMEOUT_SECONDS=15,  # Prism (Node) may take a while to answer
    )
    from ivr.services import membership
    from ivr.storage import groups

    with db.unit_of_work(app, dispatch=False) as session:
        group = groups.add_group(session, "Molenwijk")
        membership.add_member(session, group, "06-12345678", is_admin=True)
        membership.add_member(session, group, "020-5551234")  # a landline: called
        membership.add_member(session, group, "030-1234567")
    add_members(app, group.id, 12)
    alert_id = new_alert(app, group.id)
    # Rows whose earlier outcome is unknown are looked up first (GET Messages, GET Calls).
    with db.unit_of_work(app, dispatch=False) as session:
        sms = [r.id for r in rows(app) if r.channel == "sms"][:2]
        calls = [r.id for r in rows(app) if r.channel == "voice"][:1]
        session.execute(update(Delivery).where(Delivery.id.in_(sms + calls)).values(verify=True))
    before = len(log.read_text().splitlines())

    stats = app.broadcast.run(alert_id)
    recording = "RE" + "a" * 32
    app.broadcast.sender.delete_recording(recording)  # as the purge does

    assert rejections(log, before) == [], "\n".join(rejections(log, before))
    assert stats.failed == 0, [(r.to_phone, r.channel, r.error_code, r.error_message) for r in rows(app) if r.state == "failed"]
    assert stats.sent == 15, [(r.to_phone, r.channel, r.state, r.verify, r.error_message) for r in rows(app) if r.state != "sent"]
    assert {r.state for r in rows(app)} == {"sent"}
    # Only the request lines count: at start-up Prism lists every route of the spec.
    served = {
        " ".join(line.split("[HTTP SERVER] ")[1].split()[:2])
        for line in log.read_text().splitlines()[before:]
        if "[HTTP SERVER]" in line and "Request received" in line
    }
    account = f"/2010-04-01/Accounts/{ACCOUNT}"
    assert served == {
        f"post {account}/Messages.json",
        f"get {account}/Messages.json",
        f"post {account}/Calls.json",
        f"get {account}/Calls.json",
        f"delete {account}/Recordings/{recording}.json",
    }
