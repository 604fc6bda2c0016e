"""Alerts: stored with a queued delivery per recipient, looked up, counted."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import String, case, false, func, insert, literal, null, select, update
from sqlalchemy.orm import Session

from ivr.storage import deliveries, members
from ivr.storage.groups import NotFound
from ivr.storage.models import (
    DEFAULT_LANGUAGE,
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
    session: Session, report: Report, sms_body: deliveries.Texts, now: datetime
) -> tuple[Alert, int]:
    """Store the alert and a queued delivery per recipient (flushed); return it and the count.

    The alert keeps the SMS in the default language; a member who reads another gets theirs
    on their own row (`sms_body` may hold one text per language).
    """
    group = session.get(Group, report.group_id)
    if group is None:
        raise NotFound(f"no group {report.group_id}")
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
        sms_body=deliveries.in_language(sms_body, DEFAULT_LANGUAGE),
    )
    session.add(alert)
    session.flush()
    # One INSERT ... SELECT per channel inside the database: the confirming webhook costs the
    # same in Python for ten members or ten thousand.
    created = 0
    for channel in ("sms", "voice"):
        recipients = members.alert_recipients_query(group.id, report.reporter_id, channel)
        created += session.execute(
            insert(Delivery).from_select(
                ["alert_id", "member_id", "to_phone", "channel", "kind", "body", "state", "verify",
                 "attempts", "created_at", "updated_at"],
                select(
                    literal(alert.id), Member.id, Member.phone, literal(channel),
                    literal(DeliveryKind.ALERT.value), _own_language_body(sms_body, channel),
                    literal(DeliveryState.QUEUED.value),
                    false(), literal(0), literal(now, UTCDateTime), literal(now, UTCDateTime),
                ).where(Member.id.in_(recipients.with_only_columns(Member.id).scalar_subquery())),
            )
        ).rowcount
    deliveries.note_queued(session, alert.id)
    return alert, created


def _own_language_body(sms_body: deliveries.Texts, channel: str):
    """A row's own SMS text: NULL (the alert's) unless the member reads another language."""
    others = {} if isinstance(sms_body, str) or channel != "sms" else {
        lang: text for lang, text in sms_body.items() if lang != DEFAULT_LANGUAGE
    }
    if not others:
        return null()
    return case({lang: literal(text, String) for lang, text in others.items()},
                value=Member.language, else_=null())


def delivery_counts(session: Session, alert_ids: list[int]) -> dict[int, dict[str, dict[str, int]]]:
    """Count each alert's own deliveries (not notices) by channel and state.

    A message that waited at the provider past its validity counts as "expired", not "failed";
    a call not placed in the night hours at the member's own request (NACHT UIT), as "night".
    """
    counts: dict[int, dict[str, dict[str, int]]] = {alert_id: {} for alert_id in alert_ids}
    state = case(
        (Delivery.failure == "expired", literal("expired")),
        (Delivery.failure == "night", literal("night")),
        else_=Delivery.state,
    )
    rows = session.execute(
        select(Delivery.alert_id, Delivery.channel, state, func.count())
        .where(Delivery.alert_id.in_(alert_ids), Delivery.kind == DeliveryKind.ALERT)
        .group_by(Delivery.alert_id, Delivery.channel, state)
    )
    for alert_id, channel, state, count in rows:
        counts[alert_id].setdefault(channel, {})[state] = count
    return counts


def recent_alerts(session: Session, limit: int = 20) -> list[Alert]:
    """Return the newest alerts first."""
    return list(session.scalars(select(Alert).order_by(Alert.id.desc()).limit(limit)))


def alerts_since(
    session: Session, since: datetime, *, member_id: int | None = None, group_id: int | None = None
) -> int:
    """How many alerts a member reported, or a group had, since `since`."""
    query = select(func.count(Alert.id)).where(Alert.created_at >= since)
    if member_id is not None:
        query = query.where(Alert.reporter_id == member_id)
    if group_id is not None:
        query = query.where(Alert.group_id == group_id)
    return session.scalar(query)


def latest_alert(session: Session, group_ids: list[int], within: timedelta | None = None) -> Alert | None:
    """The newest alert of these groups (no older than `within`, when given)."""
    query = select(Alert).where(Alert.group_id.in_(group_ids))
    if within is not None:
        query = query.where(Alert.created_at >= utcnow() - within)
    return session.scalar(query.order_by(Alert.created_at.desc(), Alert.id.desc()).limit(1))


def alerts_within(session: Session, group_ids: list[int], within: timedelta) -> list[Alert]:
    """The alerts of these groups no older than `within`, newest first."""
    return list(session.scalars(
        select(Alert).where(Alert.group_id.in_(group_ids), Alert.created_at >= utcnow() - within)
        .order_by(Alert.created_at.desc(), Alert.id.desc())
    ))


def alert_by_id(session: Session, alert_id: int) -> Alert | None:
    """One alert, by its id."""
    return session.get(Alert, alert_id)


def mark_112_called(session: Session, alert_id: int, member_id: int) -> bool:
    """Record that 112 was called for an alert; False when it already said so."""
    return bool(
        session.execute(
            update(Alert)
            .where(Alert.id == alert_id, Alert.emergency_called != "yes")
            .values(emergency_called="yes", emergency_called_by=member_id, emergency_called_at=utcnow())
        ).rowcount
    )


def close_alert(session: Session, alert_id: int, member_id: int) -> bool:
    """Record the all-clear of an alert; False when it was closed already (once, however often)."""
    return bool(
        session.execute(
            update(Alert)
            .where(Alert.id == alert_id, Alert.closed_at.is_(None))
            .values(closed_at=utcnow(), closed_by=member_id)
        ).rowcount
    )


def alerts_reported(session: Session, member_ids: list[int]) -> int:
    """How many alerts these memberships reported."""
    return session.scalar(select(func.count(Alert.id)).where(Alert.reporter_id.in_(member_ids)))
