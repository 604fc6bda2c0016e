"""Twilio's webhooks: thin views that check the signature, run a service, and commit."""
from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, request

from ivr import calls, db, sms, twiml
from ivr.catalogue import t
from ivr.security import twilio_signed
from ivr.storage import deliveries

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


@bp.post("/status")
@twilio_signed
def status_callback() -> Response:
    """Twilio reports how a message fared; later reports never undo earlier progress."""
    sid = request.form.get("MessageSid")
    status = request.form.get("MessageStatus")
    if not sid or not status:
        return _bad_request("MessageSid and MessageStatus are required.")
    error_code = request.form.get("ErrorCode")
    session = db.session()
    deliveries.apply_status(
        session, sid, status, int(error_code) if (error_code or "").isdigit() else None
    )
    session.commit()
    return Response(status=204)
