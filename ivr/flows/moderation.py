"""Group rule: no swearing or discrimination. A curated Dutch list, whole-word, by severity.

Severity 3: discriminatory slurs; 2: abusive words and curses; 1: mild swearing. An SMS report
with a word of severity 2 or more is not sent (the reporter is asked to rephrase); in a voice
report such words are masked and the admins told. Mild swearing is masked, never refused.
Everyday alert words (dief, inbraak, gat, hol, hond, zak, rover, ...) are not on the list and
are explicitly never flagged, even inside a longer word's check. Describing someone (donkere
huidskleur, Marokkaans uiterlijk) is a description, not discrimination, and passes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DISCRIMINATORY = 3
ABUSIVE = 2
MILD = 1
BLOCKING = ABUSIVE

_WORDS: dict[int, str] = {
    DISCRIMINATORY: """
        neger negers negerin negerinnen nikker nikkers nikkertje zwartjoekel zwartjoekels
        roetmop roetmoppen bosneger bosnegers makak makakken geitenneuker geitenneukers
        kameelneuker kameelneukers schapenneuker schapenneukers bruinjoekel bruinjoekels
        spleetoog spleetogen tjing tjong tjingtjong zigeunertuig jodenstreek jodenstreken
        rotjood rotjoden smous smousen flikker flikkers flikkertje homofiel-tuig nichterig
        mohammedaan-tuig moslimtuig allochtonentuig buitenlandertuig apenras halfbloed
        bounty bountys koelie koelies inboorling inboorlingen kutmarokkaan kutmarokkanen
        kuttürk kutturk kutturken mof moffen reetridder reetridders poepchinees poepchinezen
        bosaap bosapen bospoeper bruinwerker bruinridder christenhond kamelenneuker moffenmatras
        moffo snikker sodeflikker
    """,
    ABUSIVE: """
        klootzak klootzakken lul lullen eikel eikels hoer hoeren hoerenzoon hoerenzonen
        hoerenjong slet sletten sloerie trut trutten kutwijf kutwijven teef teven
        mongool mongolen debiel debielen imbeciel imbecielen idioot idioten achterlijke
        tyfuslijer teringlijer kankerlijer klerelijer pleurislijer kolerelijer
        godverdomme godverdomse godskolere kolere tering tyfus pleuris kanker klere
        schoft schoften schorem uitschot tuig gajes klojo kutkind kutjoch rotzak rotzakken
        mafkees mafketel sukkel sukkels kakkerlak-tuig hufter hufters aso asos asociaal
        fuck fucking motherfucker bitch kut kutten neuken neuker tieten
        lulhannes zak-hooi matennaaier matennaaiers droogkloot klootoog snol snollen temeier
        greppeldel zakkenwasser zakkenwassers kettingzeug hoerig sletterig opkankeren oprotten
        verneuken kontneuken wijf wijven zeiker zeikerd galbak viespeuk viespeuken achterlijk
        apenkop baardaap hoerejong kloothommel klootviool manwijf mietje mongoloide mongol
        randdebiel slettebak slettenbak spast takkewijf viswijf kutje tyfkanker truttemie
    """,
    MILD: """
        verdomme verdorie godver godsamme jezus-mina shit klote kloten kut-zooi
        gadverdamme getver potverdorie drol drollen stront schijt schijten krentekakker sufferd
        dombo lummel watje engerd zuiplap graftak verkloten opsodemieteren besodemieteren
        gesodemieter zeiken snotaap lulletje
    """,
}
# Curse prefixes that make any compound abusive (kankerhond, teringzooi, kutmarokkaan, ...).
_PREFIXES = {
    "kanker": ABUSIVE, "tering": ABUSIVE, "tyfus": ABUSIVE, "klere": ABUSIVE,
    "kolere": ABUSIVE, "pleuris": ABUSIVE, "kut": ABUSIVE, "hoeren": ABUSIVE,
}
# Curse suffixes: boerelul, stoephoer, portiekslet, gratenkut, ...
_SUFFIXES = {
    "lul": ABUSIVE, "hoer": ABUSIVE, "slet": ABUSIVE, "kut": ABUSIVE, "teef": ABUSIVE,
    "trut": ABUSIVE,
    "neger": DISCRIMINATORY,
}
# Words that are neutral alone and a slur together.
_PHRASES = {
    "vieze homo": DISCRIMINATORY, "vuile homo": DISCRIMINATORY, "vuile jood": DISCRIMINATORY,
    "vieze jood": DISCRIMINATORY, "vuile turk": DISCRIMINATORY, "vieze turk": DISCRIMINATORY,
    "vuile marokkaan": DISCRIMINATORY, "vieze marokkaan": DISCRIMINATORY,
    "vuile zwarte": DISCRIMINATORY, "vieze zwarte": DISCRIMINATORY,
    "kloot zak": ABUSIVE,
}
# Never flagged: words an alert needs, and real words that merely start like a curse.
NEVER = set("""
    dief dieven inbraak inbreker inbrekers gat hol hond honden zak zakken rover rovers oplichter
    oplichters bandiet bandieten dronken dronkaard vandaal vandalen crimineel criminelen
    verdacht verdachte donker donkere blank blanke zwart zwarte bruin bruine getint getinte
    kankeronderzoek kankerpatient kankerpatienten kankerbestrijding kankerfonds kutter kutters
    klerenkast klerenwinkel klerenhanger klerenkasten hoerastemming pikken gepikt pikte
    muts mutsen poot poten pot potten nicht nichten paal palen beurt bekken kont reet
    piesen poep griet del toeter spuiten zuigen naaien flikken rukken klooien balen
""".split())

SEVERITY: dict[str, int] = {}
for _severity, _block in _WORDS.items():
    for _word in _block.split():
        SEVERITY[_word.replace("-", "")] = _severity

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
MASK = "***"


@dataclass(frozen=True)
class Verdict:
    """What the filter found: each hit (word, severity), and the text with the hits masked."""

    hits: tuple[tuple[str, int], ...]
    masked: str

    @property
    def severity(self) -> int:
        return max((s for _, s in self.hits), default=0)

    @property
    def blocked(self) -> bool:
        return self.severity >= BLOCKING


def severity_of(word: str) -> int:
    """The severity of one word (0 when it is fine)."""
    plain = _fold(word).replace("-", "")
    if not plain or plain in NEVER:
        return 0
    if plain in SEVERITY:
        return SEVERITY[plain]
    for prefix, severity in _PREFIXES.items():
        if plain.startswith(prefix) and len(plain) > len(prefix) + 2:
            return severity
    for suffix, severity in _SUFFIXES.items():
        if plain.endswith(suffix) and len(plain) > len(suffix) + 2:
            return severity
    return 0


def check(text: str) -> Verdict:
    """Find offensive words in `text`, whole-word, and mask them."""
    hits: list[tuple[str, int]] = []

    def mask(match: re.Match) -> str:
        word = match.group(0)
        severity = max([severity_of(word)] + [severity_of(part) for part in word.split("-")])
        if severity:
            hits.append((word, severity))
            return MASK
        return word

    masked = _TOKEN.sub(mask, text or "")
    for phrase, severity in _PHRASES.items():
        pattern = re.compile(r"\b" + r"\s+".join(phrase.split()) + r"\b", re.IGNORECASE)
        if pattern.search(masked):
            hits.extend((found, severity) for found in pattern.findall(masked))
            masked = pattern.sub(MASK, masked)
    return Verdict(tuple(hits), masked)


def _fold(word: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
