"""The member's language: an English and a Turkish member get the alert, the replies, the notices
and the invitation in their language; the call menu too, end to end over signed webhooks."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from ivr import db
from ivr.flows import gsm
from ivr.services import membership
from ivr.storage import groups
from ivr.storage.models import Member
from tests.helpers import ANNIE, FATIMA, HENK, NEW, Call, Outbound, member, said, sent, to, voice_delivery

EMMA = "+31645678901"  # Molenwijk's English member
AYSE = "+31656789012"  # Molenwijk's Turkish member
ENGLISH_PHRASES = ("112 HAS BEEN CALLED", "112 HAS NOT BEEN CALLED", "NOT URGENT")
TURKISH_PHRASES = ("112 ARANDI", "112 ARANMADI", "ACIL DEGIL")


@pytest.fixture
def speakers(app, molenwijk):
    """Molenwijk with Emma reading English and Ayşe reading Turkish."""
    with db.unit_of_work(app, dispatch=False) as session:
        group = groups.find_group(session, "Molenwijk")
        membership.add_member(session, group, EMMA, name="Emma", language="en")
        membership.add_member(session, group, AYSE, name="Ayşe", language="tr")
    return molenwijk


def _alert_text(app, number: str) -> str:
    [body] = [b for b in to(app, number) if "Dorpsstraat" in b]  # the alert (a notice names no place)
    return body


@pytest.mark.parametrize("answer,english,turkish,dutch", [
    ("1", "112 HAS BEEN CALLED.", "112 ARANDI.", "112 IS GEBELD."),
    ("2", "112 HAS NOT BEEN CALLED.", "112 ARANMADI.", "112 IS NIET GEBELD."),
    ("3", "NOT URGENT.", "ACIL DEGIL.", "GEEN SPOED."),
])
def test_each_member_reads_the_alert_in_their_language(app, phone, speakers, answer, english, turkish, dutch):
    phone(HENK).send("MELD verdachte man met rode jas Dorpsstraat")
    assert phone(HENK).send(answer).startswith(("Verstuurd", "Bel nu 112"))
    sent(app)
    emma, ayse, fatima = _alert_text(app, EMMA), _alert_text(app, AYSE), _alert_text(app, FATIMA)
    assert re.match(r"^Neighbourhood watch Molenwijk \d\d:\d\d: SUSPICIOUS PERSON, Dorpsstraat\. ", emma)
    assert re.match(r"^Mahalle nöbeti Molenwijk \d\d:\d\d: SÜPHELI KISI, Dorpsstraat\. ", ayse)
    assert fatima.startswith("Buurtpreventie Molenwijk ") and dutch in fatima
    assert english in emma and [p for p in ENGLISH_PHRASES if f"{p}." in emma] == [english.rstrip(".")]
    assert turkish in ayse and [p for p in TURKISH_PHRASES if f"{p}." in ayse] == [turkish.rstrip(".")]
    # The reporter's own words stay as they were said, in every language.
    for body in (emma, ayse, fatima):
        assert "rode jas" in body and gsm.is_gsm7(body) and gsm.segments(body) <= 2
    assert "Ç" not in ayse and "ş" not in ayse and "ı" not in ayse


def test_replies_and_notices_come_in_the_members_language(app, phone, speakers):
    assert phone(EMMA).send("HELP").startswith("Buurtlijn: REPORT what and where")
    assert phone(AYSE).send("HELP").startswith("Buurtlijn: MELD ne ve nerede")
    assert phone(EMMA).send("hello?") == said("sms.how_to_report", lang="en")
    # Emma reports in English words; the group reads it each in their own language.
    assert phone(EMMA).send("REPORT man at the car Dorpsstraat") == said("sms.ask_112", lang="en")
    assert phone(EMMA).send("2").startswith("Call 112 now! Your report was sent to 5 neighbours")
    assert phone(AYSE).send("112") == said("sms.112.thanks", lang="tr")
    sent(app)
    assert [b for b in to(app, FATIMA) if "112 IS NU GEBELD" in b]
    [notice_en] = [b for b in to(app, EMMA) if "112 HAS NOW BEEN CALLED" in b]
    assert notice_en.startswith("Neighbourhood watch Molenwijk: 112 HAS NOW BEEN CALLED")
    assert not [b for b in to(app, AYSE) if "ARTIK ARANDI" in b]  # she said it: not told
    # The all-clear, by the reporter, in each one's language.
    assert phone(EMMA).send("DONE police came") == said("sms.close.done.other", count=5, lang="en")
    sent(app)
    [over_tr] = [b for b in to(app, AYSE) if "BITTI" in b]
    assert over_tr.startswith("Mahalle nöbeti Molenwijk: saat ") and "Police came." in over_tr
    assert [b for b in to(app, FATIMA) if "is AFGEROND. Police came." in b]


def test_taal_sets_the_language_and_is_confirmed_in_it(app, phone, molenwijk):
    assert phone(FATIMA).send("TAAL EN") == said("sms.language.set", lang="en")
    assert member(app, FATIMA).language == "en"
    assert phone(FATIMA).send("HELP") == said("sms.help.member", lang="en")
    assert phone(FATIMA).send("language tr") == said("sms.language.set", lang="tr")
    assert phone(FATIMA).send("Taal nl.") == said("sms.language.set")
    assert member(app, FATIMA).language == "nl"
    assert phone(FATIMA).send("TAAL FR") == said("sms.language.which")  # in her language, nothing changed
    assert phone(FATIMA).send("TAAL") == said("sms.language.which")
    assert member(app, FATIMA).language == "nl"
    # A number the line does not know keeps nothing, and reads the stranger's answer in English.
    assert phone(NEW).send("LANGUAGE EN") == said("sms.reply.stranger", lang="en")
    assert member(app, NEW) is None


def test_taal_counts_for_every_group_of_the_number(app, phone, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        centrum = groups.add_group(session, "Centrum")
        membership.add_member(session, centrum, FATIMA, name="Fatima")
    phone(FATIMA).send("TAAL TR")
    with db.unit_of_work(app, dispatch=False) as session:
        assert set(session.scalars(select(Member.language).where(Member.phone == FATIMA))) == {"tr"}


@pytest.mark.parametrize("command", ["LID 0655555555 Jan Jansen EN", "LID 06-55555555 Jan Jansen en."])
def test_an_admin_invites_in_the_language_they_give(app, phone, molenwijk, command):
    assert phone(ANNIE).send(command) == said("sms.invited", who="Jan Jansen", group="Molenwijk")  # Annie: Dutch
    [invitation] = to(app, NEW)
    assert invitation.startswith("Annie invites you to neighbourhood watch Molenwijk.")
    assert invitation.endswith("Reply YES to join.") and gsm.segments(invitation) <= 2
    assert (member(app, NEW).name, member(app, NEW).language) == ("Jan Jansen", "en")
    assert phone(NEW).send("yes") == said("sms.joined", group="Molenwijk", lang="en")


@pytest.mark.parametrize("words", ["SPRAAK TR", "TR SPRAAK", "tr voice"])
def test_lid_takes_the_language_and_spraak_in_any_order(app, phone, twilio, molenwijk, words):
    assert "wordt gebeld" in phone(ANNIE).send(f"LID 0655555555 Ayşe Yılmaz {words}")
    app.dispatcher.drain(timeout=30)
    invite = voice_delivery(app)
    assert invite.kind == "voice_invitation" and invite.to_phone == NEW
    assert (member(app, NEW).name, member(app, NEW).language) == ("Ayşe Yılmaz", "tr")
    call = Outbound(twilio, invite, "/twilio/voice/invite").answer()
    assert "Molenwijk mahalle nöbetine davet edildiniz" in call.text and "18 yaşında" in call.text
    assert {say.get("language") for say in call.doc.iter("Say")} == {"tr-TR"}
    call.press("1")
    assert call.hung_up and "hoş geldiniz" in call.text
    assert member(app, NEW).status == "active"


def test_a_name_that_ends_in_a_language_word_is_not_taken_for_one(app, phone, molenwijk):
    phone(ANNIE).send("LID 0655555555 Piet Engels")  # a surname: only the codes NL, EN, TR count
    assert (member(app, NEW).name, member(app, NEW).language) == ("Piet Engels", "nl")


def test_an_english_landline_member_hears_the_alert_call_in_english(app, phone, twilio, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        [wim] = session.scalars(select(Member).where(Member.channel == "voice"))
        wim.language = "en"
    phone(HENK).send("MELD inbraak Dorpsstraat 4")
    phone(HENK).send("1")
    app.dispatcher.drain(timeout=30)
    call = Outbound(twilio, voice_delivery(app)).answer()
    assert "neighbourhood watch alert of Molenwijk" in call.text and "Burglary or attempted burglary" in call.text
    assert "112 has been called." in call.text and "inbraak Dorpsstraat 4" in call.text  # the words as said
    assert {(say.get("language"), say.get("voice")) for say in call.doc.iter("Say")} == {("en-GB", "Polly.Amy-Neural")}
    call.press("1")
    assert call.hung_up and "Thank you" in call.text


def test_the_call_menu_in_english_end_to_end(app, phone, twilio, speakers):
    call = Call(twilio, EMMA).start()
    assert call.text.startswith("Hello, neighbourhood watch Molenwijk.") and "Have you called 112?" in call.text
    assert {say.get("language") for say in call.doc.iter("Say")} == {"en-GB"}
    call.press("9")  # not a key here: explained in English
    assert call.text.startswith(said("voice.invalid_key", lang="en"))
    call.press("1").press("1")  # 112 called; a person
    assert "Where is it?" in call.text and call.gather.get("language") == "en-GB"
    call.say("Dorpsstraat")
    assert "Describe briefly what you see" in call.text and call.gather.get("language") == "en-GB"
    call.say("a tall man in a green coat")
    assert "We will send: Suspicious person, Dorpsstraat." in call.text and "green coat" in call.text
    call.press("1")
    assert call.hung_up and "Sent to 5 neighbours." in call.text and "Goodbye." in call.text
    sent(app)
    [dutch] = [b for b in to(app, FATIMA) if "green coat" in b]
    assert "112 IS GEBELD" in dutch  # the words as said, in each one's alert


def test_a_stranger_hears_dutch_then_english_and_asks_to_join_in_english(app, phone, twilio, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        membership.set_area(session, groups.find_group(session, "Molenwijk"), ["3511"])
    call = Call(twilio, NEW).start()
    says = list(call.doc.iter("Say"))
    assert says[0].get("language") == "nl-NL" and "Wilt u meedoen" in call.text
    assert (says[-1].get("language"), says[-1].get("voice"), says[-1].text) == (
        "en-GB", "Polly.Amy-Neural", "For English, press 9.")
    call.press("9")
    assert call.text.startswith("Hello. You have called Buurtlijn") and "Would you like to join" in call.text
    assert "For English" not in call.text and {s.get("language") for s in call.doc.iter("Say")} == {"en-GB"}
    call.press("1")
    assert "four digits of your postcode" in call.text
    call.press("3511")
    assert "Say your name and your street." in call.text and call.gather.get("language") == "en-GB"
    call.say("John Smith, Dorpsstraat 4")
    assert call.hung_up and "The admins of Molenwijk get your request" in call.text
    [request] = [b for b in to(app, ANNIE) if "wil meedoen" in b]
    assert request.endswith("Stuur: LID 0655555555 John Smith EN")  # Annie reads Dutch; he is invited in English


def test_a_stranger_who_cannot_join_hears_the_same_in_english(app, twilio, molenwijk):
    call = Call(twilio, "1234").start()  # a number the line cannot read (a short code)
    assert call.hung_up and call.text.endswith(said("voice.unknown_caller", lang="en"))


def test_member_add_takes_a_language_in_any_case(app, runner, molenwijk):
    out = runner.invoke(args=["member", "add", "Molenwijk", "06-55555555", "--language", "EN"])
    assert out.exit_code == 0 and "in en" in out.output
    assert member(app, NEW).language == "en"
    bad = runner.invoke(args=["member", "add", "Molenwijk", "06-57777777", "--language", "fr"])
    assert bad.exit_code != 0 and "fr" in bad.output


def test_an_imported_member_list_may_name_each_ones_language(app, molenwijk):
    content = "telefoon;naam;taal\n06-55555555;John;en\n06-57777777;Ayşe;Türkçe\n06-58888888;Piet;\n06-59999999;X;fr\n"
    with db.unit_of_work(app, dispatch=False) as session:
        rows = list(membership.import_members(session, groups.find_group(session, "Molenwijk"), content))
    assert [r.outcome for r in rows] == ["invited", "invited", "invited", "rejected"]
    assert [member(app, n).language for n in (NEW, "+31657777777", "+31658888888")] == ["en", "tr", "nl"]
    sent(app)
    assert to(app, NEW)[0].startswith("Neighbourhood watch Molenwijk invites you.")
    assert to(app, "+31657777777")[0].startswith("Molenwijk mahalle nöbeti sizi davet ediyor.")


def test_a_stranger_who_texts_join_is_answered_in_english_and_invited_in_it(app, phone, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        membership.set_area(session, groups.find_group(session, "Molenwijk"), ["3511"])
    assert phone(NEW).send("hello").endswith("English? Send LANGUAGE EN.")  # the Dutch answer points the way
    assert phone(NEW).send("JOIN 3511 John Smith, Dorpsstraat 4") == said(
        "sms.join.sent", group="Molenwijk", lang="en")
    [request] = [b for b in to(app, ANNIE) if "wil meedoen" in b]
    assert request.endswith("Stuur: LID 0655555555 John Smith EN")
    assert phone("+31657777777").send("MEEDOEN 3511 Jan, Dorpsstraat 6") == said("sms.join.sent", group="Molenwijk")


def test_my_data_names_the_language_and_is_in_it(app, phone, speakers):
    mine = phone(EMMA).send("MY DATA")
    assert mine.startswith("Buurtlijn stores: number +31645678901, name Emma") and "language English" in mine
    assert "taal Nederlands" in phone(FATIMA).send("MIJN GEGEVENS")
    assert "dil Türkce" in phone(AYSE).send("MIJN GEGEVENS")


def test_an_invitee_who_calls_hears_the_line_in_their_language(app, phone, twilio, molenwijk):
    phone(ANNIE).send("LID 0655555555 John Smith EN")
    call = Call(twilio, NEW).start()
    assert call.text.startswith("Hello. You have called Buurtlijn") and "For English" not in call.text
    assert {say.get("language") for say in call.doc.iter("Say")} == {"en-GB"}
