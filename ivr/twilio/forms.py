"""Twilio's webhook forms read into the line's own inputs: the one place that knows their keys."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ivr.flows.call import Input
from ivr.flows.keywords import Sms
from ivr.storage.models import DeliveryState
from ivr.twilio import codes


class BadForm(ValueError):
    """A webhook form without what the line needs; the reason goes back as a 400."""


@dataclass(frozen=True)
class CallRequest:
    """A request about one call: its SID, who is calling (or called), and who picked up."""

    sid: str
    caller: str
    machine: bool


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


@dataclass(frozen=True)
class RecordingReady:
    """A finished (or other) recording of a caller's words."""

    sid: str
    call_sid: str
    url: str | None
    completed: bool


def _text(form: Mapping[str, str], key: str) -> str:
    return (form.get(key) or "").strip()


def call_request(form: Mapping[str, str]) -> CallRequest:
    """Read a voice webhook: CallSid (required), From, AnsweredBy."""
    sid = _text(form, "CallSid")
    if not sid:
        raise BadForm("CallSid is required.")
    return CallRequest(sid, form.get("From") or "", codes.machine_answered(form.get("AnsweredBy")))


def keys(form: Mapping[str, str]) -> str:
    """The keys the caller pressed in a Gather ("" for none)."""
    return _text(form, "Digits")


def call_input(form: Mapping[str, str]) -> Input:
    """Read the caller's keys or speech from a Gather's callback."""
    return Input(digits=keys(form), speech=_text(form, "SpeechResult"))


def sms(form: Mapping[str, str]) -> Sms:
    """Read an inbound SMS: MessageSid (required), From, Body, NumMedia."""
    sid = _text(form, "MessageSid")
    if not sid:
        raise BadForm("MessageSid is required.")
    media = _text(form, "NumMedia") or "0"
    return Sms(sid=sid, sender=form.get("From") or "", body=form.get("Body") or "",
               media=int(media) if media.isdigit() else 0)


def status(form: Mapping[str, str]) -> CallEnded | MessageReport:
    """Read a status callback: a call's (CallSid, CallStatus) or a message's."""
    if form.get("CallSid") and form.get("CallStatus"):
        return CallEnded(form["CallSid"], form["CallStatus"], codes.call_unanswered(form["CallStatus"]))
    sid, reported = form.get("MessageSid"), form.get("MessageStatus")
    if not sid or not reported:
        raise BadForm("MessageSid and MessageStatus (or CallSid and CallStatus) are required.")
    error_code = _text(form, "ErrorCode")
    return MessageReport(sid, codes.message_state(reported), int(error_code) if error_code.isdigit() else None)


def recording(form: Mapping[str, str]) -> RecordingReady:
    """Read a recording status callback: RecordingSid and CallSid (required)."""
    if not form.get("RecordingSid") or not form.get("CallSid"):
        raise BadForm("RecordingSid and CallSid are required.")
    return RecordingReady(form["RecordingSid"], form["CallSid"], form.get("RecordingUrl"),
                          form.get("RecordingStatus", "completed") == "completed")
