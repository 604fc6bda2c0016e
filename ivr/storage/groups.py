"""Groups, and their requests for street signs."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ivr.storage.models import Group, Member, SignRequest


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


def name_taken(session: Session, name: str) -> bool:
    """True when a group has this name, whatever its case."""
    return session.scalar(select(Group.id).where(func.lower(Group.name) == name.lower())) is not None


def add_group(session: Session, name: str, area: str | None = None) -> Group:
    """Store a group (flushed, so it has an id)."""
    group = Group(name=name, area=area)
    session.add(group)
    session.flush()
    return group


def all_groups(session: Session) -> list[Group]:
    """Every group, by id."""
    return list(session.scalars(select(Group).order_by(Group.id)))


def member_count(session: Session, group_id: int) -> int:
    """How many memberships the group has, in any state."""
    return session.scalar(select(func.count(Member.id)).where(Member.group_id == group_id))


def add_sign_request(session: Session, group_id: int, member: Member, street: str) -> None:
    """Keep a group's request for a street sign, for the municipality."""
    session.add(SignRequest(group_id=group_id, requested_by=member.id, street=street))
