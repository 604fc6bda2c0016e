"""The calls the line places: a member hearing an alert, an invitee hearing an invitation."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session, object_session

from ivr.flows import alert_call as flow
from ivr.flows import clock
from ivr.flows.catalogue import DEFAULT
from ivr.services import membership
from ivr.storage import deliveries, recordings
from ivr.storage.models import Alert, Delivery, DeliveryKind, DeliveryState, MemberStatus, utcnow


class UnknownCall(LookupError):
    """The request names no delivery of this kind, or another call's SID."""


def _delivery(session: Session, delivery_id: int | None, call_sid: str, *kinds: str) -> Delivery:
    delivery = session.get(Delivery, delivery_id) if delivery_id is not None else None
    if delivery is None or delivery.kind not in kinds or delivery.channel != "voice":
        raise UnknownCall(delivery_id)
    if delivery.sid and delivery.sid != call_sid:
        raise UnknownCall(call_sid)
    if delivery.sid is None:  # answered before the sender stored the SID
        delivery.sid = call_sid
    return delivery


def _language(delivery: Delivery) -> str:
    """The called member's language (a row of a member since erased: the default)."""
    return delivery.member.language if delivery.member is not None else DEFAULT


def _answered(session: Session, delivery: Delivery, machine: bool) -> None:
    """A machine took the short message, or a person picked up: the delivery moves on."""
    deliveries.advance(session, delivery.id, DeliveryState.MACHINE if machine else DeliveryState.DELIVERED)


def alert_facts(alert: Alert, timezone: str) -> dict:
    """What a call says about an alert."""
    return {
        "group": alert.group.name,
        "category": alert.category,
        "location": alert.location,
        "time": clock.hhmm(alert.created_at, timezone),
        "emergency_called": alert.emergency_called,
        "description": alert.description,
        "recording_url": recordings.latest_url(object_session(alert), alert.id),
    }


def alert_lines(alert: Alert, timezone: str, lang: str) -> list:
    """An alert as speech (for a member who calls in to hear the latest)."""
    return flow.alert_lines(alert_facts(alert, timezone), lang)


def alert_answered(session: Session, delivery_id: int | None, call_sid: str, machine: bool, timezone: str) -> flow.Spoken:
    """Someone (or something) picked up an alert call, or a short call that follows one: 112 is
    now called, or the all-clear."""
    delivery = _delivery(session, delivery_id, call_sid, DeliveryKind.ALERT, DeliveryKind.NOTICE,
                         DeliveryKind.ALL_CLEAR)
    facts, lang = alert_facts(delivery.alert, timezone), _language(delivery)
    _answered(session, delivery, machine)
    if delivery.kind == DeliveryKind.NOTICE:  # a person or a machine: the same one sentence
        return flow.called_112_notice(facts, lang)
    if delivery.kind == DeliveryKind.ALL_CLEAR:  # the same words as the members' SMS
        return flow.all_clear(delivery.body or "", lang)
    return flow.alert_machine(facts, lang) if machine else flow.alert_call(facts, lang=lang)


def alert_key(
    session: Session, delivery_id: int | None, call_sid: str, digits: str, round: int, repeats: int, timezone: str
) -> flow.Spoken:
    """A key (or silence) in an alert call; 1 confirms the delivery."""
    delivery = _delivery(session, delivery_id, call_sid, DeliveryKind.ALERT)
    spoken, confirmed = flow.alert_key(alert_facts(delivery.alert, timezone), digits, round, repeats,
                                       _language(delivery))
    if confirmed:
        deliveries.advance(session, delivery.id, DeliveryState.CONFIRMED)
    return spoken


def invite_answered(session: Session, delivery_id: int | None, call_sid: str, machine: bool) -> flow.Spoken:
    """Someone (or something) picked up an invitation call."""
    delivery = _delivery(session, delivery_id, call_sid, DeliveryKind.VOICE_INVITATION)
    group, lang = delivery.member.group.name, _language(delivery)
    _answered(session, delivery, machine)
    return flow.invite_machine(group, lang) if machine else flow.invite_call(group, lang=lang)


def invite_key(session: Session, delivery_id: int | None, call_sid: str, digits: str, round: int) -> flow.Spoken:
    """1 joins (consent stored as for an SMS JA), 2 declines."""
    delivery = _delivery(session, delivery_id, call_sid, DeliveryKind.VOICE_INVITATION)
    member = delivery.member
    spoken, answer = flow.invite_key(member.group.name, digits, round, member.language)
    if answer == "joined" and member.status == MemberStatus.INVITED:
        membership.accept(session, [member])
        deliveries.advance(session, delivery.id, DeliveryState.CONFIRMED)
    elif answer == "declined":
        membership.decline(session, [member])
    return spoken


def not_taken(session: Session, call_sid: str, status: str, retries: int, spacing_seconds: float) -> str | None:
    """A placed call nobody took (busy, no answer): placed again a little later, then failed.

    Returns "retry" or "failed", or None when the call needs nothing (it was answered).
    """
    delivery = deliveries.sent_call(session, call_sid)
    if delivery is None:
        return None
    why = f"call {status}"
    if delivery.attempts <= retries:
        at = utcnow() + timedelta(seconds=spacing_seconds)
        return "retry" if deliveries.requeue_call(session, call_sid, at, why) else None
    return "failed" if deliveries.fail_call(session, call_sid, why) else None
