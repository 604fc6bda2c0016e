"""The calls the line places: a member hearing an alert, an invitee hearing an invitation."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, object_session

from ivr.flows import alert_call as flow
from ivr.storage import deliveries, recordings
from ivr.storage.models import Alert, Delivery, DeliveryKind, DeliveryState, MemberStatus, utcnow


class UnknownCall(LookupError):
    """The request names no delivery of this kind, or another call's SID."""


def _delivery(db: Session, delivery_id: str, call_sid: str, kinds: tuple[str, ...]) -> Delivery:
    delivery = db.get(Delivery, int(delivery_id)) if str(delivery_id).isdigit() else None
    if delivery is None or delivery.kind not in kinds or delivery.channel != "voice":
        raise UnknownCall(delivery_id)
    if delivery.sid and delivery.sid != call_sid:
        raise UnknownCall(call_sid)
    if delivery.sid is None:  # answered before the sender stored the SID
        delivery.sid = call_sid
    return delivery


def alert_facts(alert: Alert, timezone: str) -> dict:
    """What the call says about an alert."""
    return {
        "group": alert.group.name,
        "category": alert.category,
        "location": alert.location,
        "time": alert.created_at.astimezone(ZoneInfo(timezone)).strftime("%H:%M"),
        "emergency_called": alert.emergency_called,
        "description": alert.description,
        "recording_url": recordings.latest_url(object_session(alert), alert.id),
    }


def alert_answered(db: Session, delivery_id: str, call_sid: str, answered_by: str | None, timezone: str) -> flow.Spoken:
    """Someone (or something) picked up an alert call."""
    delivery = _delivery(db, delivery_id, call_sid, (DeliveryKind.ALERT,))
    facts = alert_facts(delivery.alert, timezone)
    if flow.machine_answered(answered_by):
        deliveries.advance(db, delivery.id, DeliveryState.MACHINE)
        return flow.alert_machine(facts)
    deliveries.advance(db, delivery.id, DeliveryState.DELIVERED)
    return flow.alert_call(facts)


def alert_key(db: Session, delivery_id: str, call_sid: str, digits: str, round: int, repeats: int, timezone: str) -> flow.Spoken:
    """A key (or silence) in an alert call; 1 confirms the delivery."""
    delivery = _delivery(db, delivery_id, call_sid, (DeliveryKind.ALERT,))
    spoken, confirmed = flow.alert_key(alert_facts(delivery.alert, timezone), digits, round, repeats)
    if confirmed:
        deliveries.advance(db, delivery.id, DeliveryState.CONFIRMED)
    return spoken


def invite_answered(db: Session, delivery_id: str, call_sid: str, answered_by: str | None) -> flow.Spoken:
    delivery = _delivery(db, delivery_id, call_sid, (DeliveryKind.VOICE_INVITATION,))
    group = delivery.member.group.name
    if flow.machine_answered(answered_by):
        deliveries.advance(db, delivery.id, DeliveryState.MACHINE)
        return flow.invite_machine(group)
    deliveries.advance(db, delivery.id, DeliveryState.DELIVERED)
    return flow.invite_call(group)


def invite_key(db: Session, delivery_id: str, call_sid: str, digits: str, round: int) -> flow.Spoken:
    """1 joins (consent stored as for an SMS JA), 2 declines."""
    delivery = _delivery(db, delivery_id, call_sid, (DeliveryKind.VOICE_INVITATION,))
    member = delivery.member
    spoken, answer = flow.invite_key(member.group.name, digits, round)
    if member.status == MemberStatus.INVITED and answer == "joined":
        member.status, member.consent_at = MemberStatus.ACTIVE, utcnow()
        deliveries.advance(db, delivery.id, DeliveryState.CONFIRMED)
    elif member.status == MemberStatus.INVITED and answer == "declined":
        member.status, member.removed_at = MemberStatus.INACTIVE, utcnow()
    return spoken
