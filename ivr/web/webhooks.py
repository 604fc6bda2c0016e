"""Twilio's webhooks: thin views that check the signature, run a service, and commit.

Every view runs its service in `_unit`: one commit (after which the dispatcher hears what was
queued), or one rollback and a kind answer; a report is stored before anyone hears "sent".
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, Response, request
from sqlalchemy.orm import Session

from ivr import db
from ivr.extensions import current
from ivr.flows.catalogue import t
from ivr.services import member_calls, sms, voice
from ivr.storage import deliveries, recordings
from ivr.twilio import forms, routes, twiml
from ivr.twilio.signatures import twilio_signed

log = logging.getLogger(__name__)

bp = Blueprint("twilio", __name__)
T = TypeVar("T")


class _Failed(Exception):
    """The unit of work was rolled back; the view answers with its fallback."""


def _xml(body: str) -> Response:
    return Response(body, mimetype="text/xml")


def _bad_request(reason: str) -> Response:
    return Response(reason + "\n", status=400, mimetype="text/plain")


@bp.errorhandler(forms.BadForm)
def _bad_form(bad: forms.BadForm) -> Response:
    """A form without what the line needs: 400, with the reason."""
    return _bad_request(str(bad))


def _unit(run: Callable[[Session], T], what: str) -> T:
    """Run a service in the request's session and commit it; raise _Failed after a rollback."""
    session = db.session()
    try:
        result = run(session)
        db.commit(session)
        return result
    except member_calls.UnknownCall:
        db.rollback(session)
        raise _Failed() from None
    except Exception:
        db.rollback(session)
        log.exception("%s failed", what)
        raise _Failed() from None


def _voices() -> twiml.Voices:
    return twiml.Voices.from_config(current().config)


def _call_step(run: Callable[[Session, forms.CallRequest], object]) -> Response:
    """Run a step of an inbound call and render its prompt (or a kind goodbye)."""
    call = forms.call_request(request.form)
    try:
        prompt = _unit(lambda s: run(s, call), "call step")
    except _Failed:
        return _xml(twiml.hangup_with([t("voice.error")], _voices()))
    return _xml(twiml.voice(prompt, _voices()))


@bp.post(routes.VOICE)
@twilio_signed
def voice_incoming() -> Response:
    """A call comes in."""
    config = current().config
    return _call_step(lambda s, call: voice.begin(s, call.sid, call.caller, config, call.hidden))


@bp.post(routes.VOICE_STEP)
@twilio_signed
def voice_step() -> Response:
    """The caller answered (or did not answer) the question named in ?state=."""
    config, asked, inp = current().config, request.args.get("state", ""), forms.call_input(request.form)
    return _call_step(lambda s, call: voice.answer(s, call.sid, call.caller, asked, inp, config))


def _member_call(run: Callable[[Session, forms.CallRequest], object], action: Callable[[int], str]) -> Response:
    """Run a step of a call the line placed, and render what the member hears."""
    call = forms.call_request(request.form)
    try:
        spoken = _unit(lambda s: run(s, call), "outbound call step")
    except _Failed:
        return _xml(twiml.hangup_with([t("voice.error")], _voices()))
    return _xml(twiml.spoken(spoken.lines, spoken.ask, action(spoken.round), _voices(), spoken.lang))


def _int_arg(name: str, default: int = 1) -> int:
    return forms.query_int(request.args.get(name), default)


def _delivery_arg() -> int | None:
    return forms.query_id(request.args.get("delivery"))


@bp.post(routes.ALERT_CALL)
@twilio_signed
def alert_call() -> Response:
    """A member picked up the call that brings them an alert (or their machine did)."""
    delivery, tz = _delivery_arg(), current().config["TIMEZONE"]
    return _member_call(
        lambda s, call: member_calls.alert_answered(s, delivery, call.sid, call.machine, tz),
        lambda round_: routes.alert_key(delivery, round_, 0),
    )


@bp.post(routes.ALERT_CALL_KEY)
@twilio_signed
def alert_call_key() -> Response:
    """1 = heard it (confirmed), 2 = again; silence repeats once."""
    delivery, tz = _delivery_arg(), current().config["TIMEZONE"]
    round_, repeats, digits = _int_arg("round"), _int_arg("repeat", 0), forms.keys(request.form)
    repeats += 1 if digits == "2" else 0
    return _member_call(
        lambda s, call: member_calls.alert_key(s, delivery, call.sid, digits, round_, repeats, tz),
        lambda next_round: routes.alert_key(delivery, next_round, repeats),
    )


@bp.post(routes.INVITE_CALL)
@twilio_signed
def invite_call() -> Response:
    """An invitee picked up the call that invites them to a group."""
    delivery = _delivery_arg()
    return _member_call(
        lambda s, call: member_calls.invite_answered(s, delivery, call.sid, call.machine),
        lambda round_: routes.invite_key(delivery, round_),
    )


@bp.post(routes.INVITE_CALL_KEY)
@twilio_signed
def invite_call_key() -> Response:
    """1 = join (consent stored), 2 = no."""
    delivery, digits, round_ = _delivery_arg(), forms.keys(request.form), _int_arg("round")
    return _member_call(
        lambda s, call: member_calls.invite_key(s, delivery, call.sid, digits, round_),
        lambda next_round: routes.invite_key(delivery, next_round),
    )


@bp.post(routes.SMS)
@twilio_signed
def sms_incoming() -> Response:
    """An SMS comes in: a report, a 112 reply, an admin keyword, STOP, ..."""
    inbound = forms.sms(request.form)
    config = current().config
    try:
        reply = _unit(lambda s: sms.handle(s, inbound, config), "inbound SMS")
    except _Failed:
        return _xml(twiml.message(t("sms.error")))
    return _xml(twiml.message(reply))


@bp.post(routes.RECORDING)
@twilio_signed
def recording_callback() -> Response:
    """A recording of a reporter's words is ready: keep where it is, to play and to delete."""
    ready = forms.recording(request.form)
    if ready.completed:
        _unit(lambda s: recordings.store(s, ready.sid, ready.call_sid, ready.url), "recording callback")
    return Response(status=204)


@bp.post(routes.STATUS)
@twilio_signed
def status_callback() -> Response:
    """Twilio reports how a message or call fared; later reports never undo earlier progress."""
    report = forms.status(request.form)
    config = current().config
    try:
        if isinstance(report, forms.CallEnded):
            # Busy or no answer is tried again a little later, then failed.
            if report.unanswered:
                _unit(lambda s: member_calls.not_taken(
                    s, report.sid, report.status, config["VOICE_RETRIES"], config["VOICE_RETRY_SECONDS"],
                ), "call status")
        elif report.state is not None:
            _unit(lambda s: deliveries.apply_status(
                s, report.sid, report.state, report.error_code, report.failure),
                  "message status")
    except _Failed:
        pass  # logged; a receipt only moves a row forward, and the sweep's look-ups still do
    return Response(status=204)
