"""Joining and leaving: every change of a membership, one path whatever the channel, audited.

Invite, accept, decline, remove, opt out and back in, erase, and the operator's own adds and
imports all pass here, so an SMS `JA`, a 1 on an invitation call and the CLI change a member
the same way and leave the same audit entry.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TextIO

from sqlalchemy.orm import Session

from ivr.flows import catalogue, gsm, phones, postcodes, text
from ivr.flows.alert_text import MAX_GROUP_NAME
from ivr.flows.catalogue import each, every, t
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
    session: Session, group: Group, actor: Member | None, action: str, target: Member | str,
    config: Mapping | None = None,
) -> None:
    """Audit an admin's change (None: the operator's) and tell the group's other admins in one line.

    Past ADMIN_NOTICES_PER_GROUP_PER_HOUR the change is still audited but nobody is texted.
    """
    phone = target.phone if isinstance(target, Member) else target
    shown = f"{target.name} ({phone})" if isinstance(target, Member) and target.name else phone
    cap = (config or {}).get("ADMIN_NOTICES_PER_GROUP_PER_HOUR", 30)
    sent_this_hour = audit.count_since(session, group.id, NOTIFYING, utcnow() - timedelta(hours=1))
    audit.audit(session, group.id, actor, action, phone)
    if sent_this_hour >= cap:
        return
    line = each(lambda lang: t("sms.admin_change", lang, group=group.name, actor=_actor(actor, lang),
                               action=t(f"sms.action.{action}", lang), target=shown))
    # Neither the actor nor the person it is about: they get their own words, if any.
    exclude = tuple(m.id for m in (actor, target) if isinstance(m, Member))
    deliveries.queue_to_admins(session, group.id, line, exclude=exclude)


def _actor(actor: Member | None, lang: str) -> str:
    """Who made a change, as the admins read it."""
    if actor is None:
        return t("sms.operator", lang)
    return actor.name or phones.local(actor.phone)


# --- the operator --------------------------------------------------------------------------


def create_group(
    session: Session, name: str, admin_phone: str, admin_name: str | None = None,
    street: str | None = None, config: Mapping | None = None, area: Iterable[str] = (),
) -> tuple[Group, Member]:
    """A new group with its first admin (the operator vouches for the admin's consent).

    `area`: the postcodes (PC4 or PC6) it covers; InvalidPostcode names a wrong one.
    """
    name = " ".join((name or "").split())
    if not name:
        raise MembershipError("a group needs a name")
    if len(name) > MAX_GROUP_NAME:
        raise MembershipError(f"a group name has at most {MAX_GROUP_NAME} characters")
    codes = postcodes.parse_all(list(area))
    if groups.name_taken(session, name):
        raise groups.AlreadyExists(f"group {name!r} exists already")
    group = groups.add_group(session, name, codes)
    admin = add_member(
        session, group, admin_phone, name=admin_name, street=street, is_admin=True, config=config
    )
    if admin.channel == "sms":  # the admin keywords, on the phone they are used from
        welcome = t("sms.group_welcome", admin.language, group=group.name)
        deliveries.queue_one(session, admin, welcome, DeliveryKind.MEMBER_NOTICE)
    return group, admin


def set_area(session: Session, group: Group, area: Iterable[str]) -> list[postcodes.Postcode]:
    """The operator sets the group's area (replacing it; none clears it), audited."""
    codes = postcodes.parse_all(list(area))
    groups.set_area(session, group, codes)
    audit.audit(session, group.id, None, "area_set", None, postcodes.shown(codes))
    return codes


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
    no_night_calls: bool = False,
    language: str | None = None,
) -> Member:
    """Add an active member; the operator adding them vouches for their consent.

    Landlines get alerts as phone calls; so does a mobile member with `voice`. The number
    must be one the line may send to, and must not have sent STOP.
    """
    phone = phones.normalise(raw_phone)
    channel = phones.alert_channel(phone, voice)
    _check_reachable(session, phone, channel, config or {})
    member = _new_row(session, group, phone, name, street, channel, language)
    member.status, member.consent_at, member.is_admin = MemberStatus.ACTIVE, utcnow(), is_admin
    member.no_night_calls = no_night_calls
    session.flush()
    audit.audit(session, group.id, None, "added", phone)
    return member


def set_language(session: Session, phone: str, language_: str) -> int:
    """TAAL: what the line says and texts to this number is in `language_`, in every group it
    is in (invitations waiting included); returns how many memberships that is."""
    mine = members.memberships(
        session, phone, (MemberStatus.ACTIVE, MemberStatus.INVITED, MemberStatus.OPTED_OUT)
    )
    for member in mine:
        member.language = catalogue.language(language_)
    return len(mine)


def set_night_calls(members_: Iterable[Member], calls: bool) -> None:
    """NACHT AAN / NACHT UIT: whether these memberships are called for alerts at night."""
    for member in members_:
        member.no_night_calls = not calls


def _check_reachable(session: Session, phone: str, channel: str, config: Mapping) -> None:
    """MembershipError when the line may not send to the number, or it sent STOP."""
    refusal = destinations(config).refusal(phone, channel)
    if refusal is not None:
        raise MembershipError(f"{phone} {refusal.explain()}: Buurtlijn does not send there")
    if refusals.stopped(session, phone):
        raise MembershipError(f"{phone} sent STOP: nothing goes to it until it sends START")


def _new_row(
    session: Session, group: Group, phone: str, name: str | None, street: str | None, channel: str,
    language_: str | None = None,
) -> Member:
    """The membership to (re)fill: a new row, or the row of one removed or whose invitation lapsed.

    A current member, or one invited within INVITATION_DAYS, is AlreadyExists. Without
    `language_` a new row reads what the number reads in its other groups (TAAL set it there).
    """
    member = members.member_in_group(session, group.id, phone)
    standing = _standing(member)
    if standing == "already_member":
        raise groups.AlreadyExists(f"{phone} is already a member of {group.name}")
    if standing == "already_invited":
        raise groups.AlreadyExists(
            f"{phone} is invited already (on {member.invited_at:%Y-%m-%d}); they join with their JA"
        )
    if member is None:
        known = members.language_of(session, phone)
        member = Member(group=group, phone=phone, language=catalogue.language(known))
        session.add(member)
    if language_ is not None:
        member.language = catalogue.language(language_)
    member.number_kind, member.channel, member.is_admin = phones.kind(phone), channel, False
    member.name = text.fit(name, NAME_LENGTH) or member.name
    member.street = text.fit(street, STREET_LENGTH) or member.street
    member.removed_at = member.opted_out_at = None
    return member


def _standing(member: Member | None) -> str | None:
    """"already_member" or "already_invited" for a current membership; None when it may be (re)filled."""
    if member is None:
        return None
    if member.status in (MemberStatus.ACTIVE, MemberStatus.OPTED_OUT):
        return "already_member"
    if member.status == MemberStatus.INVITED and member.invited_at >= invited_since():
        return "already_invited"
    return None


def invite_member(
    session: Session,
    group: Group,
    raw_phone: str,
    *,
    name: str | None = None,
    street: str | None = None,
    voice: bool = False,
    config: Mapping | None = None,
    language: str | None = None,
) -> Member:
    """The operator invites a number: it joins with its own JA (or a 1 on the invitation call).

    Unlike an admin's LID, the operator is told why a number is not invited.
    """
    config = config or {}
    phone = phones.normalise(raw_phone)
    channel = phones.alert_channel(phone, voice)
    _check_reachable(session, phone, channel, config)
    if _said_no(session, phone, config):
        raise MembershipError(
            f"{phone} declined or let an invitation lapse in the last "
            f"{config.get('REINVITE_DAYS', 30)} days: not invited again yet"
        )
    member = _new_row(session, group, phone, name, street, channel, language)
    member.status, member.invited_at = MemberStatus.INVITED, utcnow()
    session.flush()
    _send_invitation(session, group, None, member)
    audit.audit(session, group.id, None, "operator_invited", phone)
    return member


def _send_invitation(session: Session, group: Group, inviter: Member | None, member: Member) -> None:
    """Queue the invitation: by SMS, or a call where they hear the rules and press 1 to join."""
    if member.channel == "voice":
        deliveries.queue_one(session, member, None, DeliveryKind.VOICE_INVITATION, channel="voice")
    else:
        invitation = invitation_text(group, inviter, member.language)
        deliveries.queue_one(session, member, invitation, DeliveryKind.INVITATION)


@dataclass(frozen=True)
class ImportedRow:
    """One CSV row's fate: "invited", "added", "duplicate" or "rejected", with what to say."""

    row: int
    outcome: str
    detail: str


def import_members(
    session: Session, group: Group, content: str, config: Mapping | None = None, *, active: bool = False
) -> Iterator[ImportedRow]:
    """Invite (or, `active`, add) the members of a CSV; a bad row skips only itself.

    The header names the columns phone, name, street (or telefoon, naam, straat), separated
    by commas or by semicolons as Dutch Excel writes them.
    """
    reader = _csv_reader(content)
    add = add_member if active else invite_member
    invited = 0
    for row_no, row in enumerate(reader, start=2):
        row = {COLUMN_NAMES.get(_header(k), ""): (v or "").strip() for k, v in row.items() if k}
        if not any(row.values()):
            continue  # an empty line, as spreadsheets leave at the end
        try:
            with session.begin_nested():
                member = add(session, group, row.get("phone", ""), name=row.get("name"),
                             street=row.get("street"), config=config, language=_language_cell(row))
        except groups.AlreadyExists as exc:
            yield ImportedRow(row_no, "duplicate", str(exc))
        except (phones.InvalidPhone, MembershipError) as exc:
            yield ImportedRow(row_no, "rejected", str(exc))
        except _UnknownLanguage as exc:
            yield ImportedRow(row_no, "rejected", f"language {exc}: use nl, en or tr")
        else:
            invited += not active
            yield ImportedRow(row_no, "added" if active else "invited",
                              f"{member.phone} ({member.number_kind}, {member.channel})")
    if invited:
        deliveries.queue_to_admins(session, group.id, each(lambda lang: t(
            "sms.operator_invited", lang, group=group.name, count=invited,
            people=t("sms.person" if invited == 1 else "sms.people", lang),
        )))


class _UnknownLanguage(ValueError):
    """A CSV's language cell names no language the line speaks."""


def _language_cell(row: Mapping[str, str]) -> str | None:
    """The row's language column (nl, en, tr, or a word for one); None when empty."""
    cell = row.get("language", "")
    if not cell:
        return None
    found = catalogue.language_word(cell)
    if found is None:
        raise _UnknownLanguage(cell)
    return found


# The columns a member list may have, in English or Dutch.
COLUMN_NAMES = {
    "phone": "phone", "telefoon": "phone", "telefoonnummer": "phone", "nummer": "phone",
    "mobiel": "phone", "tel": "phone",
    "name": "name", "naam": "name",
    "street": "street", "straat": "street", "adres": "street",
    "language": "language", "taal": "language",
}


def _header(cell: str | None) -> str:
    return (cell or "").strip().strip('"').lower().replace(" ", "")


def _csv_reader(content: str) -> csv.DictReader:
    """A reader for the CSV's own separator, or MembershipError naming the header it found."""
    content = content.lstrip("\ufeff")
    first = content.split("\n", 1)[0].strip()
    delimiter = max((",", ";", "\t"), key=first.count)
    found = [_header(cell) for cell in first.split(delimiter)]
    if "phone" not in {COLUMN_NAMES.get(cell) for cell in found}:
        shown = first[:80] if first else "an empty first line"
        looks_like_member = phones.try_normalise(first.split(delimiter)[0]) is not None
        hint = " (that looks like a member, not a header)" if looks_like_member else ""
        raise MembershipError(
            f"the CSV's first line is {shown!r}{hint}; it needs a header row that names the "
            f"columns, like {CSV_HEADER} or telefoon;naam;straat"
        )
    return csv.DictReader(io.StringIO(content), delimiter=delimiter)


def decode_csv(raw: bytes) -> str:
    """A member list's text: UTF-8 (with or without BOM), else Windows-1252 as older Excel saves."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


# --- admins --------------------------------------------------------------------------------


def invite(
    session: Session, group: Group, admin: Member, phone: str, name: str, wants_voice: bool,
    config: Mapping, language: str | None = None,
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
    standing = _standing(members.member_in_group(session, group.id, phone))
    if standing:
        return standing
    if _said_no(session, phone, config):
        audit.audit(session, group.id, admin, "invite_withheld", phone)
        return sent_key
    invitee = _new_row(session, group, phone, name, None, channel, language)
    invitee.status, invitee.invited_at = MemberStatus.INVITED, utcnow()
    session.flush()
    _send_invitation(session, group, admin, invitee)
    tell_admins(session, group, admin, "invited", invitee, config)
    return sent_key


def invitation_text(group: Group, inviter: Member | None, lang: str | None = None) -> str:
    """The invitation SMS in the invitee's language: who invites (the admin by name; the group
    when the operator does).

    A long name with a long group name would need a third SMS: then the group invites.
    """
    if inviter is not None and inviter.name:
        named = t("sms.invite", lang, who=gsm.clean(inviter.name), group=group.name)
        if gsm.segments(gsm.clean(named)) <= gsm.MAX_SEGMENTS:
            return named
    return t("sms.invite_group", lang, group=group.name)


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


def remove(
    session: Session, group: Group, admin: Member | None, target: Member, config: Mapping | None = None
) -> None:
    """Take a member out of the group (admin None: the operator did); an active one is told."""
    was_active = target.status == MemberStatus.ACTIVE
    target.status, target.is_admin, target.removed_at = MemberStatus.INACTIVE, False, utcnow()
    if was_active:
        notice = t("sms.removed_notice", target.language, group=group.name)
        deliveries.queue_one(session, target, notice, DeliveryKind.MEMBER_NOTICE)
    tell_admins(session, group, admin, "removed", target, config)


def remove_by_operator(session: Session, group: Group, raw_phone: str, config: Mapping | None = None) -> Member:
    """The operator takes a number out of the group (never its last admin)."""
    phone = phones.normalise(raw_phone)
    target = members.member_in_group(session, group.id, phone)
    if target is None or target.status == MemberStatus.INACTIVE:
        raise MembershipError(f"{phone} is not a member of {group.name}")
    if target.is_admin and target.status == MemberStatus.ACTIVE and last_admin(session, group.id):
        raise MembershipError(
            f"{phone} is the last admin of {group.name}: make another admin first "
            f"(member add {group.name!r} PHONE --admin, or BEHEERDER by SMS)"
        )
    remove(session, group, None, target, config)
    return target


def set_admin(
    session: Session, group: Group, admin: Member, target: Member, is_admin: bool,
    config: Mapping | None = None,
) -> None:
    """Make a member an admin of the group, or no longer one; they hear it themselves too."""
    target.is_admin = is_admin
    tell_admins(session, group, admin, "made_admin" if is_admin else "admin_removed", target, config)
    key = "sms.admin_welcome" if is_admin else "sms.admin_demoted"
    notice = t(key, target.language, group=group.name, actor=admin.name or admin.phone)
    deliveries.queue_one(session, target, notice, DeliveryKind.MEMBER_NOTICE)


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
        deliveries.queue_to_admins(session, group_id, every("sms.member_left", group=group_name))
