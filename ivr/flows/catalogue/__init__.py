"""The message catalogue: one module per language, looked up by key."""
from __future__ import annotations

from . import nl

CATALOGUES: dict[str, dict[str, str]] = {"nl": nl.MESSAGES}


def t(message_id: str, /, lang: str = "nl", **values: object) -> str:
    """Return the text for `message_id` in `lang`, with `values` filled in."""
    return CATALOGUES[lang][message_id].format(**values)


def plural(message_id: str, count: int, /, lang: str = "nl", **values: object) -> str:
    """The `.one` or `.other` form of `message_id` for `count` ("1 lid", "3 leden")."""
    return t(f"{message_id}.{'one' if count == 1 else 'other'}", lang, count=count, **values)
