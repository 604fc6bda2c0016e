"""The SMS service: one inbound SMS in, the reply and the work it causes out.

Routing, in order: a repeated MessageSid gets its first reply and nothing else; STOP and
START work whatever else is going on; people who are not (yet) members get invitation
answers or a kind explanation; photos are never forwarded; an open report conversation takes
its answer; then the keywords; free text gets how to report.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ivr import gsm, moderation, phones, rules
from ivr.catalogue import t
from ivr.flows import sms as keywords
from ivr.flows.alert_text import clean_free_text
from ivr.storage import alerts, groups, privacy
from ivr.storage import sms as store
from ivr.storage.models import Delivery, DeliveryKind, Member, MemberStatus, utcnow

REPORT_MINUTES = 10
CALLED_112_WINDOW = timedelta(hours=2)
AWAITING_112 = "awaiting_112"


@dataclass
class Outcome:
    """The reply to send back, the alert to start sending, and whether other SMS were queued."""

    reply: str | None
    alert_id: int | None = None
    queued: bool = False


def handle(db: Session, form: Mapping[str, str], config: Mapping) -> Outcome:
    """Answer one inbound SMS (the caller commits)."""
    sid = form["MessageSid"]
    phone = phones.try_normalise(form.get("From"))
    seen = store.first_time(db, sid, phone or (form.get("From") or "")[:20])
    if seen is None:  # Twilio delivered this SID before: same reply, no second effect
        return Outcome(store.reply_for(db, sid))
    outcome = Router(db, phone, form, config).route()
    if outcome.reply:
        outcome.reply = gsm.truncate(gsm.clean(outcome.reply), gsm.MAX_SEPTETS)
    seen.reply = outcome.reply
    return outcome


class Router:
    """Decides what one SMS means for its sender."""

    def __init__(self, db: Session, phone: str | None, form: Mapping[str, str], config: Mapping):
        self.db = db
        self.phone = phone
        self.form = form
        self.config = config
        self.command = keywords.parse(form.get("Body"))
        self.queued = False

    def out(self, reply: str, alert_id: int | None = None) -> Outcome:
        return Outcome(reply, alert_id, self.queued)

    def route(self) -> Outcome:
        if self.phone is None:
            return self.out(t("sms.reply.stranger"))
        keyword = self.command.keyword
        if keyword == "STOP":
            return self.opt_out()
        if keyword == "START":
            return self.opt_in()
        if keyword in ("MIJN_GEGEVENS", "VERWIJDER_MIJ"):
            mine = store.memberships(
                self.db, self.phone, (MemberStatus.ACTIVE, MemberStatus.INVITED, MemberStatus.OPTED_OUT)
            )
            if not mine:
                return self.out(t("sms.reply.stranger"))
            return self.my_data(mine) if keyword == "MIJN_GEGEVENS" else self.erase_me(mine)
        active = store.memberships(self.db, self.phone, (MemberStatus.ACTIVE,))
        if not active:
            return self.not_a_member()
        member = active[0]
        if int(self.form.get("NumMedia") or 0) > 0:
            return self.out(t("sms.photo"))
        conversation = store.open_conversation(self.db, self.phone)
        if conversation is not None and keyword not in ("MELD", "HELP", "112"):
            answer = keywords.answer_112(self.command)
            if answer is None:
                return self.out(t("sms.ask_112_again"))
            return self.finish_report(conversation, answer)
        if keyword == "MELD":
            return self.start_report(member)
        if keyword == "112":
            return self.called_112(active)
        if keyword == "HELP":
            admin = any(m.is_admin for m in active)
            return self.out(t("sms.help.admin" if admin else "sms.help.member"))
        if keyword in keywords.ADMIN_KEYWORDS:
            admin = next((m for m in active if m.is_admin), None)
            if admin is None:
                return self.out(t("sms.not_admin"))
            return Admin(self, admin).run(keyword, self.command.args)
        if keywords.answer_112(self.command) and store.expired_conversation(self.db, self.phone):
            store.end_conversations(self.db, self.phone)
            return self.out(t("sms.expired"))
        return self.out(t("sms.how_to_report"))

    # --- not (yet) a member ---------------------------------------------------------------

    def not_a_member(self) -> Outcome:
        invited = store.memberships(self.db, self.phone, (MemberStatus.INVITED,))
        if invited and self.command.keyword == "JA":
            for member in invited:
                member.status, member.consent_at = MemberStatus.ACTIVE, utcnow()
                store.audit(self.db, member.group_id, member, "joined", member.phone)
            return self.out(t("sms.joined", group=invited[0].group.name))
        if invited and self.command.keyword == "NEE":
            for member in invited:
                member.status, member.removed_at = MemberStatus.INACTIVE, utcnow()
                store.audit(self.db, member.group_id, member, "declined", member.phone)
            return self.out(t("sms.declined", group=invited[0].group.name))
        if invited:
            return self.out(t("sms.invite", group=invited[0].group.name))
        if store.memberships(self.db, self.phone, (MemberStatus.OPTED_OUT,)):
            return self.out(t("sms.opted_out"))
        if self.command.keyword in ("JA", "NEE"):
            return self.out(t("sms.no_invitation"))
        return self.out(t("sms.reply.stranger"))

    def opt_out(self) -> Outcome:
        for member in store.memberships(self.db, self.phone, (MemberStatus.ACTIVE, MemberStatus.INVITED)):
            member.status, member.opted_out_at = MemberStatus.OPTED_OUT, utcnow()
        store.end_conversations(self.db, self.phone)
        store.cancel_queued(self.db, self.phone)
        return self.out(t("sms.opted_out"))

    def opt_in(self) -> Outcome:
        opted_out = store.memberships(self.db, self.phone, (MemberStatus.OPTED_OUT,))
        if not opted_out:
            return self.out(t("sms.opted_in_none"))
        for member in opted_out:
            member.status, member.opted_out_at = MemberStatus.ACTIVE, None
        return self.out(t("sms.opted_in", group=opted_out[0].group.name))

    # --- members' own data -----------------------------------------------------------------

    def my_data(self, mine: list[Member]) -> Outcome:
        """What is stored about the sender, in one or two SMS."""
        first = mine[0]
        reported = store.alerts_reported(self.db, [m.id for m in mine])
        return self.out(
            t("sms.my_data", phone=self.phone, name=first.name or "-", street=first.street or "-",
              groups=", ".join(f"{m.group.name} ({t('sms.status.' + m.status)})" for m in mine),
              since=(first.consent_at or first.created_at).strftime("%d-%m-%Y"),
              channel=t(f"sms.channel.{first.channel}"), reported=reported,
              days=self.config["RETENTION_DAYS"])
        )

    def erase_me(self, mine: list[Member]) -> Outcome:
        """Leave every group now and erase what is stored; the admins hear one member left."""
        for member in mine:
            group_id, group_name = member.group_id, member.group.name
            privacy.erase_member(self.db, member)
            store.audit(self.db, group_id, None, "member_left", None)
            if store.notify_admins(self.db, group_id, t("sms.member_left", group=group_name)):
                self.queued = True
        return self.out(t("sms.erased"))

    # --- reporting ------------------------------------------------------------------------

    def start_report(self, member: Member) -> Outcome:
        text = clean_free_text(self.command.args)
        if not text:
            return self.out(t("sms.meld_empty"))
        if moderation.check(text).blocked:
            return self.out(t("sms.rephrase"))
        refused = self.over_limit(member)
        if refused:
            return refused
        store.start_conversation(
            self.db, member, AWAITING_112, {"text": text, "group_id": member.group_id}, REPORT_MINUTES
        )
        return self.out(t("sms.ask_112"))

    def finish_report(self, conversation, emergency_called: str) -> Outcome:
        member = self.db.get(Member, conversation.member_id)
        store.end_conversations(self.db, self.phone)
        refused = self.over_limit(member)
        if refused:
            return refused
        text = moderation.check(conversation.data["text"]).masked
        alert, count = alerts.create_alert(
            self.db,
            alerts.Report(
                group_id=conversation.data["group_id"],
                reporter_id=member.id,
                channel="sms",
                category=keywords.guess_category(text),
                location="",
                description=text,
                emergency_called=emergency_called,
            ),
            timezone=self.config["TIMEZONE"],
        )
        key = "sms.sent_not_called" if emergency_called == "no" else "sms.sent"
        return self.out(t(key, count=count), alert.id)

    def over_limit(self, member: Member) -> Outcome | None:
        """Refuse past the hourly limits (the admins are told once an hour)."""
        if not rules.over_limit(self.db, member, self.config):
            return None
        self.queued = True
        return self.out(t("sms.limit"))

    def called_112(self, active: list[Member]) -> Outcome:
        alert = store.latest_alert(self.db, [m.group_id for m in active], CALLED_112_WINDOW)
        if alert is None:
            return self.out(t("sms.112.none"))
        member = next(m for m in active if m.group_id == alert.group_id)
        if not store.mark_112_called(self.db, alert.id, member.id):
            return self.out(t("sms.112.already"))
        local = alert.created_at.astimezone(ZoneInfo(self.config["TIMEZONE"])).strftime("%H:%M")
        store.queue_to_group(
            self.db, alert.group_id, t("sms.112.notice", time=local), DeliveryKind.NOTICE, alert.id, member.id
        )
        self.queued = True
        return self.out(t("sms.112.thanks"))


class Admin:
    """The admin keywords, for one admin of one group."""

    def __init__(self, router: Router, admin: Member):
        self.router = router
        self.db = router.db
        self.admin = admin
        self.group = admin.group

    def run(self, keyword: str, args: str) -> Outcome:
        handler = {
            "LID": self.invite,
            "VERWIJDER": self.remove,
            "LEDEN": self.list_members,
            "BEHEERDER": self.make_admin,
            "BEHEERDER_AF": self.drop_admin,
            "STATUS": self.status,
            "TEST": self.test,
            "BORD": self.sign,
        }[keyword]
        return handler(args)

    def out(self, reply: str) -> Outcome:
        return self.router.out(reply)

    def _target(self, args: str) -> tuple[str | None, str]:
        raw, rest = keywords.split_phone_and_rest(args)
        return phones.try_normalise(raw), rest

    def _bad_phone(self, keyword: str) -> Outcome:
        return self.out(t("sms.bad_phone", example=f"{keyword} 0612345678"))

    def _tell_admins(self, action: str, target: Member | str) -> None:
        """One line to the group's other admins, and an audit entry."""
        phone = target.phone if isinstance(target, Member) else target
        shown = f"{target.name} ({phone})" if isinstance(target, Member) and target.name else phone
        actor = self.admin.name or self.admin.phone
        store.audit(self.db, self.group.id, self.admin, action, phone)
        line = t("sms.admin_change", group=self.group.name, actor=actor,
                 action=t(f"sms.action.{action}"), target=shown)
        if store.notify_admins(self.db, self.group.id, line, exclude=self.admin.id):
            self.router.queued = True

    def invite(self, args: str) -> Outcome:
        phone, name = self._target(args)
        if phone is None:
            return self._bad_phone("LID")
        # SPRAAK at the end: this member wants alerts (and the invitation) as a phone call.
        words = name.split()
        wants_voice = bool(words) and words[-1].upper().rstrip(".") in ("SPRAAK", "VOICE")
        name = " ".join(words[:-1]) if wants_voice else name
        channel = groups.channel_for(phone, wants_voice)
        existing = store.member_in_group(self.db, self.group.id, phone)
        lapsed = utcnow() - timedelta(days=privacy.INVITATION_DAYS)
        if existing and existing.status in (MemberStatus.ACTIVE, MemberStatus.OPTED_OUT):
            return self.out(t("sms.already_member", number=phone, group=self.group.name))
        if existing and existing.status == MemberStatus.INVITED and existing.invited_at >= lapsed:
            return self.out(t("sms.already_invited", number=phone))
        elsewhere = store.memberships(self.db, phone, (MemberStatus.ACTIVE, MemberStatus.INVITED))
        if any(m.group_id != self.group.id for m in elsewhere):
            return self.out(t("sms.other_group", number=phone))
        if existing is None:
            existing = Member(group_id=self.group.id, phone=phone, number_kind=phones.kind(phone))
            self.db.add(existing)
        existing.status, existing.invited_at = MemberStatus.INVITED, utcnow()
        existing.name = name or existing.name
        existing.is_admin = False
        existing.channel = channel
        self.db.flush()
        if channel == "voice":  # invited by phone: they hear the rules and press 1 to join
            store.queue_sms(self.db, existing, None, DeliveryKind.VOICE_INVITATION, channel="voice")
        else:
            store.queue_sms(self.db, existing, t("sms.invite", group=self.group.name), DeliveryKind.INVITATION)
        self.router.queued = True
        self._tell_admins("invited", existing)
        key = "sms.invited_voice" if channel == "voice" else "sms.invited"
        return self.out(t(key, who=name or phone, group=self.group.name))

    def remove(self, args: str) -> Outcome:
        phone, _ = self._target(args)
        if phone is None:
            return self._bad_phone("VERWIJDER")
        target = store.member_in_group(self.db, self.group.id, phone)
        if target is None or target.status == MemberStatus.INACTIVE:
            return self.out(t("sms.not_in_group", number=phone, group=self.group.name))
        if target.is_admin and len(store.admins(self.db, self.group.id)) <= 1:
            return self.out(t("sms.last_admin", group=self.group.name))
        was_active = target.status == MemberStatus.ACTIVE
        target.status, target.is_admin, target.removed_at = MemberStatus.INACTIVE, False, utcnow()
        if was_active:
            store.queue_sms(self.db, target, t("sms.removed_notice", group=self.group.name), DeliveryKind.MEMBER_NOTICE)
            self.router.queued = True
        self._tell_admins("removed", target)
        return self.out(t("sms.removed", number=phone, group=self.group.name))

    def list_members(self, args: str) -> Outcome:
        page = int(args) if args.strip().isdigit() and int(args) > 0 else 1
        counts = store.member_counts(self.db, self.group.id)
        names = store.active_names(self.db, self.group.id)
        head = t("sms.members", group=self.group.name, active=counts.get(MemberStatus.ACTIVE, 0),
                 invited=counts.get(MemberStatus.INVITED, 0), opted_out=counts.get(MemberStatus.OPTED_OUT, 0),
                 names="")
        pages = _pages(names, gsm.MAX_SEPTETS - gsm.septets(head) - 30)
        shown = pages[page - 1] if page <= len(pages) else []
        text = head + ", ".join(shown)
        if page < len(pages):
            text += " " + t("sms.members_more", page=page + 1)
        return self.out(text)

    def make_admin(self, args: str) -> Outcome:
        phone, _ = self._target(args)
        if phone is None:
            return self._bad_phone("BEHEERDER")
        target = store.member_in_group(self.db, self.group.id, phone)
        if target is None or target.status != MemberStatus.ACTIVE:
            return self.out(t("sms.not_active", number=phone, group=self.group.name))
        target.is_admin = True
        self._tell_admins("made_admin", target)
        return self.out(t("sms.made_admin", number=phone, group=self.group.name))

    def drop_admin(self, args: str) -> Outcome:
        phone, _ = self._target(args)
        if phone is None:
            return self._bad_phone("BEHEERDER AF")
        target = store.member_in_group(self.db, self.group.id, phone)
        if target is None or not target.is_admin:
            return self.out(t("sms.not_active", number=phone, group=self.group.name))
        if len(store.admins(self.db, self.group.id)) <= 1:
            return self.out(t("sms.last_admin", group=self.group.name))
        target.is_admin = False
        self._tell_admins("admin_removed", target)
        return self.out(t("sms.admin_removed", number=phone, group=self.group.name))

    def status(self, args: str) -> Outcome:
        alert = store.latest_alert(self.db, [self.group.id])
        if alert is None:
            return self.out(t("sms.status_none", group=self.group.name))
        counts: dict[tuple[str, str], int] = {
            (channel, state): n
            for channel, state, n in self.db.execute(
                select(Delivery.channel, Delivery.state, func.count())
                .where(Delivery.alert_id == alert.id, Delivery.kind == DeliveryKind.ALERT)
                .group_by(Delivery.channel, Delivery.state)
            )
        }
        local = alert.created_at.astimezone(ZoneInfo(self.router.config["TIMEZONE"])).strftime("%H:%M")
        text = t("sms.status", time=local, category=t(f"sms.category.{alert.category}"),
                 called=t(f"sms.called.{alert.emergency_called}"),
                 sent=counts.get(("sms", "sent"), 0), delivered=counts.get(("sms", "delivered"), 0),
                 failed=counts.get(("sms", "failed"), 0) + counts.get(("sms", "undelivered"), 0))
        voice = {state: n for (channel, state), n in counts.items() if channel == "voice"}
        if voice:
            text += " " + t("sms.status_voice", called=sum(voice.values()),
                            confirmed=voice.get("confirmed", 0), machine=voice.get("machine", 0),
                            failed=voice.get("failed", 0))
        return self.out(text)

    def test(self, args: str) -> Outcome:
        store.queue_sms(self.db, self.admin, t("sms.test", group=self.group.name), DeliveryKind.TEST)
        self.router.queued = True
        return self.out(t("sms.test_queued"))

    def sign(self, args: str) -> Outcome:
        street = clean_free_text(args, 120)
        if not street:
            return self.out(t("sms.sign_empty"))
        store.add_sign_request(self.db, self.group.id, self.admin, street)
        store.audit(self.db, self.group.id, self.admin, "sign_requested", None, street)
        return self.out(t("sms.sign", street=street))


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
