"""Phone numbers in every common Dutch and international form."""
import pytest

from ivr.flows import phones


@pytest.mark.parametrize("raw", ["06-12345678", "+31 6 12345678", "0031612345678", "0612345678", "06 12 34 56 78"])
def test_mobile_forms(raw):
    assert phones.normalise(raw) == "+31612345678"
    assert phones.kind("+31612345678") is phones.NumberKind.MOBILE


@pytest.mark.parametrize("raw, e164", [("020-5551234", "+31205551234"), ("030 123 4567", "+31301234567")])
def test_landlines(raw, e164):
    assert phones.normalise(raw) == e164
    assert phones.kind(e164) is phones.NumberKind.FIXED


def test_foreign_number():
    assert phones.normalise("+32 470 12 34 56") == "+32470123456"


@pytest.mark.parametrize("raw", ["", "12", "06-123", "hallo", "anonymous"])
def test_invalid(raw):
    with pytest.raises(phones.InvalidPhone, match="06-12345678"):
        phones.normalise(raw)
    assert phones.try_normalise(raw) is None
