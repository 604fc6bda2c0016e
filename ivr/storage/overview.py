"""Read-only queries for the coordinators' figures: no phone numbers, no alert texts."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ivr.storage.models import (
    Alert,
    Delivery,
    DeliveryKind,
    Group,
    Member,
    MemberStatus,
    SignRequest,
)


def groups_by_name(session: Session) -> list[Group]:
    """Every group, by name."""
    return list(session.scalars(select(Group).options(selectinload(Group.postcodes)).order_by(Group.name)))


def member_rows(session: Session, group_id: int) -> list[Any]:
    """(status, channel, is_admin) of each membership of a group."""
    return list(
        session.execute(
            select(Member.status, Member.channel, Member.is_admin).where(Member.group_id == group_id)
        ).all()
    )


def group_alerts(session: Session, group_id: int, since: datetime | None) -> list[Alert]:
    """A group's alerts, oldest first (from `since` on, when given)."""
    query = select(Alert).where(Alert.group_id == group_id)
    if since is not None:
        query = query.where(Alert.created_at >= since)
    return list(session.scalars(query.order_by(Alert.created_at)))


def alert_delivery_rows(session: Session, alert_ids: list[int]) -> list[Any]:
    """(alert_id, state, sent_at, alert created_at) of these alerts' own deliveries."""
    return list(
        session.execute(
            select(Delivery.alert_id, Delivery.state, Delivery.sent_at, Alert.created_at)
            .join(Alert, Alert.id == Delivery.alert_id)
            .where(Delivery.alert_id.in_(alert_ids), Delivery.kind == DeliveryKind.ALERT)
        ).all()
    )


def open_sign_count(session: Session, group_id: int) -> int:
    """How many of a group's sign requests are open."""
    return session.scalar(
        select(func.count(SignRequest.id)).where(
            SignRequest.group_id == group_id, SignRequest.status == "open"
        )
    )


def open_signs(session: Session) -> list[Any]:
    """(group name, street, created_at) of every open sign request, oldest first."""
    return list(
        session.execute(
            select(Group.name, SignRequest.street, SignRequest.created_at)
            .join(Group, Group.id == SignRequest.group_id)
            .where(SignRequest.status == "open")
            .order_by(SignRequest.created_at)
        ).all()
    )


def active_count(session: Session, group_id: int) -> int:
    """How many active members a group has."""
    return session.scalar(
        select(func.count(Member.id)).where(Member.group_id == group_id, Member.status == MemberStatus.ACTIVE)
    )


def alert_times(session: Session, since: datetime) -> list[datetime]:
    """When each alert since `since` was made."""
    return list(session.scalars(select(Alert.created_at).where(Alert.created_at >= since)))
