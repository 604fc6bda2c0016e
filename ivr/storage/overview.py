"""Read-only queries for the coordinators' figures: no phone numbers, no alert texts."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, case, false, func, or_, select, true
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


def groups_by_name(session: Session, ids: Sequence[int] | None = None) -> list[GroupRow]:
    """Every group (or those of `ids`) with its area, by name, in two plain queries."""
    areas: dict[int, list[Postcode]] = {}
    area_query = select(GroupPostcode.group_id, GroupPostcode.pc4, GroupPostcode.letters)
    group_query = select(Group.id, Group.name, Group.created_at)
    if ids is not None:
        area_query = area_query.where(GroupPostcode.group_id.in_(ids))
        group_query = group_query.where(Group.id.in_(ids))
    for group_id, pc4, letters in session.execute(area_query.order_by(GroupPostcode.pc4, GroupPostcode.letters)):
        areas.setdefault(group_id, []).append(Postcode(pc4, letters))
    rows = session.execute(group_query.order_by(Group.name))
    return [GroupRow(group_id, name, created, areas.get(group_id, [])) for group_id, name, created in rows]


Scope = list[tuple[int, int]] | None  # PC4 ranges a coordinator sees; None: every group


def _in_scope(within: Scope):
    """A condition on Group.id: the group's area has a PC4 in one of the ranges (None: any group)."""
    if within is None:
        return true()
    return Group.id.in_(select(GroupPostcode.group_id).where(
        or_(*[GroupPostcode.pc4.between(low, high) for low, high in within]) if within else false()
    ))


def _matching(search: str, within: Scope):
    """The ids of the groups (of a coordinator's area) that match `search`: a part of the
    name, or the start of a postcode ("35", "3511", "3511 AB")."""
    matching = select(Group.id).where(_in_scope(within))
    search = search.strip()
    if not search:
        return matching
    digits = search.replace(" ", "").upper()
    escaped = search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    name_matches = func.lower(Group.name).like(f"%{escaped}%", escape="\\")
    if not digits[:4].isdigit():
        return matching.where(name_matches)
    by_postcode = select(GroupPostcode.group_id).where(func.cast(GroupPostcode.pc4, String).like(f"{digits[:4]}%"))
    if len(digits) > 4:
        by_postcode = by_postcode.where(GroupPostcode.letters.in_(["", digits[4:6]]))
    return matching.where(or_(name_matches, Group.id.in_(by_postcode)))


def count_groups(session: Session, search: str, within: Scope = None) -> int:
    """How many groups (of a coordinator's area) match `search`."""
    return session.scalar(select(func.count()).select_from(_matching(search, within).subquery())) or 0


def page_of_groups(
    session: Session, search: str, by_alerts: bool, offset: int, limit: int, within: Scope = None
) -> list[tuple[int, str]]:
    """One page of (id, name) of the groups that match `search`, by name or by most alerts
    first: the page's figures are then read for those alone."""
    query = _matching(search, within).add_columns(Group.name)
    if by_alerts:
        counts = select(Alert.group_id, func.count().label("n")).group_by(Alert.group_id).subquery()
        query = query.outerjoin(counts, counts.c.group_id == Group.id).order_by(
            func.coalesce(counts.c.n, 0).desc(), Group.name)
    else:
        query = query.order_by(Group.name)
    return [tuple(row) for row in session.execute(query.offset(offset).limit(limit))]


def member_tallies(session: Session, ids: Sequence[int] | None = None) -> dict[int, dict[str, int]]:
    """Per group (every one, or those of `ids`): active, invited, opted_out, and of the active
    ones admins, voice and sms, in one grouped query."""
    query = select(Member.group_id, Member.status, Member.channel, Member.is_admin, func.count())
    if ids is not None:
        query = query.where(Member.group_id.in_(ids))
    rows = session.execute(
        query.group_by(Member.group_id, Member.status, Member.channel, Member.is_admin)
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


def alert_rows(session: Session, since: datetime | None, ids: Sequence[int] | None = None) -> list[Any]:
    """(id, group_id, created_at, emergency_called) of every alert (from `since` on; of the
    groups of `ids`), oldest first."""
    query = select(Alert.id, Alert.group_id, Alert.created_at, Alert.emergency_called)
    if since is not None:
        query = query.where(Alert.created_at >= since)
    if ids is not None:
        query = query.where(Alert.group_id.in_(ids))
    return list(session.execute(query.order_by(Alert.created_at)).all())


def delivery_figures(
    session: Session, since: datetime | None, reached: tuple, failed: tuple, ids: Sequence[int] | None = None
) -> list[Any]:
    """Per alert (from `since` on; of the groups of `ids`): (alert_id, group_id, created_at,
    last handover of a reached delivery, failed deliveries, deliveries), of its own deliveries."""
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
    if ids is not None:
        query = query.where(Alert.group_id.in_(ids))
    return list(session.execute(query).all())


def open_sign_counts(session: Session, ids: Sequence[int] | None = None) -> dict[int, int]:
    """Per group (every one, or those of `ids`), how many of its sign requests are open."""
    query = select(SignRequest.group_id, func.count()).where(SignRequest.status == "open")
    if ids is not None:
        query = query.where(SignRequest.group_id.in_(ids))
    return dict(session.execute(query.group_by(SignRequest.group_id)).all())


def admins_by_group(session: Session) -> dict[int, list[Any]]:
    """Per group, its active admins' (name, phone), longest-standing first."""
    found: dict[int, list[Any]] = {}
    for group_id, name, phone in session.execute(
        select(Member.group_id, Member.name, Member.phone)
        .where(Member.is_admin.is_(True), Member.status == MemberStatus.ACTIVE).order_by(Member.id)
    ):
        found.setdefault(group_id, []).append((name, phone))
    return found


def open_signs(session: Session, within: Scope = None) -> list[Any]:
    """(group name, street, created_at) of every open sign request (of the groups in
    `within`), oldest first."""
    return list(
        session.execute(
            select(Group.name, SignRequest.street, SignRequest.created_at)
            .join(Group, Group.id == SignRequest.group_id)
            .where(SignRequest.status == "open", _in_scope(within))
            .order_by(SignRequest.created_at)
        ).all()
    )


def alert_times(session: Session, since: datetime, within: Scope = None) -> list[datetime]:
    """When each alert (of the groups in `within`) since `since` was made."""
    query = select(Alert.created_at).where(Alert.created_at >= since)
    if within is not None:
        query = query.join(Group, Group.id == Alert.group_id).where(_in_scope(within))
    return list(session.scalars(query))


def group_ids(session: Session, within: Scope) -> list[int] | None:
    """The ids of the groups in `within` (None: every group, not listed)."""
    if within is None:
        return None
    return list(session.scalars(select(Group.id).where(_in_scope(within))))
