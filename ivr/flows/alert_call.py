"""The outbound calls as plain Python: what a called member hears, and what their keys mean.

An alert call: a calm announcement, the alert, then "1 = ik heb het gehoord, 2 = herhalen".
No key repeats the alert once, then the call ends. An answering machine gets a short message
to call the line back. An invitation call: the group, the rules, "1 = meedoen, 2 = niet".
"""
from __future__ import annotations

from dataclasses import dataclass

from ivr.flows.catalogue import t

MAX_ROUNDS = 2  # the alert, and once more when no key was pressed
MAX_REPEATS = 5  # key 2 may ask again, but a call cannot go on forever


@dataclass(frozen=True)
class Play:
    """A recording to play among the spoken lines (the reporter's own words)."""

    url: str


@dataclass(frozen=True)
class Spoken:
    """What to say, and whether to wait for a key (at `round`) or hang up."""

    lines: tuple[str | Play, ...]
    ask: bool
    round: int = 1


def alert_lines(alert: dict) -> list[str]:
    """The alert as speech: category, location, time, 112 status, description."""
    lines = [
        t("voice.alert.body", category=t(f"voice.category.{alert['category']}"),
          location=alert["location"] or t("voice.alert.no_location"), time=alert["time"]),
        t(f"voice.status.{alert['emergency_called']}"),
    ]
    if alert.get("description"):
        lines.append(t("voice.readback_description", description=alert["description"].rstrip(" .!?")))
    if alert.get("recording_url"):
        lines += [t("voice.alert.own_words"), Play(alert["recording_url"])]
    return lines


def alert_call(alert: dict, round: int = 1) -> Spoken:
    """What a member hears when they pick up."""
    lines = [t("voice.alert.announce", group=alert["group"])] if round == 1 else []
    return Spoken(tuple(lines + alert_lines(alert) + [t("voice.alert.keys")]), ask=True, round=round)


def alert_key(alert: dict, digits: str, round: int, repeats: int) -> tuple[Spoken, bool]:
    """Answer a key (or silence) in an alert call; True when the member confirmed."""
    if digits == "1":
        return Spoken((t("voice.alert.thanks"),), ask=False), True
    if digits == "2" and repeats < MAX_REPEATS:
        return alert_call(alert, round), False
    if round < MAX_ROUNDS:
        return alert_call(alert, round + 1), False
    return Spoken((t("voice.alert.bye"),), ask=False), False


def alert_machine(alert: dict) -> Spoken:
    return Spoken((t("voice.alert.machine", group=alert["group"]),), ask=False)


def invite_call(group: str, round: int = 1) -> Spoken:
    return Spoken((t("voice.invite", group=group), t("voice.invite.keys")), ask=True, round=round)


def invite_key(group: str, digits: str, round: int) -> tuple[Spoken, str | None]:
    """Answer a key in an invitation call: ("joined" | "declined" | None for no answer yet)."""
    if digits == "1":
        return Spoken((t("voice.invite.joined", group=group),), ask=False), "joined"
    if digits == "2":
        return Spoken((t("voice.invite.declined", group=group),), ask=False), "declined"
    if round < MAX_ROUNDS:
        return invite_call(group, round + 1), None
    return Spoken((t("voice.invite.later"),), ask=False), None


def invite_machine(group: str) -> Spoken:
    return Spoken((t("voice.invite.machine", group=group),), ask=False)


def called_112_notice(alert: dict) -> Spoken:
    """A short call to a landline member: 112 is now called for the alert they heard."""
    return Spoken((t("voice.alert.called_112", group=alert["group"], time=alert["time"]),), ask=False)


def all_clear(words: str) -> Spoken:
    """A short call to a landline member: the all-clear, in the words of the members' SMS."""
    return Spoken((words,), ask=False)
