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
