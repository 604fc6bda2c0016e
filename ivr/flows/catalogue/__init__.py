"""The message catalogue: one module per language, looked up by key."""
from __future__ import annotations

from collections.abc import Callable

from . import en, nl, tr

DEFAULT = "nl"
CATALOGUES: dict[str, dict[str, str]] = {"nl": nl.MESSAGES, "en": en.MESSAGES, "tr": tr.MESSAGES}
LANGUAGES: tuple[str, ...] = tuple(CATALOGUES)
# What a member may write after TAAL / LANGUAGE, or an admin after LID, for each language.
LANGUAGE_WORDS: dict[str, str] = {
    "NL": "nl", "NEDERLANDS": "nl", "DUTCH": "nl", "HOLLANDACA": "nl",
    "EN": "en", "ENGLISH": "en", "ENGELS": "en", "INGILIZCE": "en", "İNGILIZCE": "en",
    "TR": "tr", "TURKS": "tr", "TURKISH": "tr", "TURKCE": "tr", "TÜRKCE": "tr", "TÜRKÇE": "tr",
}


def language(code: str | None) -> str:
    """A stored or asked language as one the catalogue has (Dutch for anything else)."""
    return code if code in CATALOGUES else DEFAULT


def language_word(word: str) -> str | None:
    """The language a word names ("EN", "english", "Türkçe"), or None."""
    return LANGUAGE_WORDS.get(word.strip(".,!").upper())


def t(message_id: str, /, lang: str | None = DEFAULT, **values: object) -> str:
    """Return the text for `message_id` in `lang`, with `values` filled in."""
    return CATALOGUES[language(lang)][message_id].format(**values)


def plural(message_id: str, count: int, /, lang: str | None = DEFAULT, **values: object) -> str:
    """The `.one` or `.other` form of `message_id` for `count` ("1 lid", "3 leden")."""
    return t(f"{message_id}.{'one' if count == 1 else 'other'}", lang, count=count, **values)


def each(write: Callable[[str], str]) -> dict[str, str]:
    """One text in every language (`write` is given the language): for messages to several
    members at once, each of whom reads their own."""
    return {lang: write(lang) for lang in LANGUAGES}


def every(message_id: str, /, **values: object) -> dict[str, str]:
    """`message_id` with `values` in every language (`each` for a text that is one key)."""
    return each(lambda lang: t(message_id, lang, **values))
