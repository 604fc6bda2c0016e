"""Alerts and their deliveries."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ivr.flows import alert_text
from ivr.storage import groups
from ivr.storage.models import Alert, AlertStatus, Delivery, DeliveryState, Group, utcnow


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
    recipients = groups.alert_recipients(session, group.id, report.reporter_id)
    if recipients:
        # One multi-row INSERT: the webhook stays fast whatever the group's size.
        session.execute(
            insert(Delivery),
            [
                {
                    "alert_id": alert.id,
                    "member_id": m.id,
                    "to_phone": m.phone,
                    "channel": "sms",
                    "state": DeliveryState.QUEUED,
                    "created_at": now,
                    "updated_at": now,
                }
                for m in recipients
            ],
        )
    return alert, len(recipients)


def delivery_counts(session: Session, alert_ids: list[int]) -> dict[int, dict[str, int]]:
    """Count each alert's deliveries by state."""
    counts: dict[int, dict[str, int]] = {alert_id: {} for alert_id in alert_ids}
    rows = session.execute(
        select(Delivery.alert_id, Delivery.state, func.count())
        .where(Delivery.alert_id.in_(alert_ids))
        .group_by(Delivery.alert_id, Delivery.state)
    )
    for alert_id, state, count in rows:
        counts[alert_id][state] = count
    return counts


def recent_alerts(session: Session, limit: int = 20) -> list[Alert]:
    """Return the newest alerts first."""
    return list(session.scalars(select(Alert).order_by(Alert.id.desc()).limit(limit)))
