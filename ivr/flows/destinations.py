"""Where the line may send: one destination policy against toll fraud and SMS pumping.

Allowed: mobile numbers (SMS or a call) and fixed, geographic numbers (a call) of the
countries in ALLOWED_COUNTRIES (default NL). Never: premium-rate and shared-cost numbers
(0900, 0906, 0909, 084, 087 and their foreign kin), toll-free and special numbers, short
codes (112, 144, 1xxx), satellite and international networks (+881, +882, +883), personal
numbers, pagers, M2M (the Dutch 097 range, which libphonenumber counts as mobile), VoIP and
numbers of unknown type, and the line's own numbers. The check runs wherever a number enters
and again just before each send.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import phonenumbers
from phonenumbers import PhoneNumberType

MOBILE = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
FIXED = (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
# Mobile by libphonenumber's book, machine-to-machine in fact.
M2M_PREFIXES = ("+3197",)
SUPPORTED_REGIONS = frozenset(phonenumbers.SUPPORTED_REGIONS)


class Refusal(StrEnum):
    """Why the line will not send to a number."""

    NOT_A_NUMBER = "not_a_number"
    COUNTRY = "country"  # not in ALLOWED_COUNTRIES, or a non-geographic network (satellite, ...)
    PAID = "paid"  # premium rate, shared cost, toll free, universal access
    OTHER_TYPE = "other_type"  # personal, pager, VoIP, M2M, unknown
    NO_SMS = "no_sms"  # a fixed line: calls only
    OWN_NUMBER = "own_number"

    def explain(self) -> str:
        """The reason in plain English, for the operator's CLI."""
        return _EXPLAINED[self]


_EXPLAINED = {
    Refusal.NOT_A_NUMBER: "is not a valid phone number",
    Refusal.COUNTRY: "is not a number of an allowed country (ALLOWED_COUNTRIES)",
    Refusal.PAID: "is a premium-rate, shared-cost or special number",
    Refusal.OTHER_TYPE: "is not a mobile or fixed number (personal, M2M, VoIP or unknown type)",
    Refusal.NO_SMS: "is a fixed line: it can only be called",
    Refusal.OWN_NUMBER: "is the line's own number",
}
_PAID = {
    PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.TOLL_FREE,
    PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL,
}


def parse_countries(raw: str | None) -> frozenset[str]:
    """ALLOWED_COUNTRIES ("NL,BE,DE") as region codes; ValueError names an unknown one."""
    codes = frozenset(c.strip().upper() for c in (raw or "NL").split(",") if c.strip())
    unknown = sorted(codes - SUPPORTED_REGIONS)
    if unknown or not codes:
        raise ValueError(f"ALLOWED_COUNTRIES: unknown country code(s) {', '.join(unknown) or '(none)'}")
    return codes


@dataclass(frozen=True)
class Destinations:
    """The policy: allowed countries and the line's own numbers (E.164)."""

    countries: frozenset[str] = frozenset({"NL"})
    own: frozenset[str] = field(default_factory=frozenset)

    def refusal(self, e164: str, channel: str) -> Refusal | None:
        """Why the line may not send on `channel` ("sms" or "voice") to `e164`; None when it may."""
        try:
            number = phonenumbers.parse(e164 or "", None)
        except phonenumbers.NumberParseException:
            return Refusal.NOT_A_NUMBER
        if not phonenumbers.is_valid_number(number):
            return Refusal.NOT_A_NUMBER
        normal = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if normal in self.own:
            return Refusal.OWN_NUMBER
        kind = phonenumbers.number_type(number)
        if kind in _PAID:
            return Refusal.PAID
        if phonenumbers.region_code_for_number(number) not in self.countries:
            return Refusal.COUNTRY
        if normal.startswith(M2M_PREFIXES) or kind not in MOBILE + FIXED:
            return Refusal.OTHER_TYPE
        if channel == "sms" and kind not in MOBILE:
            return Refusal.NO_SMS
        return None

    def allows(self, e164: str, channel: str) -> bool:
        """True when the line may send on `channel` to `e164`."""
        return self.refusal(e164, channel) is None

    def only_home(self) -> bool:
        """True when only Dutch numbers are allowed (the default)."""
        return self.countries == frozenset({"NL"})
