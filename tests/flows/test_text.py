"""Numbers as the Dutch coordinators' page writes them."""
from __future__ import annotations

import pytest

from ivr.flows import text


@pytest.mark.parametrize("value, decimals, shown", [
    (66.6667, 1, "66,7"), (0, 1, "0,0"), (1234.5, 1, "1.234,5"), (12.0, 0, "12"), (1234567.891, 2, "1.234.567,89"),
])
def test_dutch_number(value, decimals, shown):
    assert text.dutch_number(value, decimals) == shown


def test_dutch_percent():
    assert text.dutch_percent(2 / 3) == "66,7%" and text.dutch_percent(0.2) == "20,0%"
    assert text.dutch_percent(None) == "–"
