"""GSM-7 transliteration and segment counting."""
from ivr.flows import gsm


def test_plain_text_is_kept():
    assert gsm.to_gsm7("Molenstraat 12, één man") == "Molenstraat 12, één man"


def test_dutch_and_typographic_characters():
    assert gsm.to_gsm7("ë ï ê ç ĳ „x” ‘y’ – — … ") == "e i e c ij \"x\" 'y' - - ... "


def test_emoji_and_other_scripts_are_dropped():
    assert gsm.to_gsm7("hulp 🚨 нет") == "hulp  "


def test_segments():
    assert gsm.segments("a" * 160) == 1
    assert gsm.segments("a" * 161) == 2
    assert gsm.segments("a" * 306) == 2
    assert gsm.segments("a" * 307) == 3
    assert gsm.segments("€" * 80) == 1 and gsm.segments("€" * 81) == 2


def test_truncate_respects_septets_and_words():
    text = gsm.truncate("een twee drie vier vijf", 15)
    assert gsm.septets(text) <= 15 and text.endswith("...") and text == "een twee..."
    assert gsm.truncate("kort", 10) == "kort"



def test_an_escape_pair_never_straddles_a_segment_boundary():
    """Twilio's segment rule: € (an escape and its character) that would start at septet 153
    of a part moves whole to the next part, so 306 septets can take three segments."""
    straddling = "a" * 152 + "€" + "b" * 152
    assert gsm.septets(straddling) == 306 and gsm.segments(straddling) == 3
    fitting = "a" * 151 + "€" + "b" * 153
    assert gsm.septets(fitting) == 306 and gsm.segments(fitting) == 2
    assert gsm.segments("x" * 160) == 1 and gsm.segments("x" * 161) == 2
    assert gsm.segments("€" * 80) == 1 and gsm.segments("€" * 81) == 2  # 162 septets
    assert gsm.segments("a" * 306) == 2 and gsm.segments("a" * 307) == 3


def test_turkish_letters_are_spelt_as_basic_phones_show_them():
    # ö and ü are GSM-7 letters; ş ğ ı İ ç Ç are not all shown alike, so they are spelt plainly.
    assert gsm.to_gsm7("Ayşe Yılmaz, Çiçek Dağ, İstanbul, Gözde Ünal") == "Ayse Yilmaz, Cicek Dag, Istanbul, Gözde Ünal"
