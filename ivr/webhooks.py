"""Twilio's webhooks: thin views that check the signature, run a service, and commit."""
from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, request

from ivr import calls, db, outbound, sms, twiml
from ivr.catalogue import t
from ivr.security import twilio_signed
from ivr.storage import deliveries, recordings

log = logging.getLogger(__name__)

bp = Blueprint("twilio", __name__, url_prefix="/twilio")


def _xml(body: str) -> Response:
    return Response(body, mimetype="text/xml")


def _bad_request(reason: str) -> Response:
    return Response(reason + "\n", status=400, mimetype="text/plain")


def _voice(run) -> Response:
    """Run a call step, commit it, start any alert's sending, and render the TwiML."""
    if not request.form.get("CallSid"):
        return _bad_request("CallSid is required.")
    voice_name = current_app.config["TWILIO_VOICE"]
    session = db.session()
    try:
        outcome = run(session, current_app.config)
        # The report is stored before the caller hears that it is sent.
        session.commit()
    except Exception:
        session.rollback()
        log.exception("call step failed")
        return _xml(twiml.hangup_with([t("voice.error")], voice_name))
    dispatcher = current_app.extensions["dispatcher"]
    if outcome.alert_id is not None:
        dispatcher.alert_created(outcome.alert_id)
    if outcome.queued:
        dispatcher.send_due()
    return _xml(twiml.voice(outcome.prompt, voice_name))


@bp.post("/voice")
@twilio_signed
def voice_incoming() -> Response:
    """A call comes in."""
    form = request.form
    return _voice(lambda session, cfg: calls.begin(session, form["CallSid"], form.get("From", ""), cfg))


@bp.post("/voice/step")
@twilio_signed
def voice_step() -> Response:
    """The caller answered (or did not answer) the question named in ?state=."""
    form = request.form
    asked = request.args.get("state", "")
    inp = twiml.parse_input(form)
    return _voice(
        lambda session, cfg: calls.answer(session, form["CallSid"], form.get("From", ""), asked, inp, cfg)
    )


def _outbound(run, action: str) -> Response:
    """Run an outbound-call step, commit, and render what the member hears."""
    voice_name = current_app.config["TWILIO_VOICE"]
    if not request.form.get("CallSid"):
        return _bad_request("CallSid is required.")
    session = db.session()
    try:
        spoken = run(session)
        session.commit()
    except outbound.UnknownCall:
        session.rollback()
        return _xml(twiml.hangup_with([t("voice.error")], voice_name))
    except Exception:
        session.rollback()
        log.exception("outbound call step failed")
        return _xml(twiml.hangup_with([t("voice.error")], voice_name))
    return _xml(twiml.spoken(spoken.lines, spoken.ask, action.format(round=spoken.round), voice_name))


def _int_arg(name: str, default: int = 1) -> int:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else default


@bp.post("/voice/alert")
@twilio_signed
def alert_call() -> Response:
    """A member picked up the call that brings them an alert (or their machine did)."""
    delivery, form, tz = request.args.get("delivery", ""), request.form, current_app.config["TIMEZONE"]
    action = f"/twilio/voice/alert/key?delivery={delivery}&round={{round}}&repeat=0"
    return _outbound(
        lambda session: outbound.alert_answered(session, delivery, form["CallSid"], form.get("AnsweredBy"), tz),
        action,
    )


@bp.post("/voice/alert/key")
@twilio_signed
def alert_call_key() -> Response:
    """1 = heard it (confirmed), 2 = again; silence repeats once."""
    delivery, form, tz = request.args.get("delivery", ""), request.form, current_app.config["TIMEZONE"]
    round_, repeats = _int_arg("round"), _int_arg("repeat", 0)
    digits = (form.get("Digits") or "").strip()
    repeats += 1 if digits == "2" else 0
    action = f"/twilio/voice/alert/key?delivery={delivery}&round={{round}}&repeat={repeats}"
    return _outbound(
        lambda session: outbound.alert_key(session, delivery, form["CallSid"], digits, round_, repeats, tz),
        action,
    )


@bp.post("/voice/invite")
@twilio_signed
def invite_call() -> Response:
    """An invitee picked up the call that invites them to a group."""
    delivery, form = request.args.get("delivery", ""), request.form
    action = f"/twilio/voice/invite/key?delivery={delivery}&round={{round}}"
    return _outbound(
        lambda session: outbound.invite_answered(session, delivery, form["CallSid"], form.get("AnsweredBy")),
        action,
    )


@bp.post("/voice/invite/key")
@twilio_signed
def invite_call_key() -> Response:
    """1 = join (consent stored), 2 = no."""
    delivery, form = request.args.get("delivery", ""), request.form
    digits = (form.get("Digits") or "").strip()
    action = f"/twilio/voice/invite/key?delivery={delivery}&round={{round}}"
    return _outbound(
        lambda session: outbound.invite_key(session, delivery, form["CallSid"], digits, _int_arg("round")),
        action,
    )


@bp.post("/sms")
@twilio_signed
def sms_incoming() -> Response:
    """An SMS comes in: a report, a 112 reply, an admin keyword, STOP, ..."""
    if not request.form.get("MessageSid"):
        return _bad_request("MessageSid is required.")
    session = db.session()
    try:
        outcome = sms.handle(session, request.form, current_app.config)
        session.commit()
    except Exception:
        session.rollback()
        log.exception("inbound SMS failed")
        return _xml(twiml.message(t("sms.error")))
    dispatcher = current_app.extensions["dispatcher"]
    if outcome.alert_id is not None:
        dispatcher.alert_created(outcome.alert_id)
    if outcome.queued:
        dispatcher.send_due()
    return _xml(twiml.message(outcome.reply))


@bp.post("/recording")
@twilio_signed
def recording_callback() -> Response:
    """A recording of a reporter's words is ready: keep where it is, to play and to delete."""
    form = request.form
    if not form.get("RecordingSid") or not form.get("CallSid"):
        return _bad_request("RecordingSid and CallSid are required.")
    if form.get("RecordingStatus", "completed") != "completed":
        return Response(status=204)
    session = db.session()
    recordings.store(session, form["RecordingSid"], form["CallSid"], form.get("RecordingUrl"))
    session.commit()
    return Response(status=204)


@bp.post("/status")
@twilio_signed
def status_callback() -> Response:
    """Twilio reports how a message or call fared; later reports never undo earlier progress."""
    form = request.form
    session = db.session()
    if form.get("CallSid") and form.get("CallStatus"):
        # A call ended: busy or no answer is tried again a little later, then failed.
        config = current_app.config
        deliveries.call_ended(
            session, form["CallSid"], form["CallStatus"], config["VOICE_RETRIES"],
            config["VOICE_RETRY_SECONDS"],
        )
        session.commit()
        return Response(status=204)
    sid, status = form.get("MessageSid"), form.get("MessageStatus")
    if not sid or not status:
        return _bad_request("MessageSid and MessageStatus (or CallSid and CallStatus) are required.")
    error_code = form.get("ErrorCode")
    deliveries.apply_status(
        session, sid, status, int(error_code) if (error_code or "").isdigit() else None
    )
    session.commit()
    return Response(status=204)
