"""Members of groups: who has which membership, who the admins are, who an alert reaches."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from ivr.flows.phones import NumberKind
from ivr.storage.models import Group, Member, MemberStatus


def memberships(
    session: Session, phone: str, statuses: tuple[str, ...], invited_since: datetime | None = None
) -> list[Member]:
    """The phone's memberships in these states, oldest group first.

    With `invited_since`, an invitation sent before then has lapsed and is left out.
    """
    query = select(Member).where(Member.phone == phone, Member.status.in_(statuses))
    if MemberStatus.INVITED in statuses and invited_since is not None:
        query = query.where(
            (Member.status != MemberStatus.INVITED) | (Member.invited_at >= invited_since)
        )
    return list(session.scalars(query.order_by(Member.group_id)))


def active_memberships(session: Session, phone: str) -> list[Member]:
    """The phone's active memberships, oldest group first."""
    return list(
        session.scalars(
            select(Member)
            .join(Group)
            .where(Member.phone == phone, Member.status == MemberStatus.ACTIVE)
            .order_by(Group.id)
        )
    )


def language_of(session: Session, phone: str) -> str | None:
    """The language the number reads in its newest membership, if it has one."""
    return session.scalar(
        select(Member.language).where(Member.phone == phone).order_by(Member.id.desc()).limit(1)
    )


def member_in_group(session: Session, group_id: int, phone: str) -> Member | None:
    """The group's membership of this phone, in any state."""
    return session.scalar(select(Member).where(Member.group_id == group_id, Member.phone == phone))


def in_group(session: Session, group_id: int) -> list[Member]:
    """Every membership of the group: admins first, then by state and name."""
    state_order = case(
        {MemberStatus.ACTIVE: 0, MemberStatus.INVITED: 1, MemberStatus.OPTED_OUT: 2}, value=Member.status, else_=3
    )
    return list(session.scalars(
        select(Member).where(Member.group_id == group_id)
        .order_by(state_order, Member.is_admin.desc(), Member.name, Member.phone)
    ))


def admins(session: Session, group_id: int) -> list[Member]:
    """The group's active admins."""
    return list(
        session.scalars(
            select(Member).where(
                Member.group_id == group_id,
                Member.is_admin.is_(True),
                Member.status == MemberStatus.ACTIVE,
            ).order_by(Member.id)
        )
    )


def member_counts(session: Session, group_id: int) -> dict[str, int]:
    """How many of the group's members are in each state."""
    rows = session.execute(
        select(Member.status, func.count()).where(Member.group_id == group_id).group_by(Member.status)
    )
    return {status: count for status, count in rows}


def active_names(session: Session, group_id: int) -> list[str | None]:
    """The names of the group's active members, sorted (None for a member without one)."""
    return list(
        session.scalars(
            select(Member.name)
            .where(Member.group_id == group_id, Member.status == MemberStatus.ACTIVE)
            .order_by(Member.name)
        )
    )


def alert_recipients_query(group_id: int, reporter_id: int | None, channel: str = "sms") -> Select:
    """The members an alert goes to on `channel`: active, reachable that way, not the reporter."""
    query = select(Member.id, Member.phone, Member.name).where(
        Member.group_id == group_id,
        Member.status == MemberStatus.ACTIVE,
        Member.channel == channel,
    )
    if channel == "sms":
        query = query.where(Member.number_kind == NumberKind.MOBILE, Member.sms_error.is_(None))
    if reporter_id is not None:
        query = query.where(Member.id != reporter_id)
    return query.order_by(Member.id)


def groups_with_landlines(session: Session, group_ids: list[int]) -> set[int]:
    """The groups among `group_ids` with an active member who gets alerts by phone call."""
    if not group_ids:
        return set()
    return set(session.scalars(
        select(Member.group_id).where(
            Member.group_id.in_(group_ids), Member.channel == "voice", Member.status == "active"
        ).distinct()
    ))
