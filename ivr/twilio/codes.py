"""Twilio's statuses, error codes and AnsweredBy, mapped to the line's own neutral outcomes."""
from __future__ import annotations

from ivr.sending.sender import Problem
from ivr.storage.models import DeliveryState

# https://www.twilio.com/docs/api/errors
OPTED_OUT = 21610  # the recipient replied STOP
INVALID_NUMBER = 21211
LANDLINE = 21614  # "To" is not a mobile number
RATE_LIMITED = 20429
EXPIRED = 30036  # waited in Twilio's queue past its ValidityPeriod: not sent
_PERMANENT = {OPTED_OUT: Problem.OPTED_OUT, INVALID_NUMBER: Problem.INVALID_NUMBER, LANDLINE: Problem.LANDLINE}

# MessageStatus values the line records; the others (accepted, queued, ...) say nothing new.
MESSAGE_STATUS = {
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "undelivered": DeliveryState.UNDELIVERED,
    "failed": DeliveryState.FAILED,
}
# CallStatus values that mean nobody (and no machine) took the call.
CALL_UNANSWERED = frozenset({"busy", "no-answer", "failed", "canceled"})


def problem(status: int | None, code: int | None) -> Problem:
    """What an HTTP status and Twilio error code mean for a send (no status: no answer)."""
    if code in _PERMANENT:
        return _PERMANENT[code]
    if status is None:
        return Problem.NO_ANSWER
    if status == 429 or code == RATE_LIMITED:
        return Problem.THROTTLED
    if status == 404:
        return Problem.NOT_FOUND
    if status >= 500:
        return Problem.PROVIDER_ERROR
    return Problem.REJECTED


def message_failure(code: int | None) -> str | None:
    """Why a failed message failed, in the line's words, where a status callback says it."""
    return Problem.EXPIRED.value if code == EXPIRED else None


def message_state(status: str | None) -> DeliveryState | None:
    """The delivery state a MessageStatus callback reports, or None when it adds nothing."""
    return MESSAGE_STATUS.get(status or "")


def call_unanswered(status: str | None) -> bool:
    """True when a CallStatus callback says the call was not taken (busy, no answer, ...)."""
    return status in CALL_UNANSWERED


def machine_answered(answered_by: str | None) -> bool:
    """Twilio's AnsweredBy: machine_start, machine_end_beep, fax, ... are not a person."""
    return bool(answered_by) and (answered_by.startswith("machine") or answered_by == "fax")
