"""What the engine asks of a sender, and the line's own words for what went wrong."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class Problem(StrEnum):
    """Why a send (or a delete) did not go through, in the line's own terms."""

    OPTED_OUT = "opted_out"  # the number said STOP to the provider
    INVALID_NUMBER = "invalid"  # not a number that can take an SMS
    LANDLINE = "landline"  # a fixed line: it can take calls only
    THROTTLED = "throttled"  # too fast: nothing was accepted, try again later
    PROVIDER_ERROR = "provider_error"  # the provider failed: it may have accepted it
    NO_ANSWER = "no_answer"  # no answer at all: the outcome is unknown
    NOT_FOUND = "not_found"  # the thing to delete is not there (any more)
    NOT_ALLOWED = "not_allowed"  # the destination policy forbids it: never handed over
    REJECTED = "rejected"  # refused for good, for another reason
    EXPIRED = "expired"  # waited in the provider's queue past its validity: dropped, not late
    NIGHT = "night"  # a call in the night hours to a member who asked for none (NACHT UIT)


@dataclass
class SendError(Exception):
    """The provider (or the network) did not accept a message; `code` is its own, for operators."""

    message: str
    problem: Problem = Problem.NO_ANSWER
    code: int | None = None

    def __str__(self) -> str:
        return f"{self.code or self.problem}: {self.message}"


class Sender(Protocol):
    """Hands one message or call to the provider (or keeps it in the development outbox)."""

    needs_public_url: bool

    def send_sms(self, to: str, body: str, status_callback: str | None, validity: int | None = None) -> str:
        """Hand one SMS over and return its message SID, or raise SendError.

        `validity`: seconds the provider may hold it in its queue; later it is dropped.
        """

    def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        """Return the SID of this exact SMS if it was accepted since `since`, else None."""

    def place_call(self, to: str, url: str, status_callback: str | None) -> str:
        """Start an outbound call that fetches its TwiML from `url`; return the call SID."""

    def find_call(self, to: str, since: datetime) -> str | None:
        """Return the SID of a call placed to `to` since `since`, else None."""

    def delete_recording(self, sid: str) -> None:
        """Delete a recording held at the provider, or raise SendError (NOT_FOUND: gone already)."""
