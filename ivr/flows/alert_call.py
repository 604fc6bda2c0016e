"""The outbound calls as plain Python: what a called member hears, and what their keys mean.

An alert call: a calm announcement, the alert, then "1 = ik heb het gehoord, 2 = herhalen".
No key repeats the alert once, then the call ends. An answering machine gets a short message
to call the line back. An invitation call: the group, the rules, "1 = meedoen, 2 = niet".
"""
from __future__ import annotations

from dataclasses import dataclass

from ivr.flows.catalogue import DEFAULT, t

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
    lang: str = DEFAULT  # the member's language: the lines are in it, and said in its voice


def alert_lines(alert: dict, lang: str = DEFAULT) -> list[str | Play]:
    """The alert as speech: category, location, time, 112 status, description (as said)."""
    lines: list[str | Play] = [
        t("voice.alert.body", lang, category=t(f"voice.category.{alert['category']}", lang),
          location=alert["location"] or t("voice.alert.no_location", lang), time=alert["time"]),
        t(f"voice.status.{alert['emergency_called']}", lang),
    ]
    if alert.get("description"):
        lines.append(t("voice.readback_description", lang, description=alert["description"].rstrip(" .!?")))
    if alert.get("recording_url"):
        lines += [t("voice.alert.own_words", lang), Play(alert["recording_url"])]
    return lines


def alert_call(alert: dict, round: int = 1, lang: str = DEFAULT) -> Spoken:
    """What a member hears when they pick up."""
    lines = [t("voice.alert.announce", lang, group=alert["group"])] if round == 1 else []
    return Spoken(tuple(lines + alert_lines(alert, lang) + [t("voice.alert.keys", lang)]), ask=True, round=round,
                  lang=lang)


def alert_key(alert: dict, digits: str, round: int, repeats: int, lang: str = DEFAULT) -> tuple[Spoken, bool]:
    """Answer a key (or silence) in an alert call; True when the member confirmed."""
    if digits == "1":
        return Spoken((t("voice.alert.thanks", lang),), ask=False, lang=lang), True
    if digits == "2" and repeats < MAX_REPEATS:
        return alert_call(alert, round, lang), False
    if round < MAX_ROUNDS:
        return alert_call(alert, round + 1, lang), False
    return Spoken((t("voice.alert.bye", lang),), ask=False, lang=lang), False


def alert_machine(alert: dict, lang: str = DEFAULT) -> Spoken:
    return Spoken((t("voice.alert.machine", lang, group=alert["group"]),), ask=False, lang=lang)


def invite_call(group: str, round: int = 1, lang: str = DEFAULT) -> Spoken:
    return Spoken((t("voice.invite", lang, group=group), t("voice.invite.keys", lang)), ask=True, round=round,
                  lang=lang)


def invite_key(group: str, digits: str, round: int, lang: str = DEFAULT) -> tuple[Spoken, str | None]:
    """Answer a key in an invitation call: ("joined" | "declined" | None for no answer yet)."""
    if digits == "1":
        return Spoken((t("voice.invite.joined", lang, group=group),), ask=False, lang=lang), "joined"
    if digits == "2":
        return Spoken((t("voice.invite.declined", lang, group=group),), ask=False, lang=lang), "declined"
    if round < MAX_ROUNDS:
        return invite_call(group, round + 1, lang), None
    return Spoken((t("voice.invite.later", lang),), ask=False, lang=lang), None


def invite_machine(group: str, lang: str = DEFAULT) -> Spoken:
    return Spoken((t("voice.invite.machine", lang, group=group),), ask=False, lang=lang)


def called_112_notice(alert: dict, lang: str = DEFAULT) -> Spoken:
    """A short call to a landline member: 112 is now called for the alert they heard."""
    return Spoken((t("voice.alert.called_112", lang, group=alert["group"], time=alert["time"]),), ask=False,
                  lang=lang)


def all_clear(words: str, lang: str = DEFAULT) -> Spoken:
    """A short call to a landline member: the all-clear, in the words of the members' SMS."""
    return Spoken((words,), ask=False, lang=lang)
