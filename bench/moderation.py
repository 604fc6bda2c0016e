"""Measure the moderation filter: recall on the public Dutch lists, hits on real alert texts.

    .venv/bin/python bench/moderation.py [--missed FILE]

Recall: the share of entries of ../shared/reference/wordlists/ (LDNOOBW and LDNOOBW V2) that
the filter flags. Those lists mix slurs and abuse with sexual slang and everyday words (gat,
hol, dief, hond, zak, ...) that an alert needs, so recall on the whole lists is not the
goal: --missed writes the entries it lets through, for a person to judge. False positives:
hits on tests/data/alerts_nl.txt, realistic alert texts that must all pass (goal: 0).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ivr.flows import moderation  # noqa: E402

LISTS = ROOT.parent / "shared" / "reference" / "wordlists"
# The discriminatory and abusive entries, for recall: those containing the stem of a common
# Dutch slur or curse. A rule anyone can check, not a hand-picked sample.
ABUSIVE_STEMS = re.compile(
    r"neger|nikker|jood|joden|flikker|mongo|kanker|tering|tyfus|klere|kolere|pleuris|kloot|"
    r"hoer|slet|kut|lul|debiel|achterlijk|mietje|spleetoog|zigeuner|makak|geitenneuk|"
    r"kamelenneuk|kameelneuk|\bmof|teef|wijf|sodemieter|godver|klootzak|eikel|trut|spast"
)
CORPUS = ROOT / "tests" / "data" / "alerts_nl.txt"


def entries(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description="moderation figures")
    parser.add_argument("--missed", type=Path, help="write the list entries not flagged here")
    args = parser.parse_args()
    missed_all: list[str] = []
    print("| list | entries | flagged | recall (all) | slur/curse entries | flagged | recall (slur/curse) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for path in sorted(LISTS.glob("*.txt")):
        words = entries(path)
        verdicts = [moderation.check(w) for w in words]
        flagged = [v for v in verdicts if v.hits]
        abusive = [(w, v) for w, v in zip(words, verdicts) if ABUSIVE_STEMS.search(w.lower())]
        caught = [w for w, v in abusive if v.hits]
        missed_all += [w for w, v in zip(words, verdicts) if not v.hits]
        print(f"| {path.name} | {len(words)} | {len(flagged)} | {len(flagged) / len(words):.0%} "
              f"| {len(abusive)} | {len(caught)} | {len(caught) / len(abusive):.0%} |")
    texts = entries(CORPUS)
    hits = [(t, moderation.check(t).hits) for t in texts]
    false = [(t, h) for t, h in hits if h]
    print(f"\nalert corpus: {len(texts)} texts, {len(false)} flagged (false positives)")
    for text, found in false:
        print(f"  FLAGGED: {text!r}: {found}")
    if args.missed:
        args.missed.write_text("\n".join(sorted(set(missed_all))) + "\n", encoding="utf-8")
        print(f"\n{len(set(missed_all))} distinct entries not flagged: {args.missed}")


if __name__ == "__main__":
    main()
