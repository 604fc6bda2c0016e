"""Alerts and their deliveries."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, func, insert, literal, select
from sqlalchemy.orm import Session

from ivr.flows import alert_text
from ivr.storage import groups
from ivr.storage.models import (
    Alert,
    AlertStatus,
    Delivery,
    DeliveryKind,
    DeliveryState,
    Group,
    Member,
    UTCDateTime,
    utcnow,
)


@dataclass(frozen=True)
class Report:
    """What a reporter told the line, ready to become an alert."""

    group_id: int
    reporter_id: int | None
    channel: str
    category: str
    location: str
    description: str
    emergency_called: str


def create_alert(
    session: Session, report: Report, timezone: str = "Europe/Amsterdam"
) -> tuple[Alert, int]:
    """Store the alert and a queued delivery per recipient (flushed); return it and the count."""
    group = session.get(Group, report.group_id)
    if group is None:
        raise groups.NotFound(f"no group {report.group_id}")
    now = utcnow()
    alert = Alert(
        group_id=group.id,
        reporter_id=report.reporter_id,
        channel=report.channel,
        category=report.category,
        location=report.location,
        description=report.description,
        emergency_called=report.emergency_called,
        status=AlertStatus.SENDING,
        created_at=now,
        sms_body=alert_text.compose(
            group=group.name,
            created_at=now,
            category=report.category,
            location=report.location,
            emergency_called=report.emergency_called,
            description=report.description,
            timezone=timezone,
        ),
    )
    session.add(alert)
    session.flush()
    # One INSERT ... SELECT per channel inside the database: the confirming webhook costs the
    # same in Python for ten members or ten thousand.
    created = 0
    for channel in ("sms", "voice"):
        recipients = groups.alert_recipients_query(group.id, report.reporter_id, channel)
        created += session.execute(
            insert(Delivery).from_select(
                ["alert_id", "member_id", "to_phone", "channel", "kind", "state", "verify",
                 "attempts", "created_at", "updated_at"],
                select(
                    literal(alert.id), Member.id, Member.phone, literal(channel),
                    literal(DeliveryKind.ALERT.value), literal(DeliveryState.QUEUED.value),
                    false(), literal(0), literal(now, UTCDateTime), literal(now, UTCDateTime),
                ).where(Member.id.in_(recipients.with_only_columns(Member.id).scalar_subquery())),
            )
        ).rowcount
    return alert, created


def delivery_counts(session: Session, alert_ids: list[int]) -> dict[int, dict[str, dict[str, int]]]:
    """Count each alert's own deliveries (not notices) by channel and state."""
    counts: dict[int, dict[str, dict[str, int]]] = {alert_id: {} for alert_id in alert_ids}
    rows = session.execute(
        select(Delivery.alert_id, Delivery.channel, Delivery.state, func.count())
        .where(Delivery.alert_id.in_(alert_ids), Delivery.kind == DeliveryKind.ALERT)
        .group_by(Delivery.alert_id, Delivery.channel, Delivery.state)
    )
    for alert_id, channel, state, count in rows:
        counts[alert_id].setdefault(channel, {})[state] = count
    return counts


def recent_alerts(session: Session, limit: int = 20) -> list[Alert]:
    """Return the newest alerts first."""
    return list(session.scalars(select(Alert).order_by(Alert.id.desc()).limit(limit)))
