"""Test helpers: Twilio-signed requests, a whole-call driver, and the TwiML schemas."""
from __future__ import annotations

import functools
import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

from twilio.request_validator import RequestValidator

TOKEN = "test-auth-token"
BASE = "http://localhost"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
_sids = itertools.count(1)


@functools.cache
def schema(name: str):
    """The TwiML schema `name` from ../shared, or None when it is absent."""
    path = SHARED / "twilio" / "twiml" / name
    if not path.exists():
        return None
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid_twiml(body: str, name: str) -> None:
    """Check a TwiML document against its schema when ../shared has it."""
    xsd = schema(name)
    if xsd is None:
        return
    from lxml import etree

    doc = etree.fromstring(body.encode())
    assert xsd.validate(doc), f"{name}: {xsd.error_log}\n{body}"


class Twilio:
    """Posts form webhooks with the X-Twilio-Signature Twilio would send."""

    def __init__(self, client, token: str = TOKEN, base: str = BASE):
        self.client = client
        self.validator = RequestValidator(token)
        self.base = base

    def post(self, path: str, data: dict[str, str], signature: str | None = None):
        url = self.base + path
        if signature is None:
            signature = self.validator.compute_signature(url, data)
        return self.client.post(path, data=data, headers={"X-Twilio-Signature": signature})


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
        return self._post("/twilio/voice", {})

    @property
    def gather(self) -> ET.Element | None:
        return self.doc.find("Gather")

    def press(self, digits: str) -> "Call":
        assert self.gather is not None, f"the line is not asking anything:\n{self.body}"
        return self._post(self.gather.get("action"), {"Digits": digits})

    def say(self, speech: str) -> "Call":
        assert self.gather is not None and "speech" in self.gather.get("input", "")
        return self._post(self.gather.get("action"), {"SpeechResult": speech, "Confidence": "0.9"})

    def silence(self) -> "Call":
        redirect = self.doc.find("Redirect")
        assert redirect is not None, f"nothing follows the question:\n{self.body}"
        return self._post(redirect.text, {})

    @property
    def text(self) -> str:
        """Everything the caller hears in this response."""
        return " ".join(say.text or "" for say in self.doc.iter("Say"))

    @property
    def hung_up(self) -> bool:
        return self.doc.find("Hangup") is not None

    @property
    def state(self) -> str | None:
        """The question the line waits on (from the Gather's action URL)."""
        if self.gather is None:
            return None
        return self.gather.get("action").split("state=")[1]
