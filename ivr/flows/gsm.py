"""GSM-7: the only alphabet every basic phone shows, and how many SMS segments a text takes."""
from __future__ import annotations

import re
import unicodedata

BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Characters of the extension table cost two septets (an escape plus the character).
EXTENDED = set("^{}\\[~]|€\f")

SINGLE_SEGMENT = 160
MULTI_SEGMENT = 153
MAX_SEGMENTS = 2
MAX_SEPTETS = MULTI_SEGMENT * MAX_SEGMENTS  # 306

_REPLACEMENTS = {
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-",
    "…": "...", "•": "-", "·": "-", "×": "x", "ĳ": "ij", "Ĳ": "IJ",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ",
    "ç": "c", "œ": "oe", "Œ": "OE",
    # Turkish: the dotless i has no decomposition; Ç is in GSM-7 but many phones show it as ç.
    "ı": "i", "Ç": "C",
}


def to_gsm7(text: str) -> str:
    """Transliterate `text` into GSM-7 (ë -> e, curly quotes -> straight, ...), dropping the rest."""
    out = []
    for char in text:
        if char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
            continue
        if char in BASIC or char in EXTENDED:
            out.append(char)
            continue
        stripped = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if stripped and all(c in BASIC for c in stripped):
            out.append(stripped)
        # Anything else (emoji, other scripts) has no GSM-7 form and is left out.
    return "".join(out)


def is_gsm7(text: str) -> bool:
    """Tell whether every character of `text` is in GSM-7."""
    return all(c in BASIC or c in EXTENDED for c in text)


def septets(text: str) -> int:
    """Count the septets `text` takes in GSM-7."""
    return sum(2 if c in EXTENDED else 1 for c in text)


def segments(text: str) -> int:
    """Count the SMS segments a GSM-7 `text` is sent in.

    A long message is cut into parts of 153 septets, and an extension character (an escape
    and its character: €, [, ], {, }, ~, ^, \\, |) is never split over two parts: when only
    one septet is left in a part, the pair starts the next one (as Twilio and phones do).
    """
    if septets(text) <= SINGLE_SEGMENT:
        return 1
    parts, used = 1, 0
    for char in text:
        cost = 2 if char in EXTENDED else 1
        if used + cost > MULTI_SEGMENT:
            parts, used = parts + 1, 0
        used += cost
    return parts


def clean(text: str) -> str:
    """Transliterate to GSM-7 and fold runs of white space into one space."""
    return re.sub(r"\s+", " ", to_gsm7(text)).strip()


def truncate(text: str, budget: int, ellipsis: str = "...") -> str:
    """Cut `text` to at most `budget` septets, at a word boundary where possible."""
    if septets(text) <= budget:
        return text
    room = budget - septets(ellipsis)
    if room <= 0:
        return ""
    cut = ""
    for char in text:
        if septets(cut + char) > room:
            break
        cut += char
    if " " in cut[-20:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-") + ellipsis
