"""The group rule on words: curated, whole-word, severity-aware, never against real alerts."""
from pathlib import Path

import pytest

from ivr.flows import moderation

CORPUS = Path(__file__).parent.parent / "data" / "alerts_nl.txt"


@pytest.mark.parametrize(
    "word", ["dief", "inbraak", "gat", "hol", "hond", "zak", "rover", "oplichter", "bandiet",
             "dronken", "pikken", "muts", "poot", "pot", "nicht", "schaap", "hoera", "kankeronderzoek",
             "tyfoon", "zwarte", "donkere", "Marokkaanse", "homo"],
)
def test_everyday_words_are_never_flagged(word):
    assert moderation.check(f"Een man met een {word} bij de deur").hits == ()


@pytest.mark.parametrize(
    "text, severity",
    [("die neger bij de auto", 3), ("vuile jood", 3), ("een vieze homo", 3), ("zandneger", 3),
     ("klootzak met pet", 2), ("Kankerlijer!", 2), ("teringzooi", 2), ("boerelul", 2),
     ("stoephoer", 2), ("verdomme", 1), ("shit, weer", 1)],
)
def test_offensive_words_are_found_with_their_severity(text, severity):
    verdict = moderation.check(text)
    assert verdict.severity == severity
    assert verdict.blocked is (severity >= moderation.ABUSIVE)
    assert moderation.MASK in verdict.masked


def test_whole_words_only_and_masking_keeps_the_rest():
    verdict = moderation.check("Man, klootzak, met een kluis (klootzakken!) bij de Kloosterweg")
    assert verdict.masked == "Man, ***, met een kluis (***!) bij de Kloosterweg"
    assert [word for word, _ in verdict.hits] == ["klootzak", "klootzakken"]


def test_realistic_alerts_are_never_flagged():
    texts = [line.strip() for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) >= 200
    flagged = [(text, moderation.check(text).hits) for text in texts if moderation.check(text).hits]
    assert flagged == []
