"""Phone numbers: one normal form (E.164) for every number the line sees."""
from __future__ import annotations

import re
from enum import StrEnum

import phonenumbers
from phonenumbers import PhoneNumberType


class InvalidPhone(ValueError):
    """A phone number that cannot be read as a real number."""


class NumberKind(StrEnum):
    """What a number can receive: SMS on a mobile, only calls on a fixed line."""

    MOBILE = "mobile"
    FIXED = "fixed"


EXAMPLE = "06-12345678"


def normalise(raw: str, region: str = "NL") -> str:
    """Return `raw` (06-12345678, +31 6 12345678, 0031612345678, ...) as E.164."""
    text = (raw or "").strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(f"{raw!r} is not a phone number (example: {EXAMPLE})") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(f"{raw!r} is not a valid phone number (example: {EXAMPLE})")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def try_normalise(raw: str | None, region: str = "NL") -> str | None:
    """Return the E.164 form of `raw`, or None when it is not a valid number."""
    try:
        return normalise(raw or "", region)
    except InvalidPhone:
        return None


def kind(e164: str) -> NumberKind:
    """Tell whether an E.164 number takes SMS (mobile) or only calls (fixed, VoIP, ...)."""
    number_type = phonenumbers.number_type(phonenumbers.parse(e164))
    if number_type in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return NumberKind.MOBILE
    return NumberKind.FIXED


# Eight or more digits, however grouped: a phone number even when it is not a valid one.
_DIGIT_RUN = re.compile(r"(?:\+|\b00)?\d(?:[\s\-.()/]{0,2}\d){7,}")


def redact(text: str, region: str = "NL", placeholder: str = "(nummer)") -> str:
    """Replace every phone number in free text, so alerts never carry one."""
    matches = list(phonenumbers.PhoneNumberMatcher(text, region))
    for match in reversed(matches):
        text = text[: match.start] + placeholder + text[match.end :]
    return _DIGIT_RUN.sub(placeholder, text)


def alert_channel(e164: str, voice: bool = False) -> str:
    """A member's alert channel: a phone call for landlines (and on request), else SMS."""
    return "voice" if voice or kind(e164) is not NumberKind.MOBILE else "sms"


def local(e164: str) -> str:
    """A Dutch number as people type it ("0612345678"); other countries stay international."""
    if e164.startswith("+31"):
        return "0" + e164[3:]
    return e164
