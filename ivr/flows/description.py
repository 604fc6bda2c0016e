"""What a rambling caller said, reduced to what a neighbour needs: persons and their clothing,
vehicles and plates, what they do, where they went.

Elderly callers often begin with where they were and why ("ik liet de hond uit, want dat doe
ik altijd rond deze tijd") and say what they saw at the end; cut to two SMS segments from the
front, the neighbours would read about the dog. When a description does not fit its room,
its clauses are scored by cue words (clothing, colours, persons, vehicles, plates, actions,
movement and directions, numbers) in Dutch, English and Turkish, and the clauses that carry
them are kept, in the caller's order. A description that fits is never changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Word beginnings (a stem matches its inflections: "jas", "jassen", "jasje").
_CUES: dict[str, tuple[str, ...]] = {
    "clothing": (
        # nl
        "jas", "jack", "jek", "capuchon", "trui", "hoodie", "vest", "broek", "spijker", "pet", "petje",
        "muts", "bivakmuts", "sjaal", "das", "schoen", "sneaker", "laars", "handschoen", "rugzak", "tas",
        "trainingspak", "joggingbroek", "overall", "bodywarmer", "kleding", "gekleed", "bril", "zonnebril",
        "helm", "mondkap", "masker", "uniform", "hesje", "hes", "shirt", "t-shirt", "blouse", "jurk",
        "rok", "regenjas", "pak", "capuchontrui",
        # en
        "jacket", "coat", "hood", "trousers", "pants", "jeans", "cap", "hat", "beanie", "balaclava",
        "scarf", "shoes", "boots", "gloves", "backpack", "bag", "tracksuit", "glasses", "helmet", "mask",
        "wearing", "dressed",
        # tr
        "mont", "ceket", "kapüşon", "kapuson", "pantolon", "şapka", "sapka", "bere", "atkı", "atki",
        "ayakkabı", "ayakkabi", "eldiven", "sırt", "sirt", "çanta", "canta", "eşofman", "esofman",
        "gözlük", "gozluk", "kask", "maske", "giymiş", "giymis", "giyen",
    ),
    "colour": (
        "zwart", "wit", "witte", "rood", "rode", "blauw", "groen", "geel", "gele", "grijs", "grijze", "bruin",
        "donker", "licht", "oranje", "paars", "roze", "beige", "zilver", "goud", "camouflage", "gestreept",
        "black", "white", "red", "blue", "green", "yellow", "grey", "gray", "brown", "dark", "light",
        "orange", "purple", "pink", "silver",
        "siyah", "beyaz", "kırmızı", "kirmizi", "mavi", "yeşil", "yesil", "sarı", "sari", "gri",
        "kahverengi", "koyu", "açık", "acik", "turuncu", "mor", "pembe", "gümüş", "gumus", "lacivert",
    ),
    "person": (
        "man", "mannen", "vrouw", "jongen", "jongens", "meisje", "meid", "persoon", "personen", "jongeman",
        "kerel", "vent", "figuur", "type", "iemand", "dader", "lang", "lange", "kort", "korte", "klein",
        "kleine", "dun", "dunne", "dik", "dikke", "fors", "slank", "blond", "kaal", "baard", "snor",
        "haar", "getint", "tiener", "ouder", "jaar", "stevig",
        "men", "woman", "women", "boy", "boys", "girl", "person", "people", "guy", "guys", "someone",
        "tall", "short", "thin", "beard", "bald", "blonde", "teen", "aged",
        "adam", "kadın", "kadin", "genç", "genc", "çocuk", "cocuk", "kişi", "kisi", "uzun", "kısa", "kisa",
        "sakal", "bıyık", "biyik", "kel", "sarışın", "sarisin", "yaşında", "yasinda",
    ),
    "vehicle": (
        "auto", "wagen", "bus", "busje", "bestelbus", "bestelauto", "scooter", "brommer", "snorfiets",
        "fiets", "motor", "kenteken", "nummerbord", "vrachtwagen", "aanhanger", "taxi", "golf", "polo",
        "bmw", "audi", "mercedes", "volkswagen", "vw", "opel", "toyota", "renault", "peugeot", "fiat",
        "ford", "kia", "skoda", "citroen", "volvo", "seat", "tesla", "stationwagen", "suv",
        "car", "minivan", "moped", "bike", "bicycle", "motorbike", "motorcycle", "plate", "truck",
        "araba", "minibüs", "minibus", "kamyonet", "motosiklet", "bisiklet", "plaka", "plakalı", "plakali",
    ),
    "action": (
        "inbr", "breek", "breekijzer", "koevoet", "forceer", "rammel", "klink", "deurklink", "loer", "gluur",
        "gluren", "sluip", "sloop", "slopen", "klim", "klom", "geklommen", "duw", "trek", "probeer",
        "probeerde", "proberen", "steel", "stal", "gestolen", "sla", "sloeg", "gooi", "gooide", "ingegooid",
        "ingooi", "schop", "filmde", "fotografeer", "foto", "bekijk", "keken", "kijken", "keek",
        "tuin", "schuur", "raam", "ramen", "deur", "deuren", "slot", "hek", "achterom", "brievenbus",
        "vuurwerk", "brand", "rook", "wapen", "mes", "pistool", "schreeuw", "vecht", "dreig", "bedreig",
        "rondlopen", "liep", "liepen", "lopen", "stond", "stonden", "rondhangen", "zat", "zaten",
        "break", "broke", "crowbar", "forcing", "rattl", "handle", "peer", "peering", "sneak", "climb",
        "push", "tried", "trying", "steal", "stole", "smash", "kick", "film", "photograph", "looking",
        "garden", "shed", "window", "doors", "lock", "fence", "knife", "gun", "fire", "shout", "fight",
        "kır", "kir", "zorla", "levye", "tırman", "tirman", "çal", "cal", "bak", "baktı", "bakti",
        "pencere", "kapı", "kapi", "bahçe", "bahce", "kilit", "bıçak", "bicak", "silah", "yangın", "yangin",
        "dolaş", "dolas", "bekliyor", "duruyor",
        # at the door (the "babbeltruc"): who rings, claims to be someone, asks to come in
        "aanbel", "belde", "binnen", "meter", "pasje", "legitimatie", "zogenaamd", "monteur",
        "waterbedrijf", "energiebedrijf", "collecte", "pinpas", "geld", "doorbell", "rang", "inside",
        "claimed", "pretend",
    ),
    "direction": (
        "richting", "rende", "renden", "rennen", "fietste", "fietsten", "reed", "reden", "weggereden",
        "weggerend", "vluchtte", "vlucht", "gevlucht", "ervandoor", "vandoor", "weg", "links", "rechts",
        "noord", "zuid", "oost", "west", "hoek", "kruising", "park", "steeg", "achterpad", "brandgang",
        "ran", "drove", "fled", "towards", "toward", "direction", "away", "left", "right", "north",
        "south", "east", "corner", "alley",
        "doğru", "dogru", "kaçtı", "kacti", "kaçtılar", "kactilar", "koştu", "kostu", "gitti", "gittiler",
        "sola", "sağa", "saga", "köşe", "kose",
    ),
}
# What says most about who or what was seen; actions, places and directions count once.
_STRONG = ("clothing", "colour", "vehicle")
# The caller speaking of themselves: such a clause tells of the caller unless it carries a
# strong cue ("ik stond bij het raam" is not what a neighbour looks out for).
_FIRST_PERSON = re.compile(r"\b(?:ik|me|mij|i|ben)\b", re.IGNORECASE)
# "mijn man", "onze buurvrouw": the caller's own people, not who was seen.
_OWN = re.compile(r"\b(?:mijn|m'n|onze|ons|my|our|benim|bizim)\s+[\w'-]+", re.IGNORECASE | re.UNICODE)
_PLATE = re.compile(
    r"\b(?:[A-Z]{1,3}-?\d{1,3}-?[A-Z]{1,3}|\d{1,3}-?[A-Z]{1,3}-?\d{1,3}|[A-Z]{2}-?\d{2}-?\d{2}|"
    r"\d{2}-?\d{2}-?[A-Z]{2}|\d{2}-?[A-Z]{2}-?\d{2}|[A-Z]{2}-?\d{2}-?[A-Z]{2}|[A-Z]{2}-?[A-Z]{2}-?\d{2}|"
    r"\d{2}-?[A-Z]{3}-?\d)\b",
    re.IGNORECASE,
)
_NUMBERS = re.compile(
    r"\b(?:\d+|twee|drie|vier|vijf|zes|two|three|four|five|iki|üç|uc|dört|dort|beş|bes)\b", re.IGNORECASE
)
# A clause ends at a sentence's end, a semicolon or a comma; "en toen", "want" and "maar"
# begin a new one.
_CLAUSES = re.compile(r"(?<=[.!?;,])\s+|\s+(?=(?:en toen|toen|want|maar|and then|but|because)\b)", re.IGNORECASE)
# "... zag ik twee jongens": what comes after the seeing is what was seen.
_SAW = re.compile(
    r"^.*?\b(?:zag ik|ik zag|zie ik|ik zie|hoorde ik|ik hoorde|i saw|i see|i heard|gördüm|gordum)\b\s*(?:dat\s+|that\s+)?",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^(?:en toen|toen|en|maar|want|and then|and|but|because)\s+", re.IGNORECASE)


def _cue_pattern(kinds) -> re.Pattern:
    """One pattern for the cues of `kinds`: a short word whole ("man", not "manier"), a longer
    one as the beginning of a word ("jas" whole, "capuchon" in "capuchontrui")."""
    stems = sorted({stem.lower() for kind in kinds for stem in _CUES[kind]}, key=len, reverse=True)
    parts = [re.escape(s) + (r"\b" if len(s) <= 3 else r"[\w-]*") for s in stems]
    return re.compile(r"\b(?:" + "|".join(parts) + r")", re.IGNORECASE | re.UNICODE)


_CUE = _cue_pattern(_CUES)
_STRONG_CUE = _cue_pattern(_STRONG)


@dataclass(frozen=True)
class _Clause:
    text: str
    score: int
    sentence: int  # which sentence of the caller's it belongs to
    at: int  # its place in the caller's order


def score(text: str) -> int:
    """How much a clause tells a neighbour: its cue words, plates and numbers."""
    seen = _OWN.sub(" ", text)
    strong = len(_STRONG_CUE.findall(seen)) + 2 * len(_PLATE.findall(seen))
    total = len(_CUE.findall(seen)) + strong + len(_NUMBERS.findall(seen))
    if not strong and _FIRST_PERSON.search(seen):
        return total // 2
    return total


def _clauses(text: str) -> list[_Clause]:
    found, sentence = [], 0
    for n, raw in enumerate(p for p in _CLAUSES.split(text) if p and p.strip()):
        piece = raw.strip()
        seen = _SAW.match(piece)
        if seen and seen.end() < len(piece):
            piece = piece[seen.end():]
        piece = _LEAD.sub("", piece).strip(" ,;")
        if piece:
            found.append(_Clause(piece, score(piece), sentence, n))
        if raw.rstrip()[-1:] in ".!?":
            sentence += 1
    return found


def _joined(clauses: list[_Clause]) -> str:
    out = ""
    for n, clause in enumerate(clauses):
        words = clause.text.rstrip(".!?;,")
        if n == 0:
            out = words
        elif clause.sentence != clauses[n - 1].sentence:
            out += ". " + words[:1].upper() + words[1:]
        else:
            out += ", " + words
    return out


def reduce(text: str, room: int, length=len) -> str:
    """`text` as it fits `room` (measured by `length`: septets for an SMS): unchanged when it
    fits; else the clauses that tell what was seen, in the caller's order, the richest kept
    first. What still does not fit is left to the caller's truncation."""
    text = text.strip()
    if length(text) <= room:
        return text
    clauses, said = [], set()
    for clause in _clauses(text):  # a caller who says a thing twice is read once
        if clause.text.lower() not in said:
            said.add(clause.text.lower())
            clauses.append(clause)
    telling = [c for c in clauses if c.score > 0]
    if not telling:
        return text
    kept = list(telling)
    # Drop the poorest (and, of equals, the earliest: the point comes at the end) until it fits.
    while len(kept) > 1 and length(_joined(kept)) > room:
        kept.remove(min(kept, key=lambda c: (c.score / max(1, len(c.text.split())) ** 0.5, c.at)))
    return _joined(kept)
