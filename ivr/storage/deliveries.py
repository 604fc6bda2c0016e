"""Delivery rows: the truth about who has been sent what."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ivr.storage.models import Alert, AlertStatus, Delivery, DeliveryState, utcnow

# How far along a state is; a status callback never moves a delivery backwards.
RANK = {
    DeliveryState.QUEUED: 0,
    DeliveryState.SENDING: 1,
    DeliveryState.SENT: 2,
    DeliveryState.DELIVERED: 3,
    DeliveryState.UNDELIVERED: 3,
    DeliveryState.FAILED: 3,
}
# Twilio's MessageStatus values we record; the others (accepted, queued, ...) say nothing new.
TWILIO_STATUS = {
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "undelivered": DeliveryState.UNDELIVERED,
    "failed": DeliveryState.FAILED,
}


def queued_ids(session: Session, alert_id: int) -> list[int]:
    """Return the alert's deliveries that still wait to be sent."""
    return list(
        session.scalars(
            select(Delivery.id)
            .where(Delivery.alert_id == alert_id, Delivery.state == DeliveryState.QUEUED)
            .order_by(Delivery.id)
        )
    )


def alerts_with_queued(session: Session) -> list[int]:
    """Return the alerts that have deliveries waiting (for example after a restart)."""
    return list(
        session.scalars(
            select(Delivery.alert_id).where(Delivery.state == DeliveryState.QUEUED).distinct()
        )
    )


def claim(session: Session, delivery_id: int) -> Delivery | None:
    """Take a queued delivery for sending; None when another worker has it already."""
    claimed = session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state == DeliveryState.QUEUED)
        .values(state=DeliveryState.SENDING, attempts=Delivery.attempts + 1, updated_at=utcnow())
    ).rowcount
    return session.get(Delivery, delivery_id) if claimed == 1 else None


def record_sent(session: Session, delivery_id: int, sid: str) -> None:
    """Store the SID Twilio gave a delivery we handed over."""
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state == DeliveryState.SENDING)
        .values(state=DeliveryState.SENT, sid=sid, sent_at=utcnow(), updated_at=utcnow())
    )


def record_failed(session: Session, delivery_id: int, code: int | None, message: str) -> None:
    """Mark a delivery Twilio refused as failed, with its error."""
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(
            state=DeliveryState.FAILED,
            error_code=code,
            error_message=message[:500],
            updated_at=utcnow(),
        )
    )


def apply_status(session: Session, sid: str, status: str, error_code: int | None) -> bool:
    """Apply a status callback; return False when it is unknown or would move backwards."""
    state = TWILIO_STATUS.get(status)
    delivery = session.scalar(select(Delivery).where(Delivery.sid == sid).with_for_update())
    if state is None or delivery is None:
        return False
    if RANK[state] <= RANK[DeliveryState(delivery.state)]:
        return False
    delivery.state = state
    if error_code is not None:
        delivery.error_code = error_code
    return True


def finish_alert(session: Session, alert_id: int) -> None:
    """Mark the alert sent once none of its deliveries waits or is being handed over."""
    busy = session.scalar(
        select(Delivery.id)
        .where(
            Delivery.alert_id == alert_id,
            Delivery.state.in_([DeliveryState.QUEUED, DeliveryState.SENDING]),
        )
        .limit(1)
    )
    if busy is None:
        session.execute(
            update(Alert).where(Alert.id == alert_id).values(status=AlertStatus.SENT)
        )
