"""Groups, and their requests for street signs."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from ivr.flows.postcodes import Postcode
from ivr.storage.models import Group, GroupPostcode, Member, SignRequest


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


def add_group(session: Session, name: str, area: Iterable[Postcode] = ()) -> Group:
    """Store a group (flushed, so it has an id), with its area's postcodes."""
    group = Group(name=name)
    session.add(group)
    session.flush()
    set_area(session, group, area)
    return group


def set_area(session: Session, group: Group, area: Iterable[Postcode]) -> None:
    """Replace the group's area with these postcodes (none: no area)."""
    group.postcodes.clear()
    session.flush()  # the old rows go before new ones take their (group, postcode) keys
    group.postcodes.extend(GroupPostcode(pc4=code.pc4, letters=code.letters) for code in sorted(set(area)))
    session.flush()


def area(group: Group) -> list[Postcode]:
    """The group's area as postcodes, in order."""
    return [Postcode(row.pc4, row.letters) for row in group.postcodes]


def all_groups(session: Session) -> list[Group]:
    """Every group, by id."""
    return list(session.scalars(select(Group).order_by(Group.id)))


def member_count(session: Session, group_id: int) -> int:
    """How many memberships the group has, in any state."""
    return session.scalar(select(func.count(Member.id)).where(Member.group_id == group_id))


def add_sign_request(session: Session, group_id: int, member: Member, street: str) -> None:
    """Keep a group's request for a street sign, for the municipality."""
    session.add(SignRequest(group_id=group_id, requested_by=member.id, street=street))


def covering(session: Session, code: Postcode) -> list[Group]:
    """The groups whose area holds this postcode, by name. A PC4 is held by the PC4 itself or
    by any PC6 inside it; a PC6 by itself or by its PC4."""
    held = GroupPostcode.letters.in_(["", code.letters]) if code.letters else true()
    ids = select(GroupPostcode.group_id).where(GroupPostcode.pc4 == code.pc4, held)
    return list(session.scalars(select(Group).where(Group.id.in_(ids)).order_by(Group.name)))
