"""The destination policy as plain Python: where the line may text and call."""
from __future__ import annotations

import pytest

from ivr.flows.destinations import Destinations, Refusal, parse_countries
from ivr.flows.text import ascii_int, fit, is_keys, printable

LINE = "+3197010000000"
HOME = Destinations(own=frozenset({LINE}))


@pytest.mark.parametrize("number, sms, voice", [
    ("+31612345678", None, None),  # Dutch mobile: SMS or a call
    ("+31205551234", Refusal.NO_SMS, None),  # Dutch fixed line: a call only
    ("+31900123456", Refusal.PAID, Refusal.PAID),  # 0900
    ("+319061234567", Refusal.PAID, Refusal.PAID),  # 0906
    ("+319091234567", Refusal.PAID, Refusal.PAID),  # 0909
    ("+31841234567", Refusal.PAID, Refusal.PAID),  # 084
    ("+31871234567", Refusal.PAID, Refusal.PAID),  # 087
    ("+31800123456", Refusal.PAID, Refusal.PAID),  # toll free
    ("+33890123456", Refusal.PAID, Refusal.PAID),  # French premium rate
    ("+881612345678", Refusal.COUNTRY, Refusal.COUNTRY),  # satellite
    ("+882161234567", Refusal.COUNTRY, Refusal.COUNTRY),  # international network
    ("+32470123456", Refusal.COUNTRY, Refusal.COUNTRY),  # Belgian mobile, not allowed by default
    ("+447031234567", Refusal.COUNTRY, Refusal.COUNTRY),  # UK personal number
    ("+3197012345678", Refusal.OTHER_TYPE, Refusal.OTHER_TYPE),  # M2M
    ("+31661234567", Refusal.OTHER_TYPE, Refusal.OTHER_TYPE),  # pager
    ("+31851234567", Refusal.OTHER_TYPE, Refusal.OTHER_TYPE),  # VoIP
    (LINE, Refusal.OWN_NUMBER, Refusal.OWN_NUMBER),
    ("112", Refusal.NOT_A_NUMBER, Refusal.NOT_A_NUMBER),
    ("144", Refusal.NOT_A_NUMBER, Refusal.NOT_A_NUMBER),
    ("+311400", Refusal.NOT_A_NUMBER, Refusal.NOT_A_NUMBER),
    ("", Refusal.NOT_A_NUMBER, Refusal.NOT_A_NUMBER),
])
def test_the_default_policy(number, sms, voice):
    assert HOME.refusal(number, "sms") == sms
    assert HOME.refusal(number, "voice") == voice


def test_allowed_countries_widen_to_their_mobile_and_fixed_numbers_only():
    border = Destinations(parse_countries("nl, BE,DE"), frozenset({LINE}))
    assert border.allows("+32470123456", "sms") and border.allows("+4930123456", "voice")
    assert border.refusal("+4930123456", "sms") is Refusal.NO_SMS
    assert border.refusal("+33612345678", "sms") is Refusal.COUNTRY
    assert border.refusal("+33890123456", "voice") is Refusal.PAID
    assert not border.only_home() and HOME.only_home()


def test_an_unknown_country_code_is_refused_at_start():
    with pytest.raises(ValueError, match="XX"):
        parse_countries("NL,XX")


def test_text_from_outside_is_bounded_and_printable():
    assert printable("a\x00b\x07c\td\n e", 100) == "abc d e"
    assert len(printable("x" * 100_000, 64)) == 64
    assert fit("Jan de Vries van de Molenstraat " * 10, 120).endswith(" de")  # at a word boundary
    assert len(fit("Jan de Vries van de Molenstraat " * 10, 120)) <= 120
    assert fit("kort", 120) == "kort"


@pytest.mark.parametrize("keys, ok", [("1", True), ("*", True), ("12#", True), ("²", False),
                                       ("\u0663", False), ("1 2", False), ("", False)])
def test_keys_are_ascii_only(keys, ok):
    assert is_keys(keys) is ok


def test_numbers_from_outside():
    assert ascii_int("42", 3) == 42 and ascii_int("²", 3) is None
    assert ascii_int("9" * 100, 6) is None and ascii_int("-1", 3) is None
