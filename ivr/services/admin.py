"""The admin keywords, for one admin of one group: one handler per keyword."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from ivr.flows import clock, gsm, keywords, phones
from ivr.flows.alert_text import clean_free_text
from ivr.flows.catalogue import LANGUAGES, t
from ivr.services import membership
from ivr.storage import alerts, audit, deliveries, groups, members
from ivr.storage.models import DeliveryKind, Group, Member, MemberStatus, utcnow

VOICE_WORDS = ("SPRAAK", "VOICE")  # a trailing word of LID: invite (and alert) by phone call
# A trailing word of LID: the invitee's language (only the codes: "Jan Engels" is a name).
LANGUAGE_CODES = {code.upper(): code for code in LANGUAGES}


@dataclass
class Context:
    """One admin keyword being handled: who sent it, for which group, with which settings."""

    session: Session
    admin: Member
    group: Group
    config: Mapping

    @property
    def lang(self) -> str:
        """The admin's language: every reply to them is in it."""
        return self.admin.language


def run(session: Session, admin: Member, keyword: str, args: str, config: Mapping) -> str | None:
    """Carry out an admin keyword and return the reply (None: a cap already said, no reply)."""
    return HANDLERS[keyword](Context(session, admin, admin.group, config), args)


def _refused_destination(c: Context) -> str:
    policy = membership.destinations(c.config)
    if policy.only_home():
        return t("sms.destination_refused", c.lang)
    return t("sms.destination_refused_countries", c.lang, countries=", ".join(sorted(policy.countries)))


def _target(args: str) -> tuple[str | None, str]:
    raw, rest = keywords.split_phone_and_rest(args)
    return phones.try_normalise(raw), rest


def _who(member: Member | None, phone: str) -> str:
    """A person as a reply names them: by name where the line knows it."""
    return member.name if member is not None and member.name else phones.local(phone)


def _bad_phone(keyword: str, lang: str) -> str:
    return t("sms.bad_phone", lang, example=f"{keyword} 0612345678")


def invite(c: Context, args: str) -> str:
    phone, rest = _target(args)
    if phone is None:
        return _bad_phone("LID", c.lang)
    name, wants_voice, language = _invite_options(rest)
    outcome = membership.invite(c.session, c.group, c.admin, phone, name, wants_voice, c.config, language)
    if outcome == "silent":
        return None
    if outcome == "destination":
        return _refused_destination(c)
    reply = t(f"sms.{outcome}", c.lang, number=phone, who=name or phone, group=c.group.name)
    quiet, tz = clock.parse_window(c.config.get("QUIET_HOURS")), c.config["TIMEZONE"]
    held_until = quiet.until(utcnow(), tz) if quiet is not None else None
    if outcome in ("invited", "invited_voice") and held_until is not None:  # it waits for the morning
        reply += " " + t("sms.held_until", c.lang, time=clock.hhmm(held_until, tz))
    return reply


def _invite_options(rest: str) -> tuple[str, bool, str | None]:
    """What follows LID's number: the name, then SPRAAK and a language in any order
    ("Jan Jansen EN SPRAAK"): (name, by phone call, language or None)."""
    words = rest.split()
    wants_voice, language = False, None
    while words:
        last = words[-1].upper().rstrip(".")
        if last in VOICE_WORDS and not wants_voice:
            wants_voice = True
        elif language is None and last in LANGUAGE_CODES:
            language = LANGUAGE_CODES[last]
        else:
            break
        words.pop()
    return " ".join(words), wants_voice, language


def night_calls(session: Session, active: list[Member], args: str, calls: bool, config: Mapping) -> str:
    """NACHT UIT / NACHT AAN: whether alerts call at night; for oneself, or (an admin, for a
    landline member who cannot text) for the number that follows."""
    lang = active[0].language
    window = clock.parse_window(config.get("NIGHT_HOURS") or "23:00-07:00")
    hours = {"start": f"{window.start:%H:%M}", "end": f"{window.end:%H:%M}"}
    if not args.strip():
        membership.set_night_calls(active, calls)
        return t("sms.night.on" if calls else "sms.night.off", lang, **hours)
    admin = next((m for m in active if m.is_admin), None)
    if admin is None:
        return t("sms.not_admin", lang)
    phone, _ = _target(args)
    if phone is None:
        return _bad_phone("NACHT UIT", lang)
    target = members.member_in_group(session, admin.group_id, phone)
    if target is None or target.status != MemberStatus.ACTIVE:
        return t("sms.not_in_group", lang, number=phone, group=admin.group.name)
    membership.set_night_calls([target], calls)
    return t("sms.night.on_other" if calls else "sms.night.off_other", lang, who=_who(target, phone), **hours)


def remove(c: Context, args: str) -> str:
    phone, rest = _target(args)
    if phone is None:
        return _bad_phone("VERWIJDER", c.lang)
    target = members.member_in_group(c.session, c.group.id, phone)
    if target is None or target.status == MemberStatus.INACTIVE:
        return t("sms.not_in_group", c.lang, number=phone, group=c.group.name)
    if target.is_admin and membership.last_admin(c.session, c.group.id):
        return t("sms.last_admin", c.lang, group=c.group.name)
    if target.id == c.admin.id and rest.upper().strip(".!") not in ("JA", "YES"):
        # Their own number: most likely a mistake, or they meant VERWIJDER MIJ.
        return t("sms.remove_self", c.lang, group=c.group.name, number=phones.local(phone))
    membership.remove(c.session, c.group, c.admin, target, c.config)
    return t("sms.removed", c.lang, who=_who(target, phone), group=c.group.name)


def list_members(c: Context, args: str) -> str:
    page = int(args) if args.strip().isdigit() and int(args) > 0 else 1
    counts = members.member_counts(c.session, c.group.id)
    names = [name or t("sms.no_name", c.lang) for name in members.active_names(c.session, c.group.id)]
    head = t("sms.members", c.lang, group=c.group.name, active=counts.get(MemberStatus.ACTIVE, 0),
             invited=counts.get(MemberStatus.INVITED, 0), opted_out=counts.get(MemberStatus.OPTED_OUT, 0),
             names="")
    pages = _pages(names, gsm.MAX_SEPTETS - gsm.septets(head) - 30)
    shown = pages[page - 1] if page <= len(pages) else []
    text = head + ", ".join(shown)
    if page < len(pages):
        text += " " + t("sms.members_more", c.lang, page=page + 1)
    return text


def make_admin(c: Context, args: str) -> str:
    phone, _ = _target(args)
    if phone is None:
        return _bad_phone("BEHEERDER", c.lang)
    if membership.destinations(c.config).refusal(phone, "sms") is not None:
        return _refused_destination(c)  # an admin is texted: the number must take SMS
    target = members.member_in_group(c.session, c.group.id, phone)
    if target is None or target.status != MemberStatus.ACTIVE:
        return t("sms.not_active", c.lang, number=phone, group=c.group.name)
    if target.is_admin:
        return t("sms.already_admin", c.lang, who=_who(target, phone), group=c.group.name)
    membership.set_admin(c.session, c.group, c.admin, target, True, c.config)
    return t("sms.made_admin", c.lang, who=_who(target, phone), group=c.group.name)


def drop_admin(c: Context, args: str) -> str:
    phone, _ = _target(args)
    if phone is None:
        return _bad_phone("BEHEERDER AF", c.lang)
    target = members.member_in_group(c.session, c.group.id, phone)
    if target is None or not target.is_admin:
        return t("sms.not_active", c.lang, number=phone, group=c.group.name)
    if membership.last_admin(c.session, c.group.id):
        return t("sms.last_admin", c.lang, group=c.group.name)
    membership.set_admin(c.session, c.group, c.admin, target, False, c.config)
    return t("sms.admin_removed", c.lang, who=_who(target, phone), group=c.group.name)


def status(c: Context, args: str) -> str:
    alert = alerts.latest_alert(c.session, [c.group.id])
    if alert is None:
        return t("sms.status_none", c.lang, group=c.group.name)
    by_channel = alerts.delivery_counts(c.session, [alert.id])[alert.id]
    sms, voice = by_channel.get("sms", {}), by_channel.get("voice", {})
    text = t("sms.status", c.lang, time=clock.hhmm(alert.created_at, c.config["TIMEZONE"]),
             category=t(f"sms.category.{alert.category}", c.lang),
             called=t(f"sms.called.{alert.emergency_called}", c.lang),
             sent=sms.get("sent", 0), delivered=sms.get("delivered", 0),
             failed=sms.get("failed", 0) + sms.get("undelivered", 0))
    if sms.get("expired"):
        minutes = max(1, round((c.config.get("ALERT_VALIDITY_SECONDS") or 900) / 60))
        text += " " + t("sms.status_expired", c.lang, expired=sms["expired"], minutes=minutes)
    if voice:
        text += " " + t("sms.status_voice", c.lang, called=sum(voice.values()) - voice.get("night", 0),
                        confirmed=voice.get("confirmed", 0), machine=voice.get("machine", 0),
                        failed=voice.get("failed", 0))
    if voice.get("night"):
        text += " " + t("sms.status_night", c.lang, night=voice["night"])
    if alert.closed_at is not None:
        text += " " + t("sms.status_closed", c.lang, time=clock.hhmm(alert.closed_at, c.config["TIMEZONE"]))
    return text


def test(c: Context, args: str) -> str | None:
    since = utcnow() - timedelta(hours=1)
    if audit.count_since(c.session, c.group.id, ("test_sent",), since, actor_id=c.admin.id) >= c.config["TESTS_PER_ADMIN_PER_HOUR"]:
        return None if membership.told_once(c.session, c.group, c.admin, "test_cap") == "silent" else t("sms.test_cap", c.lang)
    audit.audit(c.session, c.group.id, c.admin, "test_sent", None)
    deliveries.queue_one(c.session, c.admin, t("sms.test", c.lang, group=c.group.name), DeliveryKind.TEST)
    return t("sms.test_queued", c.lang)


def sign(c: Context, args: str) -> str:
    street = clean_free_text(args, 120)
    if not street:
        return t("sms.sign_empty", c.lang)
    groups.add_sign_request(c.session, c.group.id, c.admin, street)
    audit.audit(c.session, c.group.id, c.admin, "sign_requested", None, street)
    return t("sms.sign", c.lang, street=street)


HANDLERS: dict[str, Callable[[Context, str], str | None]] = {
    "LID": invite,
    "VERWIJDER": remove,
    "LEDEN": list_members,
    "BEHEERDER": make_admin,
    "BEHEERDER_AF": drop_admin,
    "STATUS": status,
    "TEST": test,
    "BORD": sign,
}


def _pages(names: list[str], budget: int) -> list[list[str]]:
    """Split names into pages that each fit `budget` septets when joined by ", "."""
    pages: list[list[str]] = [[]]
    used = 0
    for name in names:
        cost = gsm.septets(gsm.clean(name)) + 2
        if pages[-1] and used + cost > budget:
            pages.append([])
            used = 0
        pages[-1].append(gsm.clean(name))
        used += cost
    return pages
