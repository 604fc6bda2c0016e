"""The house rules of ARCHITECTURE.md that import-linter cannot check."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

IVR = Path(__file__).resolve().parent.parent / "ivr"
# Twilio's vocabulary: webhook paths, status fields, AnsweredBy, its 2xxxx error codes.
TWILIO_WORDS = re.compile(r"/twilio/|AnsweredBy|MessageStatus|CallStatus|MessageSid|\b2[01]\d{3}\b|no-answer")


def modules(under: Path) -> list[Path]:
    return sorted(p for p in under.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_two_modules_share_a_file_name():
    names = Counter(p.name for p in modules(IVR) if p.name != "__init__.py")
    assert [name for name, count in names.items() if count > 1] == []


@pytest.mark.parametrize("layer", ["flows", "storage", "services", "sending"])
def test_twilio_words_live_in_ivr_twilio_only(layer):
    offenders = []
    for path in modules(IVR / layer):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if TWILIO_WORDS.search(line):
                offenders.append(f"{path.relative_to(IVR)}:{number}: {line.strip()}")
    assert offenders == []


def test_every_package_under_ivr_is_a_regular_package():
    packages = {p.parent for p in modules(IVR)}
    assert [str(p) for p in packages if not (p / "__init__.py").exists()] == []
