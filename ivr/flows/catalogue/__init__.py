"""The message catalogue: one module per language, looked up by key."""
from __future__ import annotations

from . import nl

CATALOGUES: dict[str, dict[str, str]] = {"nl": nl.MESSAGES}


def t(message_id: str, /, lang: str = "nl", **values: object) -> str:
    """Return the text for `message_id` in `lang`, with `values` filled in."""
    return CATALOGUES[lang][message_id].format(**values)
