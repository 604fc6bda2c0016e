"""SMS keywords as plain Python: the text of a message in, the command it is out.

Keywords are matched on the first word (or first two, for phrases like GEEN SPOED),
case-insensitively, with extra spaces and a trailing dot tolerated. Dutch first; the
English aliases of Signalboost and Twilio's own opt-out words work too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ALIASES: dict[str, str] = {
    # reporting
    "MELD": "MELD", "MELDING": "MELD", "ALARM": "MELD",
    "112": "112",
    # answers
    "JA": "JA", "YES": "JA", "J": "JA",
    "NEE": "NEE", "NO": "NEE", "N": "NEE",
    # opt-out and back in (Twilio's standard words included)
    "STOP": "STOP", "STOPPEN": "STOP", "AFMELDEN": "STOP", "STOPALL": "STOP",
    "UNSUBSCRIBE": "STOP", "CANCEL": "STOP", "END": "STOP", "QUIT": "STOP",
    "OPTOUT": "STOP", "REVOKE": "STOP",
    "START": "START", "AANMELDEN": "START", "UNSTOP": "START",
    # admin
    "LID": "LID", "ADD": "LID", "INVITE": "LID",
    "VERWIJDER": "VERWIJDER", "REMOVE": "VERWIJDER",
    "LEDEN": "LEDEN", "LIST": "LEDEN",
    "BEHEERDER": "BEHEERDER", "ADMIN": "BEHEERDER",
    "STATUS": "STATUS",
    "TEST": "TEST",
    "BORD": "BORD", "SIGN": "BORD",
    "HELP": "HELP", "INFO": "HELP", "?": "HELP", "HULP": "HELP",
}
# Two-word keywords, looked at before the first word alone.
PHRASES: dict[str, str] = {
    "112 GEBELD": "112",
    "GEEN SPOED": "GEEN_SPOED",
    "BEHEERDER AF": "BEHEERDER_AF",
    "ADMIN OFF": "BEHEERDER_AF",
    "MIJN GEGEVENS": "MIJN_GEGEVENS",
    "MY DATA": "MIJN_GEGEVENS",
    "VERWIJDER MIJ": "VERWIJDER_MIJ",
    "DELETE ME": "VERWIJDER_MIJ",
}
ADMIN_KEYWORDS = {"LID", "VERWIJDER", "LEDEN", "BEHEERDER", "BEHEERDER_AF", "STATUS", "TEST", "BORD"}
ANSWERS_112 = {"1": "yes", "JA": "yes", "2": "no", "NEE": "no", "3": "not_urgent", "GEEN_SPOED": "not_urgent"}


@dataclass(frozen=True)
class Sms:
    """One inbound SMS as the provider's adapter read it: its id, sender, text and photos."""

    sid: str
    sender: str
    body: str
    media: int = 0


@dataclass(frozen=True)
class Command:
    """A message read as a keyword (None for free text), what follows it, and the whole text."""

    keyword: str | None
    args: str
    text: str


def parse(body: str | None) -> Command:
    """Read the keyword of an SMS."""
    text = " ".join((body or "").split())
    text = re.sub(r"[.!]+$", "", text).strip()
    words = text.split(" ") if text else []
    upper = [w.upper().strip(".,:;!") for w in words]
    if len(upper) >= 2 and f"{upper[0]} {upper[1]}" in PHRASES:
        return Command(PHRASES[f"{upper[0]} {upper[1]}"], " ".join(words[2:]), text)
    if upper and upper[0] in ALIASES:
        return Command(ALIASES[upper[0]], " ".join(words[1:]), text)
    if upper and upper[0] in ("1", "2", "3"):
        return Command(upper[0], " ".join(words[1:]), text)
    return Command(None, text, text)


# An invitation is answered in everyday words too; the 112 question is not (an "ok" there must
# never read as "112 is called").
_INVITATION_YES = re.compile(r"^(ja+|jawel|yes|ok(e|é|ay)?|prima|graag|goed|doe maar|akkoord)\b", re.I)
_INVITATION_NO = re.compile(r"^(nee+n?|no|liever niet|niet|nee dank)\b", re.I)


def invitation_answer(command: Command) -> str | None:
    """"JA" or "NEE" for an answer to an invitation ("Ja hoor", "jaa", "oké", "nee hoor"), else None."""
    if command.keyword in ("JA", "NEE"):
        return command.keyword
    text = command.text.strip().lower()
    if _INVITATION_NO.match(text):
        return "NEE"
    if _INVITATION_YES.match(text):
        return "JA"
    return None


def answer_112(command: Command) -> str | None:
    """The emergency_called value an answer to "Heeft u 112 gebeld?" gives, if it is one."""
    if command.keyword in ANSWERS_112 and not command.args:
        return ANSWERS_112[command.keyword]
    return None


_CATEGORY_WORDS = [
    ("burglary", r"inbra|inbrek|ingebroken|breekijzer|raam open|deur open|forceer"),
    ("vehicle", r"auto|bus|busje|bestelbus|kenteken|scooter|brommer|motor|wagen|voertuig"),
    ("person", r"\bman\b|\bvrouw\b|\bjongen|\bmeisje|persoon|personen|iemand|mannen|vrouwen"),
]


def guess_category(text: str) -> str:
    """The category of an SMS report, from its words (an SMS has no menu to choose from)."""
    lowered = text.lower()
    for category, pattern in _CATEGORY_WORDS:
        if re.search(pattern, lowered):
            return category
    return "other"


def split_phone_and_rest(args: str) -> tuple[str, str]:
    """Split "06 12 34 56 78 Jan de Vries" into the number's text and the rest."""
    match = re.match(r"^([+\d][\d\s\-().]*\d)\s*(.*)$", args.strip())
    if not match:
        return "", args.strip()
    return match.group(1), match.group(2).strip()
