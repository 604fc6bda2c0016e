"""Reporters' own words: recorded during a voice report, played to landline members, deleted."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from ivr import db
from ivr.storage.models import Alert, Recording, utcnow
from tests.helpers import ACCOUNT, Call, Outbound, said, voice_delivery

ANNIE = "06-12345678"
RE1, RE2 = "RE" + "1" * 32, "RE" + "2" * 32


def to_description(twilio) -> Call:
    return Call(twilio, ANNIE).start().press("1").press("1").say("Molenstraat")


def test_the_description_is_recorded_once_and_the_caller_told(twilio, molenwijk):
    call = to_description(twilio)
    [start] = call.doc.findall("Start")
    recording = start.find("Recording")
    assert recording.get("track") == "inbound" and recording.get("recordingStatusCallback") == "/twilio/recording"
    assert said("voice.description_recorded") in call.text  # told before a word is recorded
    assert call.silence().doc.find("Start") is None  # asked again: no second recording
    assert call.press("*").doc.find("Start") is None


def test_nothing_is_recorded_when_the_line_is_told_not_to(make_app, molenwijk):
    from tests.helpers import Twilio

    app = make_app(RECORD_DESCRIPTIONS=False)
    call = to_description(Twilio(app.test_client()))
    assert call.doc.find("Start") is None and "opgenomen" not in call.text


def recording_callback(twilio, call_sid: str, sid: str = RE1):
    return twilio.post("/twilio/recording", {
        "CallSid": call_sid, "RecordingSid": sid, "RecordingStatus": "completed",
        "RecordingUrl": f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Recordings/{sid}",
    })


def recordings(app) -> list[Recording]:
    with db.unit_of_work(app, dispatch=False) as session:
        return list(session.scalars(select(Recording).order_by(Recording.id)))


def test_a_recording_is_kept_for_the_alert_whenever_it_arrives(app, twilio, molenwijk):
    early = to_description(twilio)
    assert recording_callback(twilio, early.sid, RE1).status_code == 204  # before the alert
    early.say("Man met rode jas").press("1")
    late = to_description(twilio)
    late.say("Twee jongens").press("1")
    assert recording_callback(twilio, late.sid, RE2).status_code == 204  # after the alert
    assert recording_callback(twilio, late.sid, RE2).status_code == 204  # Twilio retried
    with db.unit_of_work(app, dispatch=False) as session:
        first, second = session.scalars(select(Alert).order_by(Alert.id)).all()
    assert [(r.sid, r.alert_id) for r in recordings(app)] == [(RE1, first.id), (RE2, second.id)]


def test_the_alert_call_plays_the_reporters_words(app, twilio, molenwijk):
    call = to_description(twilio)
    recording_callback(twilio, call.sid)
    call.say("Man met rode jas").press("1")
    app.dispatcher.drain(timeout=30)
    heard = Outbound(twilio, voice_delivery(app)).answer()
    played = heard.doc.find("Gather").find("Play")
    assert played is not None and played.text.endswith(f"/Recordings/{RE1}")
    assert "De melder zei zelf:" in heard.text


def test_purge_deletes_recordings_at_twilio_and_retries_a_failed_delete(make_app, fake, molenwijk, runner):
    app = make_app(TWILIO_ACCOUNT_SID=ACCOUNT, TWILIO_API_URL=fake.url, PUBLIC_URL="https://lijn.example.nl")
    from tests.helpers import Twilio

    twilio = Twilio(app.test_client(), base="https://lijn.example.nl")
    call = to_description(twilio)
    recording_callback(twilio, call.sid, RE1)
    recording_callback(twilio, call.sid, RE2)
    call.say("Man met rode jas").press("1")
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Alert).values(created_at=utcnow() - timedelta(days=31)))
    fake.fail(RE2, 500, 20500, times=1)
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["purge", "--dry-run"]).output
    assert "recordings deleted: 2" in dry and fake.deleted_recordings == []

    first = runner.invoke(args=["purge"]).output
    assert "recordings deleted: 1" in first and "recordings failed: 1" in first
    kept = {r.sid: r for r in recordings(app)}
    assert kept[RE1].state == "deleted" and kept[RE1].url is None
    assert kept[RE2].state == "kept" and kept[RE2].delete_attempts == 1 and "20500" in kept[RE2].last_error

    second = runner.invoke(args=["purge"]).output
    assert "recordings deleted: 1" in second and "recordings failed: 0" in second
    assert fake.deleted_recordings == [RE1, RE2]
    assert {r.state for r in recordings(app)} == {"deleted"}
    path = f"/2010-04-01/Accounts/{ACCOUNT}/Recordings/{RE1}.json"
    assert ("DELETE", path) in fake.requests


def test_a_recording_of_a_call_that_sent_nothing_goes_after_a_day(app, twilio, molenwijk, runner):
    call = to_description(twilio)
    recording_callback(twilio, call.sid)  # the caller hung up without sending
    assert "recordings deleted: 0" in runner.invoke(args=["purge"]).output
    with db.unit_of_work(app, dispatch=False) as session:
        session.execute(update(Recording).values(created_at=utcnow() - timedelta(days=2)))
    assert "recordings deleted: 1" in runner.invoke(args=["purge"]).output
