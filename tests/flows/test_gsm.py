"""GSM-7 transliteration and segment counting."""
from ivr.flows import gsm


def test_plain_text_is_kept():
    assert gsm.to_gsm7("Molenstraat 12, één man") == "Molenstraat 12, één man"


def test_dutch_and_typographic_characters():
    assert gsm.to_gsm7("ë ï ê ç ĳ „x” ‘y’ – — … ") == "e i e c ij \"x\" 'y' - - ... "


def test_emoji_and_other_scripts_are_dropped():
    assert gsm.to_gsm7("hulp 🚨 нет") == "hulp  "


def test_segments():
    assert gsm.segments("a" * 160) == 1
    assert gsm.segments("a" * 161) == 2
    assert gsm.segments("a" * 306) == 2
    assert gsm.segments("a" * 307) == 3
    assert gsm.segments("€" * 80) == 1 and gsm.segments("€" * 81) == 2


def test_truncate_respects_septets_and_words():
    text = gsm.truncate("een twee drie vier vijf", 15)
    assert gsm.septets(text) <= 15 and text.endswith("...") and text == "een twee..."
    assert gsm.truncate("kort", 10) == "kort"
