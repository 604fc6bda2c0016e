"""Twilio's webhook forms read into the line's own inputs: the one place that knows their keys.

Every value Twilio posts is treated as hostile: it may be absent, empty, 100 KB long, hold NUL
or other control characters, non-ASCII digits (², ٣) or a number too big for any column. What
the line needs and cannot read is a `BadForm` (a 400 with the reason); everything else is
cleaned and bounded here, so nothing downstream sees more than a column can hold.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ivr.flows import text
from ivr.flows.call import Input
from ivr.flows.keywords import Sms
from ivr.storage.models import DeliveryState
from ivr.twilio import codes

_SID = re.compile(r"[A-Za-z0-9_-]{2,64}")
MAX_KEYS = 10  # a Gather takes one key; a longer run is still only keys
MAX_SPEECH = 500  # characters of recognised speech kept
MAX_BODY = 1600  # Twilio's own limit for a message body
MAX_URL = 500
NOT_KEYS = "?"  # what a Gather "pressed" that no phone can send: answered as a wrong key


class BadForm(ValueError):
    """A webhook form without what the line needs; the reason goes back as a 400."""


# What Twilio puts in From when the caller hides their number.
HIDDEN_CALLERS = frozenset({"anonymous", "restricted", "unknown", "+266696687", "+7378742833", "+2562533"})


@dataclass(frozen=True)
class CallRequest:
    """A request about one call: its SID, who is calling (or called), and who picked up."""

    sid: str
    caller: str
    machine: bool
    hidden: bool = False  # the caller's number is withheld


@dataclass(frozen=True)
class CallEnded:
    """A call's final status: whether nobody (and no machine) took it."""

    sid: str
    status: str
    unanswered: bool


@dataclass(frozen=True)
class MessageReport:
    """How a message fared, as a delivery state (None when the status adds nothing)."""

    sid: str
    state: DeliveryState | None
    error_code: int | None
    failure: str | None = None  # why it failed, in the line's words (expired, ...)


@dataclass(frozen=True)
class RecordingReady:
    """A finished (or other) recording of a caller's words."""

    sid: str
    call_sid: str
    url: str | None
    completed: bool


def _text(form: Mapping[str, str], key: str, limit: int = 64) -> str:
    return text.printable(form.get(key), limit)


def _sid(form: Mapping[str, str], key: str) -> str:
    """A Twilio SID: two to 64 ASCII letters and digits, or BadForm."""
    value = form.get(key) or ""
    if not _SID.fullmatch(value):
        raise BadForm(f"{key} is required: 2 to 64 letters, digits, - or _.")
    return value


def _number(form: Mapping[str, str], key: str) -> str:
    """A phone number field (From, To) as posted, bounded; the services normalise it."""
    return _text(form, key, 32)[:32]


def call_request(form: Mapping[str, str]) -> CallRequest:
    """Read a voice webhook: CallSid (required), From, AnsweredBy."""
    caller = _number(form, "From")
    hidden = caller.lower() in HIDDEN_CALLERS or not caller
    return CallRequest(_sid(form, "CallSid"), "" if hidden else caller,
                       codes.machine_answered(_text(form, "AnsweredBy")), hidden)


def keys(form: Mapping[str, str]) -> str:
    """The keys the caller pressed in a Gather ("" for none; NOT_KEYS for anything else)."""
    pressed = (form.get("Digits") or "").strip()
    if not pressed:
        return ""
    return pressed if text.is_keys(pressed) and len(pressed) <= MAX_KEYS else NOT_KEYS


def call_input(form: Mapping[str, str]) -> Input:
    """Read the caller's keys or speech from a Gather's callback."""
    return Input(digits=keys(form), speech=_text(form, "SpeechResult", MAX_SPEECH),
                 confidence=_confidence(form.get("Confidence")))


def _confidence(value: str | None) -> float | None:
    """Twilio's 0..1 confidence in the speech it heard; None when absent or not a number."""
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 0.0 <= number <= 1.0 else None


def sms(form: Mapping[str, str]) -> Sms:
    """Read an inbound SMS: MessageSid (required), From, Body, NumMedia."""
    media = text.ascii_int(form.get("NumMedia"), 3) or 0
    return Sms(sid=_sid(form, "MessageSid"), sender=_number(form, "From"),
               body=_text(form, "Body", MAX_BODY), media=media)


def status(form: Mapping[str, str]) -> CallEnded | MessageReport:
    """Read a status callback: a call's (CallSid, CallStatus) or a message's."""
    if form.get("CallSid") and form.get("CallStatus"):
        reported = _text(form, "CallStatus", 32)
        return CallEnded(_sid(form, "CallSid"), reported, codes.call_unanswered(reported))
    if not form.get("MessageSid") or not form.get("MessageStatus"):
        raise BadForm("MessageSid and MessageStatus (or CallSid and CallStatus) are required.")
    code = text.ascii_int(form.get("ErrorCode"), 6)
    return MessageReport(_sid(form, "MessageSid"), codes.message_state(_text(form, "MessageStatus", 32)), code,
                         codes.message_failure(code))


def recording(form: Mapping[str, str]) -> RecordingReady:
    """Read a recording status callback: RecordingSid and CallSid (required)."""
    if not form.get("RecordingSid") or not form.get("CallSid"):
        raise BadForm("RecordingSid and CallSid are required.")
    url = _text(form, "RecordingUrl", MAX_URL)
    return RecordingReady(_sid(form, "RecordingSid"), _sid(form, "CallSid"),
                          url if url.startswith(("https://", "http://")) else None,
                          form.get("RecordingStatus") is None or _text(form, "RecordingStatus", 32) == "completed")


def query_int(value: str | None, default: int) -> int:
    """A small whole number from a webhook's query (?round=, ?repeat=), else `default`."""
    number = text.ascii_int(value, 4)
    return default if number is None else number


def query_id(value: str | None) -> int | None:
    """A row id from a webhook's query (?delivery=), bounded to what a column holds."""
    number = text.ascii_int(value, 18)
    return number if number is not None and number < 2**63 else None
