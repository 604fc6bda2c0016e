"""Dutch postcodes: a group's area is PC4 (`1234`) and PC6 (`1234AB`) codes."""
from __future__ import annotations

import re
from dataclasses import dataclass

# PostNL never issues these letter pairs (and no PC4 starts with 0).
UNUSED_LETTERS = frozenset({"SA", "SD", "SS"})
_SHAPE = re.compile(r"^([1-9][0-9]{3})\s?([A-Z]{2})?$")


class InvalidPostcode(ValueError):
    """Not a Dutch postcode, with an example of one."""


@dataclass(frozen=True, order=True)
class Postcode:
    """A PC4 (letters "") or a PC6 postcode."""

    pc4: int
    letters: str = ""

    def __str__(self) -> str:
        return f"{self.pc4}{self.letters}"

    def covers(self, other: Postcode) -> bool:
        """A PC4 covers every PC6 inside it; a PC6 only itself."""
        return self.pc4 == other.pc4 and (not self.letters or self.letters == other.letters)


def parse(raw: str) -> Postcode:
    """`1234`, `1234AB` or `1234 ab` as a Postcode, or InvalidPostcode."""
    text = " ".join((raw or "").upper().split())
    match = _SHAPE.match(text)
    if match is None or (match.group(2) or "") in UNUSED_LETTERS:
        raise InvalidPostcode(f"{raw!r} is not a Dutch postcode (like 1234 or 1234AB)")
    return Postcode(int(match.group(1)), match.group(2) or "")


def parse_all(raws: list[str] | tuple[str, ...]) -> list[Postcode]:
    """Every postcode of a list, sorted and without doubles (InvalidPostcode names the first bad one)."""
    return sorted({parse(raw) for raw in raws})


def shown(codes: list[Postcode]) -> str:
    """An area as people read it: "1234, 1235AB"."""
    return ", ".join(str(code) for code in sorted(codes))


_SCOPE = re.compile(r"^([1-9][0-9]{0,3})(?:-([1-9][0-9]{3}))?$")


def parse_scope(raws: list[str] | tuple[str, ...]) -> list[tuple[int, int]]:
    """A coordinator's area as PC4 ranges: a prefix ("12": 1200-1299; "1": 1000-1999), a PC4,
    or a range of PC4s ("1300-1399"). InvalidPostcode names the first one that is none."""
    ranges = []
    for raw in raws:
        match = _SCOPE.match((raw or "").strip())
        if match is None or (match.group(2) and len(match.group(1)) != 4):
            raise InvalidPostcode(f"{raw!r} is no PC4 prefix or range (like 12, 1234 or 1300-1399)")
        start, end = match.groups()
        if end:
            low, high = int(start), int(end)
        else:
            width = 4 - len(start)
            low, high = int(start) * 10**width, int(start) * 10**width + 10**width - 1
        if low > high:
            raise InvalidPostcode(f"{raw!r}: the range runs backwards")
        ranges.append((low, high))
    return sorted(set(ranges))


def scope_text(ranges: list[tuple[int, int]]) -> str:
    """A scope as stored and shown: "1200-1299 1300-1399" ("" for every group)."""
    return " ".join(f"{low}-{high}" if low != high else str(low) for low, high in ranges)
