"""SMS keywords as plain Python: the text of a message in, the command it is out.

Keywords are matched on the first word (or first two, for phrases like GEEN SPOED),
case-insensitively, with extra spaces and a trailing dot tolerated. Dutch first; English
aliases (Signalboost's, Twilio's own opt-out words, and those the English texts name) and
EVET / HAYIR for an invitation work too.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ivr.flows import postcodes
from ivr.flows.postcodes import Postcode

ALIASES: dict[str, str] = {
    # reporting
    "MELD": "MELD", "MELDING": "MELD", "ALARM": "MELD", "REPORT": "MELD",
    "112": "112",
    # the all-clear: the situation is over
    "AFGEROND": "AFGEROND", "OPGELOST": "AFGEROND", "VOORBIJ": "AFGEROND", "DONE": "AFGEROND",
    # a resident who is in no group asks to join one, by postcode
    "MEEDOEN": "MEEDOEN", "JOIN": "MEEDOEN",
    # the member's language: TAAL EN, LANGUAGE TR, DIL NL
    "TAAL": "TAAL", "LANGUAGE": "TAAL", "DIL": "TAAL",
    # answers
    "JA": "JA", "YES": "JA", "J": "JA", "EVET": "JA",
    "NEE": "NEE", "NO": "NEE", "N": "NEE", "HAYIR": "NEE",
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
    "NACHT UIT": "NACHT_UIT",  # no calls for alerts at night (for me, or an admin's: for a number)
    "NACHT AAN": "NACHT_AAN",
    "NIGHT OFF": "NACHT_UIT",
    "NIGHT ON": "NACHT_AAN",
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


_NAME_WORDS = frozenset({"de", "te", "op", "la", "le", "di", "du", "da", "el"})
_JOIN = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2}\b)?\s*(?:([1-9])\b(?![-:.,/]?\d))?[\s,.:-]*(.*)$")


def join_request(args: str) -> tuple[Postcode | None, int | None, str]:
    """What follows MEEDOEN: the postcode (PC4 or PC6), the number of the group chosen from a
    list, and the resident's name and street ("1234AB 2 Jan Jansen, Dorpsstraat 4")."""
    match = _JOIN.match(" ".join(args.split()))
    if match is None:
        return None, None, ""
    pc4, letters, choice, words = match.groups()
    text = " ".join(args.split())
    if letters and letters in _NAME_WORDS and text[4:5] == " ":  # "1234 de Vries": a name, not 1234DE
        return postcodes.parse(pc4), None, text[5:].strip()
    try:
        code = postcodes.parse(pc4 + (letters or ""))
    except postcodes.InvalidPostcode:  # "1234 de" is a PC4 and words, not a PC6 with SA/SD/SS
        code, words = postcodes.parse(pc4), f"{letters} {words}".strip()
    return code, int(choice) if choice else None, words.strip()


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


# Dutch street names end in one of these ("Molenstraat", "Kerkweg", "Van Goghplein").
_STREET_ENDINGS = (
    "straat|laan|weg|plein|pad|gracht|kade|dijk|singel|hof|park|steeg|dreef|baan|markt|wal|"
    "burg|veld|erf|plantsoen|haven|oord|hoek|kwartier|boulevard|allee|ring|dam|zijde|akker|"
    "weide|brink|stede|poort|water|vliet"
)
_STREET = re.compile(
    rf"\b((?:(?:van|de|der|den|het|ter|te|'t|sint|st\.?)\s+)*[A-Za-zÀ-ÿ'-]{{2,}}(?:{_STREET_ENDINGS})"
    rf"(?:\s+\d{{1,4}}\s?[a-zA-Z]?\b)?)",
    re.IGNORECASE,
)
# Places neighbours know without a street name.
_LANDMARK = re.compile(
    r"\b((?:bij|tegenover|naast|achter|voor|op|in|aan|rond|hoek)\s+(?:de|het|'t)\s+"
    r"(?:kerk|school|supermarkt|station|speeltuin|bushalte|halte|winkel|winkels|bakker|brug|"
    r"rotonde|garage|garages|flat|flats|parkeerplaats|sportveld|sporthal|ingang|kruising|"
    r"moskee|bibliotheek|apotheek|huisarts|buurthuis|vijver|speelveld|fietsenstalling|"
    r"container|containers|pinautomaat|tankstation|begraafplaats|molen|viaduct|tunnel|"
    r"spoorwegovergang|overweg|dijk|sloot|haven|markt|snackbar|kapper|kinderboerderij))\b",
    re.IGNORECASE,
)

_HOUSE_NUMBER = re.compile(r"\b((?:bij|op|voor|naast|tegenover|achter)\s+(?:huis)?nummer\s+\d{1,4}\s?[a-zA-Z]?)\b", re.I)


def find_place(text: str) -> str | None:
    """The place an SMS report names (a street, a street and number, or a known spot), if any."""
    street = _STREET.search(text or "")
    if street and len(street.group(1).split()[-1].rstrip("0123456789")) > 4 or (
        street and any(ch.isdigit() for ch in street.group(1))
    ):
        words = street.group(1).split()
        while len(words) > 1 and words[0] in ("de", "het", "'t"):  # "in de Kerkweg": the article goes
            words = words[1:]
        return " ".join(words)
    number = _HOUSE_NUMBER.search(text or "")
    if number:
        return " ".join(number.group(1).split())
    landmark = _LANDMARK.search(text or "")
    return " ".join(landmark.group(1).split()) if landmark else None


# What a typo may have meant, as the keyword is written ("BEHEERDER AF" with its space).
_MEMBER_WORDS = ("MELD", "HELP")
_ADMIN_WORDS = ("LID", "VERWIJDER", "LEDEN", "BEHEERDER", "BEHEERDER AF", "STATUS", "TEST", "BORD")


def did_you_mean(command: Command, admin: bool) -> str | None:
    """The keyword a free-text SMS most likely misspelt ("LIDD" -> "LID"), or None.

    Only a near miss of the first word counts, so everyday text is never taken for a command.
    """
    if command.keyword is not None or not command.text:
        return None
    first = command.text.split()[0].upper().strip(".,:;!?")
    if len(first) < 3 or first.isdigit():
        return None
    words = _MEMBER_WORDS + (_ADMIN_WORDS if admin else ())
    joined = {w.replace(" ", ""): w for w in words}
    if first in joined:  # "BEHEERDERAF"
        return joined[first]
    # "VERWIJDEREN", "MELDEN": a keyword with a Dutch ending
    for word in sorted(joined, key=len, reverse=True):
        if first.startswith(word) and len(first) - len(word) <= 3 and len(word) >= 4:
            return joined[word]
    close = difflib.get_close_matches(first, list(joined), n=1, cutoff=0.75)
    return joined[close[0]] if close else None
