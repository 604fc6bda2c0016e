"""The alert SMS: essentials first, one 112 phrase, GSM-7, at most two segments."""
from __future__ import annotations

import re
from datetime import datetime

from ivr.flows import clock, description as reducer, gsm, phones
from ivr.flows.catalogue import DEFAULT, t

# A location is an essential and is never trimmed in the SMS, so it is bounded on input.
MAX_LOCATION = 100
MAX_GROUP_NAME = 40


def clean_free_text(text: str, limit: int | None = None, lang: str = DEFAULT) -> str:
    """Prepare caller-given text for an alert: no phone numbers, GSM-7, one line."""
    cleaned = gsm.clean(phones.redact(text or "", placeholder=t("sms.redacted_number", lang)))
    return gsm.truncate(cleaned, limit) if limit else cleaned


# What a caller says before the point: a greeting, a filler, who they are, why they call.
# Read back and sent, it only pushes the useful end of the description out of the SMS.
_OPENERS = re.compile(
    r"^(?:(?:ja|nee|hallo|hoi|dag|goedendag|goede(?:n)?dag|goedemorgen|goedemiddag|goedenavond|"
    r"goeienavond|goedenacht|eh|ehm|uh|uhm|hm|nou|ok|oké|okay|zeg|luister)\b[\s,.!]*)",
    re.IGNORECASE,
)
# Who is calling: "u spreekt met mevrouw de Vries", "met Jan Jansen", "dit is Piet".
_PARTICLE = r"(?:de|van|der|den|het|ter|te|op)"
_NAME = re.compile(
    rf"(?:(?:[Mm]evrouw|[Mm]eneer)\s+)?(?:{_PARTICLE}\s+)*[A-Z][\w'-]*"
    rf"(?:\s+(?:{_PARTICLE}\s+)*[A-Z][\w'-]*)*[\s,.!]*"
)
_CLEAR_INTRO = re.compile(r"^(?:u spreekt met|je spreekt met|mijn naam is|hier is)\s+", re.IGNORECASE)
_MAYBE_INTRO = re.compile(r"^(?:dit is|met)\s+", re.IGNORECASE)
_UP_TO_PAUSE = re.compile(r"[^,.!?]{1,60}[,.!?]\s*")
_PREAMBLE = re.compile(
    r"^(?:ik bel(?:\s+(?:even|u))*\s+(?:omdat|want|over|voor)|ik wil(?:\s+(?:graag|even|u))*\s+"
    r"(?:iets\s+)?melden(?:\s+dat)?|ik heb een melding|ik wilde (?:even )?melden(?:\s+dat)?)[\s,.:]*",
    re.IGNORECASE,
)


def strip_openers(text: str) -> str:
    """Drop greetings, fillers and self-introductions from the start of a spoken description."""
    previous = None
    while previous != text:
        previous = text
        for pattern in (_OPENERS, _PREAMBLE):
            text = pattern.sub("", text, count=1).lstrip(" ,.")
        text = _strip_introduction(text)
    return text


def _strip_introduction(text: str) -> str:
    clear = _CLEAR_INTRO.match(text)
    if clear:
        rest = text[clear.end():]
        name = _UP_TO_PAUSE.match(rest) or _NAME.match(rest)
        return rest[name.end():] if name else rest
    maybe = _MAYBE_INTRO.match(text)
    if maybe:
        rest = text[maybe.end():]
        # "Dit is een man ..." describes; only a name after it is an introduction.
        name = _NAME.match(rest)
        if name and name.end() < len(rest):
            return rest[name.end():]
    return text


def as_sent(
    description: str, *, group: str, category: str, location: str, emergency_called: str,
    timezone: str = "Europe/Amsterdam",
) -> str:
    """The description exactly as the alert SMS will carry it: what the caller hears back.

    Cut to fit the Dutch SMS; an English or Turkish one is cut to fit its own two segments.
    """
    essentials = _essentials(group, datetime(2000, 1, 1, 12, 0), category, location, emergency_called, timezone)
    return _fit_description(description, essentials)


def _essentials(group, created_at, category, location, emergency_called, timezone, lang=DEFAULT):
    where = clean_free_text(location, MAX_LOCATION, lang)
    head = t(
        "sms.alert.head" if where else "sms.alert.head_nowhere",
        lang,
        group=gsm.clean(group),
        time=clock.hhmm(created_at, timezone),
        category=t(f"sms.category.{category}", lang),
        location=where,
    )
    return head, t(f"sms.alert.status.{emergency_called}", lang), t("sms.alert.safety", lang)


def _fit_description(description: str, essentials: tuple[str, str, str], lang: str = DEFAULT) -> str:
    described = strip_openers(clean_free_text(description, lang=lang)).rstrip(" ,;:-")
    budget = gsm.MAX_SEPTETS - gsm.septets(" ".join(essentials)) - 1
    # What does not fit keeps what was seen, not how the caller came to see it (room for a ".").
    described = reducer.reduce(described, budget - 1, gsm.septets).rstrip(" ,;:-")
    if described:
        # Speech recognition often starts lower-case; the description starts a sentence.
        described = _capitalised(described)
    if described and described[-1] not in ".!?":
        described += "."
    if described:
        described = gsm.truncate(described, budget)
    return described


def _capitalised(text: str) -> str:
    """`text` with a capital first letter that is still GSM-7 ("à" -> "A", never "À"; "ß" stays)."""
    first = gsm.to_gsm7(text[0].upper())
    return (first if len(first) == 1 else text[0]) + text[1:]


def compose(
    *,
    group: str,
    created_at: datetime,
    category: str,
    location: str,
    emergency_called: str,
    description: str,
    timezone: str = "Europe/Amsterdam",
    lang: str = DEFAULT,
) -> str:
    """Write the alert SMS in `lang`; only the description is shortened to fit two segments.

    A second segment is taken only for what was seen: the safety line goes in whole where it
    fits in the segments the rest needs, else in its short form, else it is left out (every
    member read it in the invitation). Twilio lets out segments, not messages: a one-segment
    alert is on every phone in half the time.
    """
    head, status, safety = _essentials(group, created_at, category, location, emergency_called, timezone, lang)
    described = _fit_description(description, (head, status, safety), lang)
    text = " ".join(p for p in (head, status, described) if p)
    needed = gsm.segments(text)
    for line in (safety, t("sms.alert.safety_short", lang)):
        if gsm.segments(f"{text} {line}") == needed:
            return f"{text} {line}"
    return text


def all_clear(
    *, group: str, created_at: datetime, category: str, location: str, note: str,
    timezone: str = "Europe/Amsterdam", lang: str = DEFAULT,
) -> str:
    """Write the all-clear: which alert (group, local time, category, place) is over, then the
    closer's own words (already cleaned and moderated), cut so the whole fits two segments."""
    where = clean_free_text(location, MAX_LOCATION, lang)
    head = t(
        "sms.all_clear" if where else "sms.all_clear_nowhere",
        lang,
        group=gsm.clean(group), time=clock.hhmm(created_at, timezone),
        category=t(f"sms.category.{category}", lang), location=where,
    )
    note = note.strip()
    if not note:
        return head
    note = _capitalised(note)  # a sentence of its own after the head
    if note[-1] not in ".!?":
        note += "."
    return f"{head} {gsm.truncate(note, gsm.MAX_SEPTETS - gsm.septets(head) - 1)}".rstrip()
