"""The SMS conversation as data: who may send what, and the questions that wait for an answer.

Like the call flow's QUESTIONS, each waiting state declares how it reads an answer, how long
it waits, what it says when an SMS is no answer, what it says once when an answer comes too
late, and which keywords still work while it waits. The routing order is a table too. The
diagram is in SMS_FLOW.md beside this file; a test keeps the two in step.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from enum import StrEnum

from ivr.flows.keywords import ADMIN_KEYWORDS, Command, answer_112


class SmsState(StrEnum):
    """Where a sender's SMS conversation is."""

    IDLE = "idle"  # no open question: an SMS is a command, or free text
    AWAITING_GROUP = "awaiting_group"  # MELD from a member of several groups: "Voor welke groep?"
    AWAITING_WHERE = "awaiting_where"  # MELD without a place: "Waar is het?"
    AWAITING_112 = "awaiting_112"  # after MELD: "Heeft u 112 gebeld?"
    REMINDED_112 = "reminded_112"  # ... asked once more by the reminder
    AWAITING_ALERT = "awaiting_alert"  # 112 with several open alerts: "Voor welke melding?"
    AWAITING_CLOSE = "awaiting_close"  # AFGEROND with several open alerts: "Welke melding?"
    ANSWERED = "answered"  # the 112 question was answered: a repeated answer hears it is done
    LAPSED = "lapsed"  # no answer in time: nothing was sent, and the sender was told so


def _free_text(command: Command) -> str | None:
    return command.text if command.keyword is None and len(command.text.strip()) >= 2 else None


def _digit(command: Command) -> str | None:
    word = command.text.strip().rstrip(".")
    return word if word.isascii() and word.isdigit() and len(word) == 1 else None


@dataclass(frozen=True)
class Waiting:
    """A state that waits for the sender's next SMS, with its timeout and fallbacks."""

    answer: Callable[[Command], str | None]  # the answer an SMS gives, None when it is none
    lasts: timedelta  # after this the question lapses and nothing is sent
    reask: str  # catalogue key, when the SMS is no answer
    lapsed: str  # catalogue key, said once when an answer comes after the timeout
    passes: frozenset[str]  # keywords that work as usual while it waits
    # Sent by the line when the question lapses unanswered (None: it lapses silently).
    lapse_notice: str | None = "sms.lapsed_notice"
    # Asked once more this long after the question, with `reminder` (None: no reminder).
    remind_after: timedelta | None = None
    reminder: str | None = None


REPORT_PASSES = frozenset({"MELD", "HELP", "112", "AFGEROND"})
ASK_112 = Waiting(
    answer=answer_112,
    lasts=timedelta(minutes=10),
    reask="sms.ask_112_again",
    lapsed="sms.expired",
    passes=REPORT_PASSES,
    remind_after=timedelta(minutes=4),
    reminder="sms.ask_112_reminder",
)
WAITING: dict[SmsState, Waiting] = {
    SmsState.AWAITING_GROUP: Waiting(
        answer=_digit, lasts=timedelta(minutes=10), reask="sms.ask_group_again", lapsed="sms.expired",
        passes=REPORT_PASSES,
    ),
    SmsState.AWAITING_WHERE: Waiting(
        answer=_free_text, lasts=timedelta(minutes=10), reask="sms.ask_where", lapsed="sms.expired",
        passes=REPORT_PASSES,
    ),
    SmsState.AWAITING_112: ASK_112,
    SmsState.REMINDED_112: replace(ASK_112, remind_after=None, reminder=None),
    # Not a report: a lapse needs no notice (nothing was waiting to be sent).
    SmsState.AWAITING_ALERT: Waiting(
        answer=_digit, lasts=timedelta(minutes=10), reask="sms.ask_alert_again", lapsed="sms.112.lapsed",
        passes=REPORT_PASSES, lapse_notice=None,
    ),
    SmsState.AWAITING_CLOSE: Waiting(
        answer=_digit, lasts=timedelta(minutes=10), reask="sms.ask_close_again", lapsed="sms.close.lapsed",
        passes=REPORT_PASSES, lapse_notice=None,
    ),
}

# The order an SMS is routed in: the first row whose audience the sender is in takes it.
OVERRIDES = frozenset({"STOP", "START"})  # from anyone, whatever else is going on
OWN_DATA = frozenset({"MIJN_GEGEVENS", "VERWIJDER_MIJ"})  # anyone the line knows
MEMBER_COMMANDS = frozenset({"MELD", "112", "HELP", "AFGEROND", "NACHT_UIT", "NACHT_AAN"})  # active members
ADMIN_COMMANDS = frozenset(ADMIN_KEYWORDS)  # admins of the member's group
INVITEE_ANSWERS = frozenset({"JA", "NEE"})  # people with an open invitation


def waiting(state: str | None) -> Waiting | None:
    """The declaration of a waiting state (None for idle or an unknown state)."""
    try:
        return WAITING.get(SmsState(state))
    except ValueError:
        return None
