"""The catalogues: every language has every key with the same placeholders, SMS in GSM-7."""
from __future__ import annotations

import string

import pytest

from ivr.flows import gsm
from ivr.flows.catalogue import CATALOGUES, DEFAULT, LANGUAGES, each, every, language, language_word, plural, t

OTHERS = [lang for lang in LANGUAGES if lang != DEFAULT]
# Everyday values: a group's name, a name, a street, a number.
SAMPLE = {
    "group": "Molenwijk-Zuid", "who": "Annie de Vries", "actor": "Annie de Vries",
    "name": "Jan Jansen", "street": "Burgemeester van Houtenstraat 124", "number": "+31612345678",
    "phone": "+31612345678", "time": "23:45", "count": 12, "key": 9, "location": "Dorpsstraat 4",
    "category": "VERDACHT PERSOON", "options": "1 = Molenwijk, 2 = Centrum", "postcode": "1234AB",
    "members": "3 leden", "reasons": "2 ongeldig nummer, 1 vaste lijn", "example": "LID 0612345678",
    "keyword": "LID 0612345678 Jan", "page": 2, "active": 40, "invited": 3, "opted_out": 1,
    "names": "Annie, Jan, Piet", "sent": 40, "delivered": 39, "failed": 1, "called": "gebeld",
    "minutes": 15, "expired": 2, "confirmed": 3, "machine": 1, "night": 1, "target": "Jan Jansen",
    "action": "nodigde uit:", "people": "personen", "groups": "Molenwijk (actief)", "since": "01-01-2026",
    "channel": "sms", "reported": 2, "days": 30, "start": "23:00", "end": "07:00",
    "invite": "LID 0612345678 Jan Jansen EN", "countries": "NL, BE", "neighbours": "buren",
    "description": "een man in een rode jas", "language": "Nederlands",
}


# Texts whose code makes them fit (a shorter form, fewer names, the description cut).
COMPOSED = {"sms.members", "sms.join.admins"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", OTHERS)
def test_every_language_has_every_key_and_no_other(lang):
    assert set(CATALOGUES[lang]) == set(CATALOGUES[DEFAULT])


@pytest.mark.parametrize("lang", OTHERS)
def test_every_key_has_the_same_placeholders(lang):
    wrong = {key: (_fields(CATALOGUES[DEFAULT][key]), _fields(text))
             for key, text in CATALOGUES[lang].items() if _fields(text) != _fields(CATALOGUES[DEFAULT][key])}
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sms_texts_are_gsm7_and_fit_two_segments(lang):
    for key, text in CATALOGUES[lang].items():
        if not key.startswith("sms."):
            continue
        assert gsm.is_gsm7(text) and "Ç" not in text, (key, text)
        filled = text.format(**SAMPLE)
        if key not in COMPOSED:
            assert gsm.segments(gsm.clean(filled)) <= gsm.MAX_SEGMENTS, (key, filled)


def test_turkish_sms_letters_are_spelt_in_gsm7_and_spoken_lines_keep_them():
    tr = CATALOGUES["tr"]
    assert tr["sms.category.person"] == "SÜPHELI KISI"  # Ş -> S, İ -> I, Ü stays
    assert tr["sms.category.vehicle"] == "SÜPHELI ARAC"  # Ç -> C
    assert "ı" not in tr["sms.ask_112"] and "Aradiniz mi?" in tr["sms.alert.status.no"]
    assert "Şüpheli" in tr["voice.category.person"] and "ı" in tr["voice.alarmeer"]


def test_the_alert_phrases_are_the_issues_own():
    assert t("sms.alert.status.yes", "en") == "112 HAS BEEN CALLED."
    assert t("sms.alert.status.no", "en").startswith("112 HAS NOT BEEN CALLED")
    assert t("sms.alert.status.not_urgent", "en") == "NOT URGENT."
    assert t("sms.alert.status.yes", "tr") == "112 ARANDI."
    assert t("sms.alert.status.no", "tr").startswith("112 ARANMADI")
    assert t("sms.alert.status.not_urgent", "tr") == "ACIL DEGIL."
    assert t("sms.alert.head", "en", group="Molenwijk", time="04:42", category="X", location="Y").startswith(
        "Neighbourhood watch Molenwijk 04:42:")
    assert t("sms.alert.head", "tr", group="Molenwijk", time="04:42", category="X", location="Y").startswith(
        "Mahalle nöbeti Molenwijk 04:42:")


def test_an_unknown_or_missing_language_reads_dutch():
    assert language(None) == language("fr") == "nl" and language("tr") == "tr"
    assert t("voice.bye", None) == t("voice.bye", "xx") == "Tot ziens."
    assert plural("sms.members_count", 3, "en") == "3 members"


def test_language_words():
    assert language_word("en") == language_word("English") == "en"
    assert language_word("Türkçe") == language_word("TR.") == "tr"
    assert language_word("NL") == "nl" and language_word("fr") is None


def test_each_writes_one_text_per_language():
    texts = each(lambda lang: t("voice.bye", lang))
    assert texts == {"nl": "Tot ziens.", "en": "Goodbye.", "tr": "Hoşça kalın."}
    assert every("voice.group_chosen", group="Molenwijk")["en"] == "Neighbourhood watch Molenwijk."
