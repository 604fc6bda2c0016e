"""Dutch postcodes as a group's area."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from ivr.flows import postcodes
from ivr.flows.postcodes import Postcode


@pytest.mark.parametrize("raw, parsed", [
    ("1234", Postcode(1234)), ("1234AB", Postcode(1234, "AB")), (" 1234 ab ", Postcode(1234, "AB")),
    ("9999zz", Postcode(9999, "ZZ")),
])
def test_parse(raw, parsed):
    assert postcodes.parse(raw) == parsed


@pytest.mark.parametrize("raw", ["0123", "123", "12345", "1234A", "1234SS", "1234 SA", "1234-AB", "", "abcd"])
def test_not_a_postcode(raw):
    with pytest.raises(postcodes.InvalidPostcode, match="1234AB"):
        postcodes.parse(raw)


def test_a_pc4_covers_its_pc6_and_a_pc6_only_itself():
    pc4, pc6 = postcodes.parse("1234"), postcodes.parse("1234AB")
    assert pc4.covers(pc6) and pc4.covers(pc4) and pc6.covers(pc6)
    assert not pc6.covers(pc4) and not pc6.covers(postcodes.parse("1234AC"))
    assert not pc4.covers(postcodes.parse("1235AB"))


def test_parse_all_sorts_and_drops_doubles():
    assert postcodes.shown(postcodes.parse_all(["1235ab", "1234", "1235 AB"])) == "1234, 1235AB"


@given(st.text(max_size=12))
def test_parse_never_fails_otherwise(raw):
    try:
        code = postcodes.parse(raw)
    except postcodes.InvalidPostcode:
        return
    assert postcodes.parse(str(code)) == code
