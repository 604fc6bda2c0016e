"""The SMS conversation as data: who may send what, and the questions that wait for an answer.

Like the call flow's QUESTIONS, each waiting state declares how it reads an answer, how long
it waits, what it says when an SMS is no answer, what it says once when an answer comes too
late, and which keywords still work while it waits. The routing order is a table too. The
diagram is in SMS_FLOW.md beside this file; a test keeps the two in step.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from ivr.flows.keywords import ADMIN_KEYWORDS, Command, answer_112


class SmsState(StrEnum):
    """Where a sender's SMS conversation is."""

    IDLE = "idle"  # no open question: an SMS is a command, or free text
    AWAITING_112 = "awaiting_112"  # after MELD: "Heeft u 112 gebeld?"
    ANSWERED = "answered"  # the 112 question was answered: a repeated answer hears it is done


@dataclass(frozen=True)
class Waiting:
    """A state that waits for the sender's next SMS, with its timeout and fallbacks."""

    answer: Callable[[Command], str | None]  # the answer an SMS gives, None when it is none
    lasts: timedelta  # after this the question lapses and nothing is sent
    reask: str  # catalogue key, when the SMS is no answer
    lapsed: str  # catalogue key, said once when an answer comes after the timeout
    passes: frozenset[str]  # keywords that work as usual while it waits


WAITING: dict[SmsState, Waiting] = {
    SmsState.AWAITING_112: Waiting(
        answer=answer_112,
        lasts=timedelta(minutes=10),
        reask="sms.ask_112_again",
        lapsed="sms.expired",
        passes=frozenset({"MELD", "HELP", "112"}),
    ),
}

# The order an SMS is routed in: the first row whose audience the sender is in takes it.
OVERRIDES = frozenset({"STOP", "START"})  # from anyone, whatever else is going on
OWN_DATA = frozenset({"MIJN_GEGEVENS", "VERWIJDER_MIJ"})  # anyone the line knows
MEMBER_COMMANDS = frozenset({"MELD", "112", "HELP"})  # active members
ADMIN_COMMANDS = frozenset(ADMIN_KEYWORDS)  # admins of the member's group
INVITEE_ANSWERS = frozenset({"JA", "NEE"})  # people with an open invitation


def waiting(state: str | None) -> Waiting | None:
    """The declaration of a waiting state (None for idle or an unknown state)."""
    try:
        return WAITING.get(SmsState(state))
    except ValueError:
        return None
