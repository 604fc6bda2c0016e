"""Text from outside, made safe to keep: no control characters, one line, bounded length."""
from __future__ import annotations

import re

# C0 and C1 controls (NUL included) but tab, newline and carriage return, which fold to spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_KEYS = re.compile(r"[0-9*#]+")


def printable(value: str | None, limit: int) -> str:
    """`value` without control characters, white space folded, at most `limit` characters."""
    return " ".join(_CONTROL.sub("", value or "")[: limit * 4].split())[:limit]


def fit(value: str | None, limit: int) -> str:
    """Shorten printable text to `limit` characters with care: at a word boundary, no dangling comma."""
    cleaned = printable(value, limit * 4)
    if len(cleaned) <= limit:
        return cleaned
    cut = cleaned[: limit + 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut[:limit].rstrip(" ,.;:-")


def is_keys(value: str) -> bool:
    """True for keys a phone can send: ASCII 0-9, * and # (str.isdigit also takes ² and ٣)."""
    return bool(_KEYS.fullmatch(value))


def ascii_int(value: str | None, limit: int) -> int | None:
    """An ASCII whole number of at most `limit` digits, else None (no ², no 10**100)."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= limit:
        return int(value)
    return None


def dutch_number(value: float, decimals: int = 1) -> str:
    """A number as Dutch readers write it: a decimal comma, a dot between thousands (1.234,5)."""
    shown = f"{value:,.{decimals}f}"
    return shown.replace(",", "\0").replace(".", ",").replace("\0", ".")


def dutch_percent(share: float | None, decimals: int = 1) -> str:
    """A share (0.667) as a Dutch percentage ("66,7%"); none: a dash."""
    if share is None:
        return "–"
    return dutch_number(share * 100, decimals) + "%"
