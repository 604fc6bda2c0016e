"""The call as an elderly caller lives it, over signed HTTP: short, forgiving, nothing lost."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from ivr import db
from ivr.flows import call as flow
from ivr.storage.models import Alert, CallSession, OutboxMessage, utcnow
from ivr.sending.outbox_sender import CALL_MARK
from tests.helpers import Call, said

ANNIE = "06-12345678"  # admin of Molenwijk, street Molenstraat

RAMBLING = (
    "Ja goedenavond, u spreekt met mevrouw Jansen van de Molenstraat, ik bel omdat er een man "
    "in een zwarte jas bij de auto van de buren staat te kijken, hij heeft een rugzak en loopt "
    "nu richting het park"
)


def alerts(app) -> list[Alert]:
    with db.unit_of_work(app, dispatch=False) as session:
        return list(session.scalars(select(Alert)))


def sms_bodies(app) -> list[str]:
    app.dispatcher.wait_idle(timeout=30)
    with db.unit_of_work(app, dispatch=False) as session:
        return [m.body for m in session.scalars(select(OutboxMessage)) if not m.body.startswith(CALL_MARK)]


def to_description(twilio) -> Call:
    return Call(twilio, ANNIE).start().press("1").press("1").press("1")


def test_what_is_read_back_is_what_the_neighbours_get(app, twilio, molenwijk):
    call = to_description(twilio).say(RAMBLING)
    assert call.state == "confirm"
    heard = call.text
    assert "goedenavond" not in heard.lower() and "Jansen" not in heard
    call.press("1")
    [alert] = alerts(app)
    assert alert.description.startswith("Er een man in een zwarte jas")
    assert alert.description in heard  # read back word for word
    bodies = sms_bodies(app)
    assert bodies and all(alert.description in body for body in bodies)
    assert all("Jansen" not in body and "richting het park" in body for body in bodies)


def test_a_low_confidence_place_is_checked_and_corrected_alone(app, twilio, molenwijk):
    call = Call(twilio, ANNIE).start().press("1").press("2").say("Kerkstraat", confidence="0.31")
    assert call.state == "check_where"
    assert said("voice.check_where", location="Kerkstraat") in call.text
    call.press("2")
    assert call.state == "where" and said("voice.where_own_street", street="Molenstraat") in call.text
    call.say("Kerkpad", confidence="0.4").press("1")
    assert call.state == "description"
    call.say("Witte bus").press("1")
    [alert] = alerts(app)
    assert (alert.location, alert.category, alert.emergency_called) == ("Kerkpad", "vehicle", "yes")


def test_a_meaningless_place_is_asked_again_alone(app, twilio, molenwijk):
    call = Call(twilio, ANNIE).start().press("1").press("1").say("uh")
    assert call.state == "where" and said("voice.where_not_understood") in call.text
    assert alerts(app) == []


def test_the_place_is_changed_at_the_read_back_without_starting_over(app, twilio, molenwijk):
    call = to_description(twilio).say("Man met rode pet")
    call.press("3")
    assert call.state == "where"
    call.say("Bij de kerk")
    assert call.state == "confirm" and "Bij de kerk" in call.text and "Man met rode pet" in call.text
    call.press("1")
    [alert] = alerts(app)
    assert (alert.location, alert.description, alert.category) == ("Bij de kerk", "Man met rode pet.", "person")


def test_silence_asks_again_in_the_short_form(app, twilio, molenwijk):
    call = Call(twilio, ANNIE).start().press("1").silence()
    assert call.state == "what"
    assert call.text == f'{said("voice.no_input")} {said("voice.what_short")}'
    assert said("voice.what") not in call.text


def test_warned_without_112_the_call_ends_with_call_112_now(app, twilio, molenwijk):
    call = Call(twilio, ANNIE).start().press("2").press("1").press("1").press("1").press("1").press("1")
    assert call.hung_up and call.text.endswith(said("voice.sent_call_112_now"))
    assert "Hang nu op en bel 112" in call.text


def test_a_call_cut_off_goes_on_when_the_caller_calls_back(app, twilio, molenwijk):
    to_description(twilio)  # ... and the line drops: no more requests for that call
    back = Call(twilio, ANNIE).start()
    assert back.state == "resume" and said("voice.resume_cut_off", group="Molenwijk") in back.text
    back.press("1")
    assert back.state == "description"
    back.say("Man met rode pet").press("1")
    [alert] = alerts(app)
    assert (alert.category, alert.location, alert.emergency_called) == ("person", "Molenstraat", "yes")
    assert Call(twilio, ANNIE).start().state == "alarmeer"  # sent: nothing to take up again


def test_a_call_that_gave_up_on_wrong_keys_can_be_taken_up(app, twilio, molenwijk):
    call = Call(twilio, ANNIE).start().press("1")
    for _ in range(flow.MAX_INVALID + 1):
        call.press("9")
    assert call.hung_up and said("voice.resume_later") in call.text
    back = Call(twilio, ANNIE).start()
    assert back.state == "resume"
    assert back.press("1").state == "what"


def test_a_cut_off_report_is_not_offered_after_10_minutes(app, twilio, molenwijk, db_session):
    to_description(twilio)
    db_session.execute(update(CallSession).values(updated_at=utcnow() - timedelta(minutes=11)))
    db_session.commit()
    assert Call(twilio, ANNIE).start().state == "alarmeer"


def test_start_over_at_the_resume_question(app, twilio, molenwijk):
    to_description(twilio)
    back = Call(twilio, ANNIE).start().press("2")
    assert back.state == "alarmeer" and said("voice.start_over") in back.text


def test_a_report_held_for_112_survives_a_call_back_that_gives_up(app, twilio, molenwijk):
    Call(twilio, ANNIE).start().press("2").silence()  # hangs up to call 112
    second = Call(twilio, ANNIE).start()
    assert said("voice.alarmeer_resumed") in second.text
    second.silence().silence().silence()
    assert second.hung_up
    third = Call(twilio, ANNIE).start()
    assert said("voice.alarmeer_resumed") in third.text  # still held: not lost
    third.press("1").press("1").press("1").say("Man met pet").press("1")
    assert len(alerts(app)) == 1


def test_numbers_to_dial_are_spoken_as_telephone_numbers(app, twilio, molenwijk):
    call = Call(twilio, ANNIE).start().press("3")
    numbers = [e.text for e in call.doc.iter("say-as") if e.get("interpret-as") == "telephone"]
    assert "0900-8844" in numbers
    call = Call(twilio, "06-99999999").start()
    assert "112" in [e.text for e in call.doc.iter("say-as")]


def test_recording_only_where_some_neighbour_has_a_landline(app, twilio, molenwijk, db_session):
    from ivr.storage.models import Member

    assert said("voice.description_recorded") in to_description(twilio).text
    db_session.execute(update(Member).where(Member.phone == "+31205551234").values(status="inactive"))
    db_session.commit()
    call = Call(twilio, "06-23456789").start().press("1").press("1").press("1")
    assert call.state == "description" and said("voice.description_recorded") not in call.text
    assert call.doc.find("Start") is None
