"""Joining and leaving: every change of a membership, one path whatever the channel, audited.

Invite, accept, decline, remove, opt out and back in, erase, and the operator's own adds and
imports all pass here, so an SMS `JA`, a 1 on an invitation call and the CLI change a member
the same way and leave the same audit entry.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TextIO

from sqlalchemy.orm import Session

from ivr.flows import phones
from ivr.flows.alert_text import MAX_GROUP_NAME
from ivr.flows.catalogue import t
from ivr.storage import audit, deliveries, erasure, groups, members
from ivr.storage.models import DeliveryKind, Group, Member, MemberStatus, utcnow

INVITATION_DAYS = 7  # an invitation not answered within a week has lapsed
CSV_HEADER = "phone,name,street"


class MembershipError(ValueError):
    """A change that cannot be made, with the reason for the operator."""


def invited_since(now: datetime | None = None) -> datetime:
    """Invitations sent before this moment have lapsed."""
    return (now or utcnow()) - timedelta(days=INVITATION_DAYS)


def memberships(session: Session, phone: str, *statuses: str) -> list[Member]:
    """The phone's memberships in these states (lapsed invitations left out), oldest first."""
    return members.memberships(session, phone, statuses, invited_since())


def tell_admins(
    session: Session, group: Group, actor: Member, action: str, target: Member | str
) -> None:
    """Audit an admin's change and tell the group's other admins in one line."""
    phone = target.phone if isinstance(target, Member) else target
    shown = f"{target.name} ({phone})" if isinstance(target, Member) and target.name else phone
    audit.audit(session, group.id, actor, action, phone)
    line = t("sms.admin_change", group=group.name, actor=actor.name or actor.phone,
             action=t(f"sms.action.{action}"), target=shown)
    deliveries.queue_to_admins(session, group.id, line, exclude=actor.id)


# --- the operator --------------------------------------------------------------------------


def create_group(
    session: Session, name: str, admin_phone: str, admin_name: str | None = None,
    street: str | None = None,
) -> tuple[Group, Member]:
    """A new group with its first admin (the operator vouches for the admin's consent)."""
    name = " ".join((name or "").split())
    if not name:
        raise MembershipError("a group needs a name")
    if len(name) > MAX_GROUP_NAME:
        raise MembershipError(f"a group name has at most {MAX_GROUP_NAME} characters")
    if groups.name_taken(session, name):
        raise groups.AlreadyExists(f"group {name!r} exists already")
    group = groups.add_group(session, name)
    admin = add_member(session, group, admin_phone, name=admin_name, street=street, is_admin=True)
    return group, admin


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
    if members.member_in_group(session, group.id, phone) is not None:
        raise groups.AlreadyExists(f"{phone} is already a member of {group.name}")
    member = Member(
        group=group,
        phone=phone,
        name=(name or "").strip() or None,
        street=(street or "").strip() or None,
        is_admin=is_admin,
        status=MemberStatus.ACTIVE,
        number_kind=phones.kind(phone),
        channel=phones.alert_channel(phone, voice),
        consent_at=utcnow(),
    )
    session.add(member)
    session.flush()
    audit.audit(session, group.id, None, "added", phone)
    return member


@dataclass(frozen=True)
class ImportedRow:
    """One CSV row's fate: "added", "duplicate" or "rejected", with what to say about it."""

    row: int
    outcome: str
    detail: str


def import_members(session: Session, group: Group, handle: TextIO) -> Iterator[ImportedRow]:
    """Add members from a CSV with the header phone,name,street; a bad row skips only itself."""
    reader = csv.DictReader(handle)
    if not reader.fieldnames or "phone" not in [f.strip() for f in reader.fieldnames]:
        raise MembershipError(f"the CSV needs a header row: {CSV_HEADER}")
    for row_no, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        try:
            with session.begin_nested():
                member = add_member(
                    session, group, row.get("phone", ""), name=row.get("name"), street=row.get("street")
                )
        except groups.AlreadyExists as exc:
            yield ImportedRow(row_no, "duplicate", str(exc))
        except phones.InvalidPhone as exc:
            yield ImportedRow(row_no, "rejected", str(exc))
        else:
            yield ImportedRow(row_no, "added", f"{member.phone} ({member.number_kind}, {member.channel})")


# --- admins --------------------------------------------------------------------------------


def invite(
    session: Session, group: Group, admin: Member, phone: str, name: str, wants_voice: bool
) -> str:
    """Invite a number to the group; returns what happened, as a catalogue key's last part.

    "invited" / "invited_voice", or why not: "already_member", "already_invited", "other_group".
    """
    existing = members.member_in_group(session, group.id, phone)
    if existing and existing.status in (MemberStatus.ACTIVE, MemberStatus.OPTED_OUT):
        return "already_member"
    if existing and existing.status == MemberStatus.INVITED and existing.invited_at >= invited_since():
        return "already_invited"
    elsewhere = memberships(session, phone, MemberStatus.ACTIVE, MemberStatus.INVITED)
    if any(m.group_id != group.id for m in elsewhere):
        return "other_group"
    channel = phones.alert_channel(phone, wants_voice)
    if existing is None:
        existing = Member(group_id=group.id, phone=phone, number_kind=phones.kind(phone))
        session.add(existing)
    existing.status, existing.invited_at = MemberStatus.INVITED, utcnow()
    existing.name = name or existing.name
    existing.is_admin = False
    existing.channel = channel
    session.flush()
    if channel == "voice":  # invited by phone: they hear the rules and press 1 to join
        deliveries.queue_one(session, existing, None, DeliveryKind.VOICE_INVITATION, channel="voice")
    else:
        deliveries.queue_one(session, existing, t("sms.invite", group=group.name), DeliveryKind.INVITATION)
    tell_admins(session, group, admin, "invited", existing)
    return "invited_voice" if channel == "voice" else "invited"


def remove(session: Session, group: Group, admin: Member, target: Member) -> None:
    """Take a member out of the group; an active one is told."""
    was_active = target.status == MemberStatus.ACTIVE
    target.status, target.is_admin, target.removed_at = MemberStatus.INACTIVE, False, utcnow()
    if was_active:
        deliveries.queue_one(
            session, target, t("sms.removed_notice", group=group.name), DeliveryKind.MEMBER_NOTICE
        )
    tell_admins(session, group, admin, "removed", target)


def set_admin(session: Session, group: Group, admin: Member, target: Member, is_admin: bool) -> None:
    """Make a member an admin of the group, or no longer one."""
    target.is_admin = is_admin
    tell_admins(session, group, admin, "made_admin" if is_admin else "admin_removed", target)


def last_admin(session: Session, group_id: int) -> bool:
    """True when the group has one admin (or none) left: that one cannot go."""
    return len(members.admins(session, group_id)) <= 1


# --- the member's own answers --------------------------------------------------------------


def accept(session: Session, invited: Iterable[Member]) -> None:
    """The invitee said yes (JA by SMS, 1 on the invitation call): consent is stored."""
    for member in invited:
        if member.status == MemberStatus.INVITED:
            member.status, member.consent_at = MemberStatus.ACTIVE, utcnow()
            audit.audit(session, member.group_id, member, "joined", member.phone)


def decline(session: Session, invited: Iterable[Member]) -> None:
    """The invitee said no (NEE by SMS, 2 on the invitation call)."""
    for member in invited:
        if member.status == MemberStatus.INVITED:
            member.status, member.removed_at = MemberStatus.INACTIVE, utcnow()
            audit.audit(session, member.group_id, member, "declined", member.phone)


def opt_out(session: Session, phone: str) -> None:
    """STOP: nothing more goes to this number until it sends START."""
    for member in memberships(session, phone, MemberStatus.ACTIVE, MemberStatus.INVITED):
        member.status, member.opted_out_at = MemberStatus.OPTED_OUT, utcnow()
    deliveries.cancel_queued(session, phone)


def opt_in(session: Session, phone: str) -> list[Member]:
    """START: the number's opted-out memberships are active again; returns them."""
    opted_out = memberships(session, phone, MemberStatus.OPTED_OUT)
    for member in opted_out:
        member.status, member.opted_out_at = MemberStatus.ACTIVE, None
    return opted_out


def erase(session: Session, mine: list[Member]) -> None:
    """VERWIJDER MIJ: leave every group now and erase what is stored; admins hear one left."""
    for member in mine:
        group_id, group_name = member.group_id, member.group.name
        erasure.erase_member(session, member)
        audit.audit(session, group_id, None, "member_left", None)
        deliveries.queue_to_admins(session, group_id, t("sms.member_left", group=group_name))
