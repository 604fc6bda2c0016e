"""Groups and their members."""
from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ivr import phones
from ivr.storage.models import Group, Member, MemberStatus, utcnow


class NotFound(LookupError):
    """No group or member by that name, id or number."""


class AlreadyExists(ValueError):
    """The group or membership exists already."""


def find_group(session: Session, name_or_id: str) -> Group:
    """Return the group with this id or (case-insensitive) name."""
    group = None
    if str(name_or_id).isdigit():
        group = session.get(Group, int(name_or_id))
    if group is None:
        group = session.scalar(
            select(Group).where(func.lower(Group.name) == str(name_or_id).strip().lower())
        )
    if group is None:
        raise NotFound(f"no group {name_or_id!r}")
    return group


def create_group(session: Session, name: str, area: str | None = None) -> Group:
    """Add a group with a unique name."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("a group needs a name")
    if session.scalar(select(Group.id).where(func.lower(Group.name) == name.lower())):
        raise AlreadyExists(f"group {name!r} exists already")
    group = Group(name=name, area=area)
    session.add(group)
    session.flush()
    return group


def add_member(
    session: Session,
    group: Group,
    raw_phone: str,
    *,
    name: str | None = None,
    street: str | None = None,
    is_admin: bool = False,
    voice: bool = False,
) -> Member:
    """Add an active member; the operator adding them vouches for their consent.

    Landlines get alerts as phone calls; so does a mobile member with `voice`.
    """
    phone = phones.normalise(raw_phone)
    existing = session.scalar(
        select(Member).where(Member.group_id == group.id, Member.phone == phone)
    )
    if existing is not None:
        raise AlreadyExists(f"{phone} is already a member of {group.name}")
    member = Member(
        group=group,
        phone=phone,
        name=(name or "").strip() or None,
        street=(street or "").strip() or None,
        is_admin=is_admin,
        status=MemberStatus.ACTIVE,
        number_kind=phones.kind(phone),
        channel=channel_for(phone, voice),
        consent_at=utcnow(),
    )
    session.add(member)
    session.flush()
    return member


def active_memberships(session: Session, phone: str) -> list[Member]:
    """Return the caller's active memberships, oldest group first."""
    return list(
        session.scalars(
            select(Member)
            .join(Group)
            .where(Member.phone == phone, Member.status == MemberStatus.ACTIVE)
            .order_by(Group.id)
        )
    )


def channel_for(phone: str, voice: bool = False) -> str:
    """A member's alert channel: a phone call for landlines (and on request), else SMS."""
    return "voice" if voice or phones.kind(phone) is not phones.NumberKind.MOBILE else "sms"


def alert_recipients_query(group_id: int, reporter_id: int | None, channel: str = "sms") -> Select:
    """The members an alert goes to on `channel`: active, reachable that way, not the reporter."""
    query = select(Member.id, Member.phone, Member.name).where(
        Member.group_id == group_id,
        Member.status == MemberStatus.ACTIVE,
        Member.channel == channel,
    )
    if channel == "sms":
        query = query.where(
            Member.number_kind == phones.NumberKind.MOBILE, Member.sms_error.is_(None)
        )
    if reporter_id is not None:
        query = query.where(Member.id != reporter_id)
    return query.order_by(Member.id)
