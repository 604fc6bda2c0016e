"""Whole calls over HTTP, signed like Twilio signs, every response checked against voice.xsd."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from ivr import db
from ivr.flows import gsm
from ivr.sending.outbox_sender import CALL_MARK
from ivr.services import membership
from ivr.storage import groups
from ivr.storage.models import Alert, CallSession, Delivery, MemberStatus, OutboxMessage, utcnow
from tests.helpers import Call, said

ANNIE = "06-12345678"  # admin of Molenwijk, street Molenstraat


def sent_messages(app) -> list[OutboxMessage]:
    """The SMS the outbox kept (calls to landline members are there too, marked, and left out)."""
    app.dispatcher.wait_idle(timeout=30)
    with db.unit_of_work(app, dispatch=False) as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.to_phone))
        return [m for m in rows if not m.body.startswith(CALL_MARK)]


def calls_placed(app) -> list[str]:
    app.dispatcher.wait_idle(timeout=30)
    with db.unit_of_work(app, dispatch=False) as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.body.startswith(CALL_MARK)))
        return sorted(m.to_phone for m in rows)


def alerts(app) -> list[Alert]:
    with db.unit_of_work(app, dispatch=False) as session:
        return list(session.scalars(select(Alert)))


def report(call: Call, *, where="Dorpsstraat bij de bakker", what="1", description="Man met blauwe jas") -> Call:
    """Answer what, where and description, leaving the call at the read-back."""
    call.press(what)
    assert call.state == "where"
    call.say(where)
    assert call.state == "description"
    call.say(description)
    assert call.state == "confirm"
    return call


@pytest.mark.parametrize(
    "key, emergency_called, heard_first, sms_phrase",
    [
        ("1", "yes", "Wat ziet u?", "112 IS GEBELD"),
        ("3", "not_urgent", "0900-8844", "GEEN SPOED"),
    ],
)
def test_happy_path(app, twilio, molenwijk, key, emergency_called, heard_first, sms_phrase):
    call = Call(twilio, ANNIE).start()
    assert "Molenwijk" in call.text
    assert call.state == "alarmeer"
    call.press(key)
    assert heard_first in call.text
    assert call.state == "what"
    report(call)
    assert "Verdacht persoon" in call.text and "Dorpsstraat bij de bakker" in call.text
    assert "Man met blauwe jas" in call.text
    assert {"yes": "112 is gebeld.", "not_urgent": "Geen spoed."}[emergency_called] in call.text
    call.press("1")
    assert call.hung_up
    # Henk and Fatima get an SMS; Wim's landline is called; Annie reported.
    assert said("voice.sent", count=3, neighbours=said("voice.neighbours")) in call.text
    assert "veilig" in call.text and "politie" in call.text

    [alert] = alerts(app)
    assert (alert.emergency_called, alert.channel, alert.category) == (emergency_called, "voice", "person")
    assert alert.location == "Dorpsstraat bij de bakker"
    assert alert.description == "Man met blauwe jas."  # what was read back, and sent
    messages = sent_messages(app)
    assert [m.to_phone for m in messages] == ["+31623456789", "+31634567890"]
    assert calls_placed(app) == ["+31205551234"]
    for message in messages:
        assert sms_phrase in message.body and message.body == alert.sms_body
        assert "Molenwijk" in message.body and "VERDACHT PERSOON" in message.body


def test_not_yet_then_warn_anyway(app, twilio, molenwijk):
    call = Call(twilio, ANNIE).start().press("2")
    assert said("voice.call_112_first") in call.text
    assert call.state == "call_112_first"
    call.press("1")
    assert call.state == "what"
    report(call).press("1")
    [alert] = alerts(app)
    assert alert.emergency_called == "no"
    assert all("112 IS NIET GEBELD" in m.body for m in sent_messages(app))
    # The report went on in this call, so a call back starts afresh.
    assert "Welkom terug" not in Call(twilio, ANNIE).start().text


def test_not_yet_is_held_and_resumed_on_call_back(app, twilio, molenwijk):
    first = Call(twilio, ANNIE).start().press("2").silence()
    assert first.hung_up and "bel 112" in first.text
    assert alerts(app) == []

    back = Call(twilio, "+31 6 12345678").start()
    assert said("voice.resume_greeting", group="Molenwijk") in back.text and said("voice.alarmeer_resumed") in back.text
    assert back.state == "alarmeer"
    back.press("1")
    report(back).press("1")
    [alert] = alerts(app)
    assert alert.emergency_called == "yes"
    # Used once: the next call is a new report.
    assert "Welkom terug" not in Call(twilio, ANNIE).start().text


def test_held_report_expires_after_30_minutes(app, twilio, molenwijk, db_session):
    Call(twilio, ANNIE).start().press("2").silence()
    db_session.execute(update(CallSession).values(held_until=utcnow() - timedelta(seconds=1)))
    db_session.commit()
    call = Call(twilio, ANNIE).start()
    assert said("voice.resume_greeting", group="Molenwijk") not in call.text and said("voice.alarmeer") in call.text


def test_unknown_caller_is_told_kindly_offered_to_join_and_nothing_is_sent(app, twilio, molenwijk):
    call = Call(twilio, "06-87654321").start()
    assert "niet aangemeld" in call.text and "112" in call.text and "Wilt u meedoen" in call.text
    assert call.state == "join_offer"
    call.silence()  # no key: a kind goodbye
    assert call.hung_up and call.text == "Tot ziens."
    assert alerts(app) == [] and sent_messages(app) == []


def test_a_caller_whose_number_the_line_cannot_read_is_not_offered_to_join(app, twilio, molenwijk):
    call = Call(twilio, "+31612").start()
    assert call.hung_up and "niet aangemeld" in call.text and "112" in call.text
    assert "meedoen" not in call.text and alerts(app) == [] and sent_messages(app) == []


def test_inactive_member_is_unknown(app, twilio, molenwijk, db_session):
    db_session.execute(update(groups.Member).values(status=MemberStatus.INACTIVE))
    db_session.commit()
    call = Call(twilio, ANNIE).start()
    assert call.state == "join_offer" and "niet aangemeld" in call.text


def test_member_of_two_groups_chooses(app, twilio, molenwijk, db_session):
    centrum = groups.add_group(db_session, "Centrum")
    membership.add_member(db_session, centrum, ANNIE, street="Marktplein")
    membership.add_member(db_session, centrum, "06-55555555")
    db_session.commit()

    call = Call(twilio, ANNIE).start()
    assert call.state == "choose_group"
    assert said("voice.group_option", group="Molenwijk", key=1) in call.text and said("voice.group_option", group="Centrum", key=2) in call.text
    call.press("2")
    assert said("voice.group_chosen", group="Centrum") in call.text and call.state == "alarmeer"
    call.press("1").press("2")
    call.press("1")  # own street, stored for this membership
    assert call.state == "description"
    call.press("1")  # nothing to describe
    assert "Marktplein" in call.text
    call.press("1")
    assert said("voice.sent", count=1, neighbours=said("voice.neighbour")) in call.text
    [alert] = alerts(app)
    assert alert.location == "Marktplein" and alert.description == ""
    assert [m.to_phone for m in sent_messages(app)] == ["+31655555555"]


def test_many_groups_are_offered_four_options_at_a_time(app, twilio, db_session):
    for n in range(1, 6):
        group = groups.add_group(db_session, f"Wijk {n}")
        membership.add_member(db_session, group, ANNIE)
    db_session.commit()
    call = Call(twilio, ANNIE).start()
    assert call.text.count("druk") == 4 and said("voice.more_groups", key=4) in call.text
    call.press("4")
    assert said("voice.group_option", group="Wijk 4", key=1) in call.text and said("voice.group_option", group="Wijk 5", key=2) in call.text
    call.press("2")
    assert said("voice.group_chosen", group="Wijk 5") in call.text


# --- Every question: * repeats, silence re-asks twice then ends, a wrong key is explained ---

PATHS = {
    "alarmeer": [],
    "call_112_first": [("press", "2")],
    "what": [("press", "1")],
    "where": [("press", "1"), ("press", "1")],
    "description": [("press", "1"), ("press", "1"), ("say", "Molenstraat")],
    "confirm": [("press", "1"), ("press", "1"), ("say", "Molenstraat"), ("say", "Een man")],
}
INVALID_KEY = {"alarmeer": "7", "call_112_first": "5", "what": "9", "where": "8", "description": "6", "confirm": "5"}


def at(twilio, state: str) -> Call:
    call = Call(twilio, ANNIE).start()
    for action, value in PATHS[state]:
        getattr(call, action)(value)
    assert call.state == state
    return call


def question_text(call: Call) -> str:
    return " ".join("".join(s.itertext()) for s in call.gather.iter("Say"))


@pytest.mark.parametrize("state", PATHS)
def test_star_repeats_the_question(twilio, molenwijk, state):
    call = at(twilio, state)
    asked = question_text(call)
    call.press("*")
    assert call.state == state
    # The same question, without whatever came before it the first time.
    assert asked.endswith(question_text(call))
    assert "Die toets" not in call.text and "niets gehoord" not in call.text


@pytest.mark.parametrize("state", [s for s in PATHS if s != "call_112_first"])
def test_silence_is_asked_again_twice_then_the_call_ends(app, twilio, molenwijk, state):
    call = at(twilio, state)
    for _ in range(2):
        call.silence()
        assert call.state == state and said("voice.no_input") in call.text
    call.silence()
    assert call.hung_up and said("voice.give_up") in call.text and "112" in call.text
    assert alerts(app) == []


def test_silence_after_call_112_first_lets_the_caller_go_and_holds_the_report(app, twilio, molenwijk, db_session):
    call = at(twilio, "call_112_first").silence()
    assert call.hung_up and said("voice.call_112_bye") in call.text
    held = db_session.scalar(select(CallSession).where(CallSession.call_sid == call.sid))
    assert held.held_until > utcnow() + timedelta(minutes=29)


@pytest.mark.parametrize("state", PATHS)
def test_invalid_key_is_explained_and_asked_again(app, twilio, molenwijk, state):
    call = at(twilio, state).press(INVALID_KEY[state])
    assert call.state == state and said("voice.invalid_key") in call.text
    assert alerts(app) == []


def test_endless_wrong_keys_end_the_call_kindly(app, twilio, molenwijk):
    call = at(twilio, "what")
    for _ in range(4):
        call.press("9")
        assert call.state == "what"
    call.press("9")
    assert call.hung_up and said("voice.give_up") in call.text


def test_own_street_key_needs_a_stored_street(app, twilio, db_session):
    group = groups.add_group(db_session, "Zonder")
    membership.add_member(db_session, group, ANNIE)
    db_session.commit()
    call = Call(twilio, ANNIE).start().press("1").press("1")
    assert "eigen straat" not in call.text
    call.press("1")
    assert call.state == "where" and said("voice.invalid_key") in call.text


def test_start_over_goes_back_to_the_112_question(app, twilio, molenwijk):
    call = report(Call(twilio, ANNIE).start().press("1")).press("2")
    assert call.state == "alarmeer" and "opnieuw" in call.text
    call.press("3")
    report(call, what="3").press("1")
    [alert] = alerts(app)
    assert (alert.category, alert.emergency_called) == ("burglary", "not_urgent")


def test_a_stale_answer_only_repeats_the_current_question(app, twilio, molenwijk):
    call = Call(twilio, ANNIE).start()
    stale_action = call.gather.get("action")
    call.press("1")  # now at "what"
    replay = twilio.post(stale_action, {"CallSid": call.sid, "From": ANNIE, "Digits": "2"})
    assert said("voice.what") in replay.get_data(as_text=True)


def test_confirming_twice_sends_once(app, twilio, molenwijk):
    call = report(Call(twilio, ANNIE).start().press("1"))
    action = call.gather.get("action")
    call.press("1")
    again = twilio.post(action, {"CallSid": call.sid, "From": ANNIE, "Digits": "1"})
    assert again.status_code == 200
    assert len(alerts(app)) == 1
    assert len(sent_messages(app)) == 2


def test_long_speech_with_non_gsm_characters_makes_a_short_gsm_sms(app, twilio, molenwijk):
    speech = (
        "Een “verdachte” man – ongeveer 1,90 lang – met een rode jas, loopt richting de Ëikenlaan… "
        "hij belde aan bij nummer 12 en bij 06-98765432 ☎ " * 8
    )
    call = Call(twilio, ANNIE).start().press("1")
    report(call, where="Hoek Molenstraat en Ëikenlaan – bij de école", description=speech).press("1")
    [message, _] = sent_messages(app)
    assert gsm.is_gsm7(message.body)
    assert gsm.septets(message.body) <= 306 and gsm.segments(message.body) <= 2
    assert message.body.startswith("Buurtpreventie Molenwijk ")
    assert "VERDACHT PERSOON, Hoek Molenstraat en Eikenlaan - bij de école." in message.body
    assert "112 IS GEBELD." in message.body and message.body.endswith("Reageer alleen als het veilig is.")
    assert "98765432" not in message.body and "+316" not in message.body


def test_the_webhook_only_queues_a_large_group(app, twilio, molenwijk, db_session):
    group = groups.find_group(db_session, "Molenwijk")
    for n in range(300):
        membership.add_member(db_session, group, f"06-4{n:07d}")
    db_session.commit()
    report(Call(twilio, ANNIE).start().press("1")).press("1")
    count = db_session.scalar(select(func.count(Delivery.id)))
    assert count == 303  # 302 SMS and Wim's call, stored before the caller heard "verstuurd"
    assert len(sent_messages(app)) == 302


@pytest.fixture
def two_groups(molenwijk, db_session):
    centrum = groups.add_group(db_session, "Centrum")
    membership.add_member(db_session, centrum, ANNIE)
    db_session.commit()


def test_choose_group_fallbacks(app, twilio, two_groups):
    call = Call(twilio, ANNIE).start()
    asked = question_text(call)
    assert call.state == "choose_group"
    assert call.press("*").state == "choose_group" and asked.endswith(question_text(call))
    assert said("voice.invalid_key") in call.press("3").text and call.state == "choose_group"
    for _ in range(2):
        assert said("voice.no_input") in call.silence().text and call.state == "choose_group"
    assert call.silence().hung_up and said("voice.give_up") in call.text


def test_offensive_words_in_speech_are_masked_and_admins_told(app, twilio, db_session):
    group = groups.add_group(db_session, "Wiek")
    membership.add_member(db_session, group, ANNIE, is_admin=True)
    membership.add_member(db_session, group, "06-23456789")
    membership.add_member(db_session, group, "06-34567890", is_admin=True)
    db_session.commit()
    call = Call(twilio, "06-23456789").start().press("1")
    report(call, description="Die kankerlijer met een breekijzer, verdomme").press("1")
    [alert] = alerts(app)
    assert "kankerlijer" not in alert.sms_body and "verdomme" not in alert.sms_body
    assert "*** met een breekijzer, ***" in alert.sms_body and "breekijzer" in alert.sms_body
    notices = [m for m in sent_messages(app) if "woorden weggelaten" in m.body]
    assert sorted(m.to_phone for m in notices) == ["+31612345678", "+31634567890"]


def test_mild_swearing_is_masked_without_telling_admins(app, twilio, molenwijk):
    call = Call(twilio, "06-23456789").start().press("1")
    report(call, description="Verdomme, weer die man met de fiets").press("1")
    [alert] = alerts(app)
    assert "*** weer die man" in alert.sms_body.replace(", ", " ")
    assert not [m for m in sent_messages(app) if "weggelaten" in m.body]


def test_voice_report_past_the_hourly_limit_is_refused_politely(make_app, molenwijk):
    from tests.helpers import Twilio

    app = make_app(ALERTS_PER_MEMBER_PER_HOUR=1)
    twilio = Twilio(app.test_client())
    report(Call(twilio, ANNIE).start().press("1")).press("1")
    second = report(Call(twilio, ANNIE).start().press("1")).press("1")
    assert second.hung_up and "niet verstuurd" in second.text and "112" in second.text
    assert len(alerts(app)) == 1
    told = [m for m in sent_messages(app) if "maximum aantal meldingen" in m.body]
    assert [m.to_phone for m in told] == ["+31612345678"]


@pytest.mark.parametrize("caller", ["anonymous", "restricted", "unknown", "+266696687", ""])
def test_a_hidden_number_hears_how_to_show_it_and_112(twilio, molenwijk, caller):
    from tests.helpers import said

    call = Call(twilio, caller).start()
    assert call.hung_up and said("voice.hidden_caller") in call.text and "112" in call.text
    assert said("voice.unknown_caller") not in call.text
