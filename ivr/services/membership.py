"""Joining and leaving: every change of a membership, one path whatever the channel, audited.

Invite, accept, decline, remove, opt out and back in, erase, and the operator's own adds and
imports all pass here, so an SMS `JA`, a 1 on an invitation call and the CLI change a member
the same way and leave the same audit entry.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TextIO

from sqlalchemy.orm import Session

from ivr.flows import gsm, phones, text
from ivr.flows.alert_text import MAX_GROUP_NAME
from ivr.flows.catalogue import t
from ivr.flows.destinations import Destinations
from ivr.storage import audit, deliveries, erasure, groups, members, refusals
from ivr.storage.models import (
    NAME_LENGTH, STREET_LENGTH, DeliveryKind, Group, Member, MemberStatus, utcnow,
)

INVITATION_DAYS = 7  # an invitation not answered within a week has lapsed
CSV_HEADER = "phone,name,street"
# Admin changes that tell the group's other admins (bounded per hour: no spam gun).
NOTIFYING = ("invited", "removed", "made_admin", "admin_removed")
INVITING = ("invited", "invite_withheld")


class MembershipError(ValueError):
    """A change that cannot be made, with the reason for the operator."""


def destinations(config: Mapping) -> Destinations:
    """The line's destination policy (built once in create_app)."""
    return config.get("DESTINATIONS") or Destinations()


def invited_since(now: datetime | None = None) -> datetime:
    """Invitations sent before this moment have lapsed."""
    return (now or utcnow()) - timedelta(days=INVITATION_DAYS)


def memberships(session: Session, phone: str, *statuses: str) -> list[Member]:
    """The phone's memberships in these states (lapsed invitations left out), oldest first."""
    return members.memberships(session, phone, statuses, invited_since())


def tell_admins(
    session: Session, group: Group, actor: Member, action: str, target: Member | str,
    config: Mapping | None = None,
) -> None:
    """Audit an admin's change and tell the group's other admins in one line.

    Past ADMIN_NOTICES_PER_GROUP_PER_HOUR the change is still audited but nobody is texted.
    """
    phone = target.phone if isinstance(target, Member) else target
    shown = f"{target.name} ({phone})" if isinstance(target, Member) and target.name else phone
    cap = (config or {}).get("ADMIN_NOTICES_PER_GROUP_PER_HOUR", 30)
    sent_this_hour = audit.count_since(session, group.id, NOTIFYING, utcnow() - timedelta(hours=1))
    audit.audit(session, group.id, actor, action, phone)
    if sent_this_hour >= cap:
        return
    line = t("sms.admin_change", group=group.name, actor=actor.name or actor.phone,
             action=t(f"sms.action.{action}"), target=shown)
    # Neither the actor nor the person it is about: they get their own words, if any.
    exclude = (actor.id, target.id) if isinstance(target, Member) else (actor.id,)
    deliveries.queue_to_admins(session, group.id, line, exclude=exclude)


# --- the operator --------------------------------------------------------------------------


def create_group(
    session: Session, name: str, admin_phone: str, admin_name: str | None = None,
    street: str | None = None, config: Mapping | None = None,
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
    admin = add_member(
        session, group, admin_phone, name=admin_name, street=street, is_admin=True, config=config
    )
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
    config: Mapping | None = None,
) -> Member:
    """Add an active member; the operator adding them vouches for their consent.

    Landlines get alerts as phone calls; so does a mobile member with `voice`. The number
    must be one the line may send to, and must not have sent STOP.
    """
    phone = phones.normalise(raw_phone)
    channel = phones.alert_channel(phone, voice)
    refusal = destinations(config or {}).refusal(phone, channel)
    if refusal is not None:
        raise MembershipError(f"{phone} {refusal.explain()}: Buurtlijn does not send there")
    if refusals.stopped(session, phone):
        raise MembershipError(f"{phone} sent STOP: nothing goes to it until it sends START")
    if members.member_in_group(session, group.id, phone) is not None:
        raise groups.AlreadyExists(f"{phone} is already a member of {group.name}")
    member = Member(
        group=group,
        phone=phone,
        name=text.fit(name, NAME_LENGTH) or None,
        street=text.fit(street, STREET_LENGTH) or None,
        is_admin=is_admin,
        status=MemberStatus.ACTIVE,
        number_kind=phones.kind(phone),
        channel=channel,
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


def import_members(
    session: Session, group: Group, handle: TextIO, config: Mapping | None = None
) -> Iterator[ImportedRow]:
    """Add members from a CSV with the header phone,name,street; a bad row skips only itself."""
    reader = csv.DictReader(handle)
    if not reader.fieldnames or "phone" not in [f.strip() for f in reader.fieldnames]:
        raise MembershipError(f"the CSV needs a header row: {CSV_HEADER}")
    for row_no, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        try:
            with session.begin_nested():
                member = add_member(
                    session, group, row.get("phone", ""), name=row.get("name"), street=row.get("street"),
                    config=config,
                )
        except groups.AlreadyExists as exc:
            yield ImportedRow(row_no, "duplicate", str(exc))
        except (phones.InvalidPhone, MembershipError) as exc:
            yield ImportedRow(row_no, "rejected", str(exc))
        else:
            yield ImportedRow(row_no, "added", f"{member.phone} ({member.number_kind}, {member.channel})")


# --- admins --------------------------------------------------------------------------------


def invite(
    session: Session, group: Group, admin: Member, phone: str, name: str, wants_voice: bool,
    config: Mapping,
) -> str:
    """Invite a number to the group; returns what happened, as a catalogue key's last part.

    "invited" / "invited_voice"; or why not: "destination" (the line does not send there),
    "invite_cap" (past the caps; said once an hour, then "silent"), "already_member",
    "already_invited". A number that sent STOP, declined or let an invitation lapse within
    REINVITE_DAYS gets nothing, and the admin the same words as for a sent invitation: no reply
    tells an admin whether a number is known to the line.
    """
    channel = phones.alert_channel(phone, wants_voice)
    if destinations(config).refusal(phone, channel) is not None:
        return "destination"
    capped = _invite_cap(session, group, admin, config)
    if capped:
        return capped
    sent_key = "invited_voice" if channel == "voice" else "invited"
    existing = members.member_in_group(session, group.id, phone)
    if existing and existing.status in (MemberStatus.ACTIVE, MemberStatus.OPTED_OUT):
        return "already_member"
    if existing and existing.status == MemberStatus.INVITED and existing.invited_at >= invited_since():
        return "already_invited"
    if _said_no(session, phone, config):
        audit.audit(session, group.id, admin, "invite_withheld", phone)
        return sent_key
    if existing is None:
        existing = Member(group_id=group.id, phone=phone, number_kind=phones.kind(phone))
        session.add(existing)
    existing.status, existing.invited_at = MemberStatus.INVITED, utcnow()
    existing.name = text.fit(name, NAME_LENGTH) or existing.name
    existing.is_admin = False
    existing.channel = channel
    session.flush()
    if channel == "voice":  # invited by phone: they hear the rules and press 1 to join
        deliveries.queue_one(session, existing, None, DeliveryKind.VOICE_INVITATION, channel="voice")
    else:
        deliveries.queue_one(session, existing, invitation_text(group, admin), DeliveryKind.INVITATION)
    tell_admins(session, group, admin, "invited", existing, config)
    return sent_key


def invitation_text(group: Group, inviter: Member | None) -> str:
    """The invitation SMS: who invites (the admin by name; the group when the operator does).

    A long name with a long group name would need a third SMS: then the group invites.
    """
    if inviter is not None and inviter.name:
        named = t("sms.invite", who=gsm.clean(inviter.name), group=group.name)
        if gsm.segments(named) <= gsm.MAX_SEGMENTS:
            return named
    return t("sms.invite_group", group=group.name)


def _said_no(session: Session, phone: str, config: Mapping) -> bool:
    """A STOP that stands, or an invitation declined or lapsed within REINVITE_DAYS."""
    window = utcnow() - timedelta(days=config.get("REINVITE_DAYS", 30))
    if refusals.refused_since(session, phone, window):
        return True
    # An invitation that lapsed but is not purged yet counts from the day it lapsed.
    lapsed_since = window - timedelta(days=INVITATION_DAYS)
    return any(
        m.invited_at is not None and lapsed_since <= m.invited_at < invited_since()
        for m in members.memberships(session, phone, (MemberStatus.INVITED,))
    )


def _invite_cap(session: Session, group: Group, admin: Member, config: Mapping) -> str | None:
    """None under the invitation caps; past them "invite_cap" once an hour, then "silent"."""
    now = utcnow()
    hour = now - timedelta(hours=1)
    per_group = audit.count_since(session, group.id, INVITING, now - timedelta(days=1))
    per_admin = audit.count_since(session, group.id, INVITING, hour, actor_id=admin.id)
    if per_group < config["INVITES_PER_GROUP_PER_DAY"] and per_admin < config["INVITES_PER_ADMIN_PER_HOUR"]:
        return None
    return told_once(session, group, admin, "invite_cap")


def told_once(session: Session, group: Group, admin: Member, action: str) -> str:
    """`action` the first time this hour (audited), "silent" after: a cap is said once."""
    if audit.audited_since(session, group.id, action, utcnow() - timedelta(hours=1), actor_id=admin.id):
        return "silent"
    audit.audit(session, group.id, admin, action, None)
    return action


def remove(session: Session, group: Group, admin: Member, target: Member, config: Mapping | None = None) -> None:
    """Take a member out of the group; an active one is told."""
    was_active = target.status == MemberStatus.ACTIVE
    target.status, target.is_admin, target.removed_at = MemberStatus.INACTIVE, False, utcnow()
    if was_active:
        deliveries.queue_one(
            session, target, t("sms.removed_notice", group=group.name), DeliveryKind.MEMBER_NOTICE
        )
    tell_admins(session, group, admin, "removed", target, config)


def set_admin(
    session: Session, group: Group, admin: Member, target: Member, is_admin: bool,
    config: Mapping | None = None,
) -> None:
    """Make a member an admin of the group, or no longer one; they hear it themselves too."""
    target.is_admin = is_admin
    tell_admins(session, group, admin, "made_admin" if is_admin else "admin_removed", target, config)
    key = "sms.admin_welcome" if is_admin else "sms.admin_demoted"
    deliveries.queue_one(session, target, t(key, group=group.name, actor=admin.name or admin.phone),
                         DeliveryKind.MEMBER_NOTICE)


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
            refusals.refuse(session, member.phone, refusals.DECLINED)


def opt_out(session: Session, phone: str) -> None:
    """STOP: nothing more goes to this number until it sends START."""
    for member in memberships(session, phone, MemberStatus.ACTIVE, MemberStatus.INVITED):
        member.status, member.opted_out_at = MemberStatus.OPTED_OUT, utcnow()
    # The number's own no, kept apart from any membership: no group may text or call it now.
    refusals.refuse(session, phone, refusals.STOP)
    deliveries.cancel_queued(session, phone)


def opt_in(session: Session, phone: str) -> list[Member]:
    """START: the number's opted-out memberships are active again; returns them."""
    refusals.lift_stop(session, phone)
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
