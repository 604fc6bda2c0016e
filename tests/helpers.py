"""Test helpers shared by every test folder: Twilio-signed requests, drivers for a whole call,
a member's phone and an outbound call, the TwiML schemas, and data builders."""
from __future__ import annotations

import functools
import itertools
import socket
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from ivr import db
from ivr.flows import gsm, phones
from ivr.flows.catalogue import t
from ivr.sending.outbox_sender import CALL_MARK
from ivr.services import reporting
from ivr.storage.models import Alert, Delivery, Member, OutboxMessage, utcnow
from ivr.twilio import routes, signatures

TOKEN = "test-auth-token"
BASE = "http://localhost"
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ACCOUNT = "AC" + "0" * 32
ANNIE, HENK, FATIMA = "+31612345678", "+31623456789", "+31634567890"  # Annie is Molenwijk's admin
WIM = "+31205551234"  # Molenwijk's landline member
NEW = "+31655555555"
TIMEZONE = "Europe/Amsterdam"
_sids = itertools.count(1)
_unvalidated_warned = False


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def procfile(process: str) -> str:
    """The command of one of the Procfile's processes (web, worker, beat, release)."""
    line = next(l for l in (ROOT / "Procfile").read_text().splitlines() if l.startswith(process + ":"))
    return line.split(":", 1)[1].strip()


def said(message_id: str, /, **values: object) -> str:
    """The catalogue's words for `key`: tests name what is said by key, so the copy can change.

    Only the phrases an issue calls a contract ("112 IS NIET GEBELD", keywords) are written out.
    """
    return t(message_id, **values)


def mermaid_edges(markdown: Path) -> set[tuple[str, str]]:
    """The (from, to) edges of the ```mermaid stateDiagram block in a Markdown file."""
    import re

    text = markdown.read_text(encoding="utf-8")
    block = re.search(r"```mermaid\n(.*?)```", text, flags=re.S)
    assert block, f"{markdown.name} has no mermaid block"
    edges = set()
    for line in block.group(1).splitlines():
        found = re.match(r"\s*(\[\*\]|\w+)\s*-->\s*(\[\*\]|\w+)", line)
        if found:
            edges.add((found.group(1), found.group(2)))
    assert edges, f"the mermaid block of {markdown.name} has no edges"
    return edges


def shared_file(*parts: str) -> Path:
    """A file from ../shared, or skip the test that needs it, saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is not beside this checkout")
    return path


@functools.cache
def schema(name: str):
    """The TwiML schema `name` from ../shared, or None when it is absent."""
    path = SHARED / "twilio" / "twiml" / name
    if not path.exists():
        return None
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid_twiml(body: str, name: str) -> None:
    """Check a TwiML document against its schema; without ../shared, say so (once per run).

    tests/twilio/test_twiml.py::test_schemas_are_there is the visible skip for a whole run.
    """
    global _unvalidated_warned
    xsd = schema(name)
    if xsd is None:
        if not _unvalidated_warned:
            _unvalidated_warned = True
            warnings.warn(f"TwiML is NOT validated: {SHARED}/twilio/twiml/{name} is absent", stacklevel=2)
        return
    from lxml import etree

    doc = etree.fromstring(body.encode())
    assert xsd.validate(doc), f"{name}: {xsd.error_log}\n{body}"


class Twilio:
    """Posts form webhooks with the X-Twilio-Signature Twilio would send."""

    def __init__(self, client, token: str = TOKEN, base: str = BASE):
        self.client = client
        self.token = token
        self.base = base

    def post(self, path: str, data: dict[str, str], signature: str | None = None):
        url = self.base + path
        if signature is None:
            signature = signatures.sign(self.token, url, data)
        return self.client.post(path, data=data, headers={signatures.HEADER: signature})


class Call:
    """Drives one phone call through the real webhooks, as Twilio would, and reads the TwiML."""

    def __init__(self, twilio: Twilio, caller: str, sid: str | None = None):
        self.twilio = twilio
        self.caller = caller
        self.sid = sid or f"CA{next(_sids):032d}"
        self.doc: ET.Element | None = None
        self.body = ""

    def _post(self, path: str, extra: dict[str, str]) -> "Call":
        data = {"CallSid": self.sid, "From": self.caller, "To": "+3197010000000", **extra}
        response = self.twilio.post(path, data)
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == "text/xml"
        self.body = response.get_data(as_text=True)
        assert_valid_twiml(self.body, "voice.xsd")
        self.doc = ET.fromstring(self.body)
        return self

    def start(self) -> "Call":
        return self._post(routes.VOICE, {})

    @property
    def gather(self) -> ET.Element | None:
        return self.doc.find("Gather")

    def press(self, digits: str) -> "Call":
        assert self.gather is not None, f"the line is not asking anything:\n{self.body}"
        return self._post(self.gather.get("action"), {"Digits": digits})

    def say(self, speech: str, confidence: str = "0.9") -> "Call":
        assert self.gather is not None and "speech" in self.gather.get("input", "")
        return self._post(self.gather.get("action"), {"SpeechResult": speech, "Confidence": confidence})

    def silence(self) -> "Call":
        redirect = self.doc.find("Redirect")
        assert redirect is not None, f"nothing follows the question:\n{self.body}"
        return self._post(redirect.text, {})

    @property
    def text(self) -> str:
        """Everything the caller hears in this response."""
        return " ".join("".join(say.itertext()) for say in self.doc.iter("Say"))

    @property
    def hung_up(self) -> bool:
        return self.doc.find("Hangup") is not None

    @property
    def state(self) -> str | None:
        """The question the line waits on (from the Gather's action URL)."""
        if self.gather is None:
            return None
        return self.gather.get("action").split("state=")[1]


class Phone:
    """A member's phone texting the line."""

    def __init__(self, twilio: Twilio, number: str):
        self.twilio, self.number = twilio, number

    def send(self, body: str = "", sid: str | None = None, **extra) -> str:
        form = {"MessageSid": sid or f"SM{next(_sids):032d}", "From": self.number, "Body": body, **extra}
        response = self.twilio.post(routes.SMS, form)
        assert response.status_code == 200 and response.mimetype == "text/xml"
        xml = response.get_data(as_text=True)
        assert_valid_twiml(xml, "messaging.xsd")
        message = ET.fromstring(xml).find("Message")
        text = message.text if message is not None else ""
        assert gsm.is_gsm7(text) and gsm.segments(text) <= 2, text
        return text


class Outbound:
    """Plays Twilio's side of an outbound call to a member."""

    def __init__(self, twilio: Twilio, delivery: Delivery, path: str = routes.ALERT_CALL):
        self.twilio, self.delivery, self.doc = twilio, delivery, None
        self.path = f"{path}?delivery={delivery.id}"

    def post(self, path: str, **form) -> "Outbound":
        data = {"CallSid": self.delivery.sid, "To": self.delivery.to_phone, "From": "+3197010000000", **form}
        response = self.twilio.post(path, data)
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_data(as_text=True)
        assert_valid_twiml(body, "voice.xsd")
        self.doc = ET.fromstring(body)
        return self

    def answer(self, answered_by: str = "human") -> "Outbound":
        return self.post(self.path, AnsweredBy=answered_by)

    def press(self, digits: str) -> "Outbound":
        return self.post(self.doc.find("Gather").get("action"), Digits=digits)

    def silence(self) -> "Outbound":
        return self.post(self.doc.find("Redirect").text)

    @property
    def text(self) -> str:
        return " ".join("".join(s.itertext()) for s in self.doc.iter("Say"))

    @property
    def hung_up(self) -> bool:
        return self.doc.find("Hangup") is not None


# --- data: arrange and read back -----------------------------------------------------------


def sent(app) -> list[OutboxMessage]:
    """The SMS sent, once everything due went out (calls to landlines are left out)."""
    assert app.dispatcher.drain(timeout=30)
    with db.unit_of_work(app, dispatch=False) as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [m for m in rows if not m.body.startswith(CALL_MARK)]


def to(app, number: str) -> list[str]:
    """The texts of the SMS sent to `number`."""
    return [m.body for m in sent(app) if m.to_phone == number]


def member(app, number: str, group_id: int | None = None) -> Member | None:
    """The membership of `number` (in `group_id`, when given)."""
    with db.unit_of_work(app, dispatch=False) as session:
        query = select(Member).where(Member.phone == phones.normalise(number))
        if group_id:
            query = query.where(Member.group_id == group_id)
        return session.scalar(query)


def alerts(app) -> list[Alert]:
    """Every alert, oldest first."""
    with db.unit_of_work(app, dispatch=False) as session:
        return list(session.scalars(select(Alert).order_by(Alert.id)))


def add_members(app, group_id: int, count: int, start: int = 0) -> list[str]:
    """Add `count` mobile members in one statement; return their numbers."""
    numbers = [f"+3161{n:07d}" for n in range(start, start + count)]
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(
            insert(Member),
            [
                {"group_id": group_id, "phone": p, "status": "active", "is_admin": False,
                 "number_kind": phones.NumberKind.MOBILE, "created_at": utcnow()}
                for p in numbers
            ],
        )
    return numbers


def store_alert(session, group_id: int, emergency_called: str = "yes", category: str = "person",
                location: str = "Molenstraat", description: str = "Man in blauwe jas",
                reporter_id: int | None = None, channel: str = "voice") -> tuple[Alert, int]:
    """Store an alert with its queued deliveries in `session` (no limits, no masking)."""
    report = reporting.Report(group_id, reporter_id, channel, category, location, description, emergency_called)
    return reporting.store(session, report, TIMEZONE)


def new_alert(app, group_id: int, emergency_called: str = "yes") -> int:
    """Commit an alert with its queued deliveries, as the confirming webhook does."""
    with db.unit_of_work(app, dispatch=False) as session:
        alert, _ = store_alert(session, group_id, emergency_called)
        return alert.id


def rows(app, **where) -> list[Delivery]:
    """Delivery rows, by id, matching `where`."""
    with db.unit_of_work(app, dispatch=False) as session:
        query = select(Delivery).order_by(Delivery.id)
        for key, value in where.items():
            query = query.where(getattr(Delivery, key) == value)
        return list(session.scalars(query))


def voice_delivery(app) -> Delivery:
    """The newest call delivery."""
    with db.unit_of_work(app, dispatch=False) as session:
        return session.scalar(select(Delivery).where(Delivery.channel == "voice").order_by(Delivery.id.desc()))


def send_alert(app, group_id: int) -> list[Delivery]:
    """Commit an alert, hand it to the dispatcher, and return every delivery once sent."""
    with db.unit_of_work(app, dispatch=False) as session:
        alert, _ = store_alert(session, group_id, "no", "vehicle", "Molenstraat", "Witte bus")
    app.dispatcher.alert_created(alert.id)
    assert app.dispatcher.wait_idle(timeout=30)
    with db.unit_of_work(app, dispatch=False) as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.to_phone)))
