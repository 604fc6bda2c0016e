"""Read-only queries for the coordinators' figures: no phone numbers, no alert texts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ivr.flows.postcodes import Postcode
from ivr.storage.models import (
    Alert,
    Delivery,
    DeliveryKind,
    Group,
    GroupPostcode,
    Member,
    MemberStatus,
    SignRequest,
)


@dataclass(frozen=True)
class GroupRow:
    """A group as the figures need it: plain values, no ORM object to build for each of 10,000."""

    id: int
    name: str
    created_at: datetime
    area: list[Postcode]


def groups_by_name(session: Session) -> list[GroupRow]:
    """Every group with its area, by name, in two plain queries."""
    areas: dict[int, list[Postcode]] = {}
    for group_id, pc4, letters in session.execute(
        select(GroupPostcode.group_id, GroupPostcode.pc4, GroupPostcode.letters)
        .order_by(GroupPostcode.pc4, GroupPostcode.letters)
    ):
        areas.setdefault(group_id, []).append(Postcode(pc4, letters))
    rows = session.execute(select(Group.id, Group.name, Group.created_at).order_by(Group.name))
    return [GroupRow(group_id, name, created, areas.get(group_id, [])) for group_id, name, created in rows]


def member_tallies(session: Session) -> dict[int, dict[str, int]]:
    """Per group: active, invited, opted_out, and of the active ones admins, voice and sms.

    One grouped query for every group: the page costs the same for 10 groups or 10,000.
    """
    rows = session.execute(
        select(Member.group_id, Member.status, Member.channel, Member.is_admin, func.count())
        .group_by(Member.group_id, Member.status, Member.channel, Member.is_admin)
    ).all()
    tallies: dict[int, dict[str, int]] = {}
    for group_id, status, channel, is_admin, count in rows:
        tally = tallies.setdefault(group_id, {})
        tally[status] = tally.get(status, 0) + count
        if status == MemberStatus.ACTIVE:
            tally[channel] = tally.get(channel, 0) + count
            if is_admin:
                tally["admins"] = tally.get("admins", 0) + count
    return tallies


def alert_rows(session: Session, since: datetime | None) -> list[Any]:
    """(id, group_id, created_at, emergency_called) of every alert (from `since` on), oldest first."""
    query = select(Alert.id, Alert.group_id, Alert.created_at, Alert.emergency_called)
    if since is not None:
        query = query.where(Alert.created_at >= since)
    return list(session.execute(query.order_by(Alert.created_at)).all())


def delivery_figures(session: Session, since: datetime | None, reached: tuple, failed: tuple) -> list[Any]:
    """Per alert (from `since` on): (alert_id, group_id, created_at, last handover of a reached
    delivery, failed deliveries, deliveries), of the alerts' own deliveries."""
    query = (
        select(
            Alert.id, Alert.group_id, Alert.created_at,
            func.max(case((Delivery.state.in_(reached), Delivery.sent_at))),
            func.sum(case((Delivery.state.in_(failed), 1), else_=0)),
            func.count(Delivery.id),
        )
        .join(Delivery, Delivery.alert_id == Alert.id)
        .where(Delivery.kind == DeliveryKind.ALERT)
        .group_by(Alert.id, Alert.group_id, Alert.created_at)
    )
    if since is not None:
        query = query.where(Alert.created_at >= since)
    return list(session.execute(query).all())


def open_sign_counts(session: Session) -> dict[int, int]:
    """Per group, how many of its sign requests are open."""
    return dict(session.execute(
        select(SignRequest.group_id, func.count()).where(SignRequest.status == "open").group_by(SignRequest.group_id)
    ).all())


def admins_by_group(session: Session) -> dict[int, list[Any]]:
    """Per group, its active admins' (name, phone), longest-standing first."""
    found: dict[int, list[Any]] = {}
    for group_id, name, phone in session.execute(
        select(Member.group_id, Member.name, Member.phone)
        .where(Member.is_admin.is_(True), Member.status == MemberStatus.ACTIVE).order_by(Member.id)
    ):
        found.setdefault(group_id, []).append((name, phone))
    return found


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


def alert_times(session: Session, since: datetime) -> list[datetime]:
    """When each alert since `since` was made."""
    return list(session.scalars(select(Alert.created_at).where(Alert.created_at >= since)))
