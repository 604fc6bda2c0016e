"""The SAAR call as a state machine: state and input in, next state and what to say out.

Nothing here knows about Twilio, HTTP or the database. The adapter (ivr/twiml.py) turns a
`Prompt` into TwiML and a Twilio form into an `Input`; the call service (ivr/calls.py) loads
and saves the `CallState` and carries out the `Effect` a transition asks for. The diagram of
this flow is in CALL_FLOW.md beside this file.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from ivr.flows import alert_text
from ivr.flows.alert_text import MAX_LOCATION, clean_free_text
from ivr.flows.catalogue import DEFAULT, plural, t

REPEAT_KEY = "*"
# Elderly callers may need a few tries; past this many wrong keys the call ends kindly.
MAX_INVALID = 4
GROUPS_PER_PAGE = 3  # with a fourth key for "the other groups": never more than four options
HOLD_MINUTES = 30
RESUME_MINUTES = 10  # a report cut off mid-call can be taken up by calling back this soon
GATHER_TIMEOUT = 10  # seconds of silence before a question counts as unanswered
# Speech recognition below this confidence is checked with the caller before it is sent.
MIN_CONFIDENCE = 0.5
# A stranger hears the Dutch menu and one line in English: this key gives them the same menu in it.
LANGUAGE_KEY = "9"
OFFERED_LANGUAGE = "en"
# Words that carry no place: heard alone, the location is asked again.
_FILLERS = frozenset("uh uhm eh ehm hm hmm nou ja nee ok oke oké huh tja".split())


class State(StrEnum):
    """Where a call is. Questions wait for input; the others end the call."""

    CHOOSE_GROUP = "choose_group"
    ALARMEER = "alarmeer"
    CALL_112_FIRST = "call_112_first"
    WHAT = "what"
    WHERE = "where"
    DESCRIPTION = "description"
    CONFIRM = "confirm"
    CHECK_WHERE = "check_where"  # a location heard with low confidence: is this right?
    RESUME = "resume"  # a call back after a report was cut off: go on, or start again
    CLOSE_ALERT = "close_alert"  # its reporter or an admin heard the latest alert: is it over?
    # A number in no group: not registered, 112; then, on key 1, a request to join by postcode.
    JOIN_OFFER = "join_offer"
    JOIN_POSTCODE = "join_postcode"  # four keys: the PC4
    JOIN_CHOOSE = "join_choose"  # several groups cover it
    JOIN_NAME = "join_name"  # "Zeg uw naam en uw straat."
    # Ends of the call.
    UNKNOWN_CALLER = "unknown_caller"
    HIDDEN_CALLER = "hidden_caller"  # no caller ID: how to show it, and 112
    HELD_FOR_112 = "held_for_112"
    SENT = "sent"
    CLOSED = "closed"  # the all-clear went out (or the alert was closed already)
    BYE = "bye"  # a kind goodbye: silence after the offer to join
    JOIN_NONE = "join_none"  # no group covers the postcode: ask the municipality
    JOIN_DONE = "join_done"  # the request went to the admins (or why it did not)
    GAVE_UP = "gave_up"


class Effect(StrEnum):
    """Work the call service must do before the next prompt is said."""

    HOLD_REPORT = "hold_report"  # keep the report 30 minutes for a call back after 112
    RELEASE_REPORT = "release_report"  # the report goes on in this call: no resume later
    SEND_ALERT = "send_alert"  # store the alert and its deliveries; sets data["recipients"]
    PLAY_LATEST = "play_latest"  # say the group's latest alert before asking again
    START_RECORDING = "start_recording"  # record the caller's words from the description on
    CLOSE_ALERT = "close_alert"  # the all-clear of data["closing"]; sets data["told"]
    FIND_GROUPS = "find_groups"  # the groups of data["pc4"]: the call goes on by join_groups()
    JOIN_REQUEST = "join_request"  # ask data["join_group"]'s admins; sets data["join_outcome"]


@dataclass(frozen=True)
class Input:
    """What the caller did: pressed keys, said something, or nothing at all."""

    digits: str = ""
    speech: str = ""
    confidence: float | None = None  # the recogniser's own confidence in `speech`, 0..1

    @property
    def empty(self) -> bool:
        return not self.digits and not self.speech.strip()


@dataclass(frozen=True)
class CallState:
    """A call's place in the flow, what it has gathered, and its retry counters."""

    state: State
    data: dict[str, Any] = field(default_factory=dict)
    no_input: int = 0
    invalid: int = 0


@dataclass(frozen=True)
class Transition:
    """The outcome of one step: the new call state, lines to say first, and any effect."""

    call: CallState
    preface: tuple[str, ...] = ()
    effect: Effect | None = None
    short: bool = False  # the preface already asks the question again, in its short form


@dataclass(frozen=True)
class Aside:
    """A line said in another language than the call's: the stranger's "For English, press 9"."""

    text: str
    lang: str


@dataclass(frozen=True)
class Prompt:
    """What to say now, and whether to wait for keys (and speech) or hang up."""

    lines: tuple[str | Aside, ...]
    state: State
    gather: bool
    speech: bool = False
    timeout: int = GATHER_TIMEOUT
    record: bool = False  # start recording the caller's words first
    digits: int = 1  # keys to gather (a postcode takes four)
    lang: str = DEFAULT  # the language every line but an Aside is said, and speech heard, in


class Invalid(Exception):
    """A handler's answer to input that does not fit the question."""

    def __init__(self, key: str = "voice.invalid_key"):
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Question:
    """A state that asks something: its prompt, its handler, and its declared fallbacks."""

    prompt: Callable[[dict[str, Any]], list[str]]
    handle: Callable[[Input, dict[str, Any]], Transition]
    # The question again after silence, in few words: the caller heard it once already.
    short: Callable[[dict[str, Any]], list[str]] | None = None
    speech: bool = False
    retries: int = 2  # re-asks after silence before `on_silence`
    on_silence: State = State.GAVE_UP
    digits: int = 1


# --- Prompts -------------------------------------------------------------------------------


def language(data: dict[str, Any]) -> str:
    """The call's language: the caller's (a member's own, or the one a stranger chose)."""
    return data.get("lang", DEFAULT)


def _t(data: dict[str, Any], message_id: str, **values: object) -> str:
    return t(message_id, language(data), **values)


def _plural(data: dict[str, Any], message_id: str, count: int) -> str:
    return plural(message_id, count, language(data))


def _in_english(data: dict[str, Any], message_id: str, **values: object) -> list[Aside]:
    """The one line in English a stranger hears after the Dutch (none when the call is English)."""
    if language(data) == OFFERED_LANGUAGE:
        return []
    return [Aside(t(message_id, OFFERED_LANGUAGE, **values), OFFERED_LANGUAGE)]


def _group_page(data: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """Return the groups offered on the current page, and whether a "more" key follows."""
    groups = data["groups"]
    if len(groups) <= GROUPS_PER_PAGE + 1:
        return groups, False
    start = data.get("page", 0) * GROUPS_PER_PAGE
    return groups[start : start + GROUPS_PER_PAGE], True


def _prompt_choose_group(data: dict[str, Any]) -> list[str]:
    page, more = _group_page(data)
    lines = [_t(data, "voice.choose_group")]
    lines += [_t(data, "voice.group_option", group=g["name"], key=i) for i, g in enumerate(page, 1)]
    if more:
        lines.append(_t(data, "voice.more_groups", key=GROUPS_PER_PAGE + 1))
    return lines


def _prompt_alarmeer(data: dict[str, Any]) -> list[str]:
    if data.get("resumed"):
        return [_t(data, "voice.alarmeer_resumed")]
    return [_t(data, "voice.alarmeer"), _t(data, "voice.alarmeer_latest")]


def _short_alarmeer(data: dict[str, Any]) -> list[str]:
    lines = [_t(data, "voice.alarmeer_short")]
    return lines if data.get("resumed") else lines + [_t(data, "voice.alarmeer_latest")]


def _prompt_where(data: dict[str, Any]) -> list[str]:
    if data.get("street"):
        return [_t(data, "voice.where_own_street", street=data["street"])]
    return [_t(data, "voice.where")]


def _short_where(data: dict[str, Any]) -> list[str]:
    if data.get("street"):
        return [_t(data, "voice.where_own_street_short", street=data["street"])]
    return [_t(data, "voice.where_short")]


def _prompt_description(data: dict[str, Any]) -> list[str]:
    # The recording notice comes before the keys, so the key is the last thing heard.
    lines = [_t(data, "voice.description")]
    if data.get("record"):
        lines.append(_t(data, "voice.description_recorded"))
    return lines + [_t(data, "voice.description_keys")]


def _prompt_confirm(data: dict[str, Any]) -> list[str]:
    lines = [
        _t(
            data,
            "voice.readback",
            category=_t(data, f"voice.category.{data['category']}"),
            location=data["location"],
        )
    ]
    if data.get("description"):
        # Exactly the words the SMS carries, without its closing full stop.
        lines.append(data["description"].rstrip(" .!?") + ".")
    lines.append(_t(data, f"voice.status.{data['emergency_called']}"))
    lines.append(_t(data, "voice.confirm"))
    return lines


def _prompt_sent(data: dict[str, Any]) -> list[str]:
    if data.get("refused") == "limit":
        return [_t(data, "voice.limit")]
    count = data.get("recipients", 0)
    if count == 0:
        lines = [_t(data, "voice.sent_nobody")]
    else:
        noun = _t(data, "voice.neighbour" if count == 1 else "voice.neighbours")
        lines = [_t(data, "voice.sent", count=count, neighbours=noun)]
    if data.get("emergency_called") == "no":
        # Warned without 112: the last thing the caller hears is to call it now.
        return lines + [_t(data, "voice.sent_call_112_now")]
    return lines + [_t(data, "voice.stay_safe")]


def _prompt_closed(data: dict[str, Any]) -> list[str]:
    told = data.get("told")
    if told is None:
        said = _t(data, "voice.closed_already")
    elif told == 0:
        said = _t(data, "voice.closed_nobody")
    else:
        said = _plural(data, "voice.closed", told)
    return [said, _t(data, "voice.bye")]


def _join_offer(data: dict[str, Any]) -> list[str | Aside]:
    return [_t(data, "voice.join_offer"), *_in_english(data, "voice.choose_language", key=LANGUAGE_KEY)]


def _prompt_resume(data: dict[str, Any]) -> list[str]:
    return [_t(data, "voice.resume_cut_off", group=data["group_name"])]


# --- Handlers: one per question, each returning the next state -----------------------------


def _to(state: State, data: dict[str, Any], *preface: str, effect: Effect | None = None):
    return Transition(CallState(state, data), tuple(preface), effect)


def _handle_choose_group(inp: Input, data: dict[str, Any]) -> Transition:
    page, more = _group_page(data)
    if more and inp.digits == str(GROUPS_PER_PAGE + 1):
        pages = -(-len(data["groups"]) // GROUPS_PER_PAGE)
        return _to(State.CHOOSE_GROUP, {**data, "page": (data.get("page", 0) + 1) % pages})
    if not (inp.digits.isascii() and inp.digits.isdigit()) or not 1 <= int(inp.digits) <= len(page):
        raise Invalid()
    chosen = page[int(inp.digits) - 1]
    return _to(State.ALARMEER, _with_group(data, chosen), _t(data, "voice.group_chosen", group=chosen["name"]))


def _handle_alarmeer(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits == "1":
        return _to(State.WHAT, {**data, "emergency_called": "yes"}, effect=Effect.RELEASE_REPORT)
    if inp.digits == "2":
        return _to(State.CALL_112_FIRST, data, effect=Effect.HOLD_REPORT)
    if inp.digits == "3":
        data = {**data, "emergency_called": "not_urgent"}
        return _to(State.WHAT, data, _t(data, "voice.not_urgent"), effect=Effect.RELEASE_REPORT)
    if inp.digits == "4" and not data.get("resumed"):
        return _to(State.ALARMEER, data, effect=Effect.PLAY_LATEST)
    raise Invalid()


def _handle_call_112_first(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits == "1":
        return _to(State.WHAT, {**data, "emergency_called": "no"}, effect=Effect.RELEASE_REPORT)
    raise Invalid()


_CATEGORIES = {"1": "person", "2": "vehicle", "3": "burglary", "4": "other"}


def _handle_what(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits not in _CATEGORIES:
        raise Invalid()
    return _to(State.WHERE, {**data, "category": _CATEGORIES[inp.digits]})


def _meaningless(speech: str) -> bool:
    words = "".join(c if c.isalnum() else " " for c in speech.lower()).split()
    return not words or all(word in _FILLERS for word in words)


def _handle_where(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits:
        if inp.digits == "1" and data.get("street"):
            return _located({**data, "location": data["street"]})
        raise Invalid()
    if _meaningless(inp.speech):
        raise Invalid("voice.where_not_understood")
    location = clean_free_text(inp.speech, MAX_LOCATION)
    if inp.confidence is not None and inp.confidence < MIN_CONFIDENCE:
        return _to(State.CHECK_WHERE, {**data, "heard": location})
    return _located({**data, "location": location})


def _handle_check_where(inp: Input, data: dict[str, Any]) -> Transition:
    heard = {k: v for k, v in data.items() if k != "heard"}
    if inp.digits == "1":
        return _located({**heard, "location": data["heard"]})
    if inp.digits == "2":
        return _to(State.WHERE, heard)
    raise Invalid()


def _located(data: dict[str, Any]) -> Transition:
    """The place is known: on to the description, or back to the read-back after a correction."""
    if data.pop("correcting", False):
        return _to(State.CONFIRM, _fitted(data))
    effect = Effect.START_RECORDING if data.get("record") else None
    return _to(State.DESCRIPTION, data, effect=effect)


def _fitted(data: dict[str, Any]) -> dict[str, Any]:
    """The description as the SMS will carry it, for this group, place and 112 answer."""
    described = alert_text.as_sent(
        data.get("raw_description", ""),
        group=data["group_name"], category=data["category"], location=data["location"],
        emergency_called=data["emergency_called"],
    )
    return {**data, "description": described}


def _handle_description(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits:
        if inp.digits == "1":
            return _to(State.CONFIRM, {**data, "raw_description": "", "description": ""})
        raise Invalid()
    return _to(State.CONFIRM, _fitted({**data, "raw_description": clean_free_text(inp.speech)}))


def _handle_confirm(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits == "1":
        return _to(State.SENT, data, effect=Effect.SEND_ALERT)
    if inp.digits == "2":
        return _to(State.ALARMEER, _start_over(data), _t(data, "voice.start_over"))
    if inp.digits == "3":
        # Only the place again: the rest of the report stays as it is.
        return _to(State.WHERE, {**data, "correcting": True})
    raise Invalid()


def offer_close(call: CallState, alert_id: int) -> CallState:
    """After the latest alert was heard by one who may close it: ask whether it is over."""
    return CallState(State.CLOSE_ALERT, {**call.data, "closing": alert_id})


def _handle_close_alert(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits == "1":
        return _to(State.CLOSED, data, effect=Effect.CLOSE_ALERT)
    if inp.digits == "2":
        return _to(State.ALARMEER, {k: v for k, v in data.items() if k != "closing"})
    raise Invalid()


def _handle_join_offer(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits == "1":
        return _to(State.JOIN_POSTCODE, data)
    if inp.digits == LANGUAGE_KEY and language(data) != OFFERED_LANGUAGE:
        english = {**data, "lang": OFFERED_LANGUAGE}
        return _to(State.JOIN_OFFER, english, _t(english, "voice.welcome"))
    raise Invalid()


def _handle_join_postcode(inp: Input, data: dict[str, Any]) -> Transition:
    digits = inp.digits.strip("#")
    if not (len(digits) == 4 and digits.isascii() and digits.isdigit() and digits[0] != "0"):
        raise Invalid("voice.join_postcode_wrong")
    return _to(State.JOIN_NAME, {**data, "pc4": int(digits)}, effect=Effect.FIND_GROUPS)


def join_groups(call: CallState, groups: list[dict[str, Any]]) -> CallState:
    """After the postcode: the groups there (id, name) decide what is asked next."""
    data = {k: v for k, v in call.data.items() if k not in ("join_groups", "join_group")}
    if not groups:
        return CallState(State.JOIN_NONE, data)
    if len(groups) == 1:
        return CallState(State.JOIN_NAME, {**data, "join_group": groups[0]})
    return CallState(State.JOIN_CHOOSE, {**data, "join_groups": groups[:GROUPS_PER_PAGE + 1]})


def _prompt_join_choose(data: dict[str, Any]) -> list[str]:
    options = [_t(data, "voice.group_option", group=g["name"], key=i)
               for i, g in enumerate(data["join_groups"], 1)]
    return [_t(data, "voice.join_choose"), *options]


def _handle_join_choose(inp: Input, data: dict[str, Any]) -> Transition:
    offered = data["join_groups"]
    if not (inp.digits.isascii() and inp.digits.isdigit()) or not 1 <= int(inp.digits) <= len(offered):
        raise Invalid()
    chosen = offered[int(inp.digits) - 1]
    chosen_line = _t(data, "voice.group_chosen", group=chosen["name"])
    return _to(State.JOIN_NAME, {**data, "join_group": chosen}, chosen_line)


def _handle_join_name(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits or _meaningless(inp.speech):
        raise Invalid("voice.join_name_again")
    # Cleaned now (no phone numbers in the call's data); the join service bounds its length.
    return _to(State.JOIN_DONE, {**data, "join_words": clean_free_text(inp.speech)}, effect=Effect.JOIN_REQUEST)


def _prompt_join_done(data: dict[str, Any]) -> list[str]:
    outcome = data.get("join_outcome", "sent")
    return [_t(data, f"voice.join.{outcome}", group=data["join_group"]["name"]), _t(data, "voice.bye")]


def _handle_resume(inp: Input, data: dict[str, Any]) -> Transition:
    if inp.digits == "1":
        left_at = State(data.get("left_at", State.WHAT))
        if left_at not in QUESTIONS or left_at is State.RESUME:
            left_at = State.WHAT
        effect = Effect.START_RECORDING if left_at is State.DESCRIPTION and data.get("record") else None
        return _to(left_at, {k: v for k, v in data.items() if k != "left_at"}, effect=effect)
    if inp.digits == "2":
        return _to(State.ALARMEER, _start_over(data), _t(data, "voice.start_over"))
    raise Invalid()


QUESTIONS: dict[State, Question] = {
    State.CHOOSE_GROUP: Question(
        _prompt_choose_group, _handle_choose_group, short=lambda data: _prompt_choose_group(data)[1:]
    ),
    State.ALARMEER: Question(_prompt_alarmeer, _handle_alarmeer, short=_short_alarmeer),
    # Silence here most likely means the caller is hanging up to call 112: let them go.
    State.CALL_112_FIRST: Question(
        lambda data: [_t(data, "voice.call_112_first")],
        _handle_call_112_first,
        retries=0,
        on_silence=State.HELD_FOR_112,
    ),
    State.WHAT: Question(
        lambda data: [_t(data, "voice.what")], _handle_what, short=lambda data: [_t(data, "voice.what_short")],
    ),
    State.WHERE: Question(_prompt_where, _handle_where, short=_short_where, speech=True),
    State.CHECK_WHERE: Question(
        lambda data: [_t(data, "voice.check_where", location=data["heard"])], _handle_check_where,
        short=lambda data: [_t(data, "voice.check_where_short", location=data["heard"])],
    ),
    State.DESCRIPTION: Question(
        _prompt_description, _handle_description, short=lambda data: [_t(data, "voice.description_short")],
        speech=True,
    ),
    State.CONFIRM: Question(_prompt_confirm, _handle_confirm, short=lambda data: [_t(data, "voice.confirm")]),
    State.RESUME: Question(_prompt_resume, _handle_resume, short=lambda data: [_t(data, "voice.resume_short")]),
    # Silence is no all-clear: back to the 112 question, where the call began.
    State.CLOSE_ALERT: Question(
        lambda data: [_t(data, "voice.close_ask")], _handle_close_alert,
        short=lambda data: [_t(data, "voice.close_ask_short")], retries=1, on_silence=State.ALARMEER,
    ),
    # Silence after "niet aangemeld ... Wilt u meedoen? Druk 1.": a kind goodbye.
    State.JOIN_OFFER: Question(
        lambda data: [_t(data, "voice.unknown_caller"), *_join_offer(data)], _handle_join_offer,
        short=_join_offer, retries=0, on_silence=State.BYE,
    ),
    State.JOIN_POSTCODE: Question(
        lambda data: [_t(data, "voice.join_postcode")], _handle_join_postcode,
        short=lambda data: [_t(data, "voice.join_postcode")], digits=4,
    ),
    State.JOIN_CHOOSE: Question(
        _prompt_join_choose, _handle_join_choose, short=lambda data: _prompt_join_choose(data)[1:],
    ),
    State.JOIN_NAME: Question(
        lambda data: [_t(data, "voice.join_name")], _handle_join_name,
        short=lambda data: [_t(data, "voice.join_name_short")], speech=True,
    ),
}

ENDINGS: dict[State, Callable[[dict[str, Any]], list[str]]] = {
    # No key leads on from an ending: a stranger's English line is the English words themselves.
    State.UNKNOWN_CALLER: lambda data: [
        _t(data, "voice.unknown_caller"), _t(data, "voice.bye"), *_in_english(data, "voice.unknown_caller"),
    ],
    State.BYE: lambda data: [_t(data, "voice.bye")],
    State.JOIN_NONE: lambda data: [_t(data, "voice.join_none"), _t(data, "voice.bye")],
    State.JOIN_DONE: _prompt_join_done,
    State.HIDDEN_CALLER: lambda data: [_t(data, "voice.hidden_caller")],
    State.HELD_FOR_112: lambda data: [_t(data, "voice.call_112_bye")],
    State.SENT: _prompt_sent,
    State.CLOSED: _prompt_closed,
    State.GAVE_UP: lambda data: [
        _t(data, "voice.give_up"), *([_t(data, "voice.resume_later")] if resumable(data) else []),
        _t(data, "voice.bye"),
    ],
}


def resumable(data: dict[str, Any]) -> bool:
    """True when a call ended with a report begun: calling back soon takes it up again."""
    return "emergency_called" in data and "group_id" in data


# --- The engine ----------------------------------------------------------------------------


def _with_group(data: dict[str, Any], group: dict[str, Any]) -> dict[str, Any]:
    return {
        **data,
        "group_id": group["id"],
        "group_name": group["name"],
        "member_id": group.get("member_id"),
        "street": group.get("street"),
        "record": group.get("record", data.get("record", False)),
    }


def _start_over(data: dict[str, Any]) -> dict[str, Any]:
    """Forget the answers but keep who is calling for which group."""
    keep = ("groups", "group_id", "group_name", "member_id", "street", "record", "lang")
    return {k: data[k] for k in keep if k in data}


def start(
    groups: list[dict[str, Any]], held: dict[str, Any] | None = None, record: bool = False,
    hidden: bool = False, can_join: bool = True, lang: str = DEFAULT,
) -> Transition:
    """Begin a call for a caller in `groups` (id, name, member_id, street); resume `held` if any.

    `held` is a report this caller began in an earlier call: one held for 112 asks again
    whether 112 is called; one cut off later asks whether to go on. With `record`, the
    caller's description is also recorded (a group's `record` says whether it has members on
    a landline). A caller who hides their number (`hidden`) hears how to show it, and 112.
    A caller in no group is offered to ask a group to join (`can_join`: their number is one
    the line could invite). A member hears it all in `lang`, their own language; a stranger
    (`lang` Dutch) hears Dutch and one line in English on how to hear the same in English.
    """
    if hidden:
        return _to(State.HIDDEN_CALLER, {}, t("voice.welcome"))
    if not groups:  # a stranger, or an invitee who calls before their JA: in the number's language
        known = {"lang": lang}
        return _to(State.JOIN_OFFER if can_join else State.UNKNOWN_CALLER, known, _t(known, "voice.welcome"))
    data: dict[str, Any] = {"groups": groups, "record": record, "lang": lang}
    hint = _t(data, "voice.repeat_hint")
    held_group = next((g for g in groups if held and g["id"] == held.get("group_id")), None)
    if held_group:
        kept = {k: v for k, v in held.items() if k not in ("groups", "resumed", "left_at", "lang")}
        data = {**_with_group(data, held_group), **kept, "groups": groups}
        if "emergency_called" not in held:
            greeting = _t(data, "voice.resume_greeting", group=held_group["name"])
            return _to(State.ALARMEER, {**data, "resumed": True}, greeting, hint)
        return _to(State.RESUME, {**data, "left_at": held.get("left_at", State.WHAT.value)}, hint)
    if len(groups) == 1:
        greeting = _t(data, "voice.greeting", group=groups[0]["name"])
        return _to(State.ALARMEER, _with_group(data, groups[0]), greeting, hint)
    return _to(State.CHOOSE_GROUP, data, _t(data, "voice.welcome"), hint)


def step(call: CallState, inp: Input) -> Transition:
    """Answer one input in the call's current question, applying the declared fallbacks."""
    question = QUESTIONS.get(call.state)
    if question is None:  # the call already ended; say its ending again
        return Transition(call)
    if inp.digits == REPEAT_KEY:
        return Transition(call)
    if inp.empty:
        if call.no_input >= question.retries:
            return _end(question.on_silence, call)
        again = question.short(call.data) if question.short else []
        return Transition(replace(call, no_input=call.no_input + 1), (_t(call.data, "voice.no_input"), *again),
                          short=bool(again))
    try:
        return question.handle(inp, call.data)
    except Invalid as wrong:
        if call.invalid >= MAX_INVALID:
            return _end(State.GAVE_UP, call, _t(call.data, wrong.key))
        return Transition(replace(call, invalid=call.invalid + 1), (_t(call.data, wrong.key),))


def _end(state: State, call: CallState, *preface: str) -> Transition:
    """End the call in `state`, noting where it was so a call back can go on from there."""
    data = call.data if state is not State.GAVE_UP else {**call.data, "left_at": call.state.value}
    return Transition(CallState(state, data), preface)


def prompt(transition: Transition) -> Prompt:
    """Say the transition's preface, then the new state's question or ending."""
    call = transition.call
    question = QUESTIONS.get(call.state)
    if question is None:
        lines = transition.preface + tuple(ENDINGS[call.state](call.data))
        return Prompt(lines, call.state, gather=False, lang=language(call.data))
    asked = () if transition.short else tuple(question.prompt(call.data))
    lines = transition.preface + asked
    record = transition.effect is Effect.START_RECORDING
    return Prompt(lines, call.state, gather=True, speech=question.speech, record=record, digits=question.digits,
                  lang=language(call.data))
