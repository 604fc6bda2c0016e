"""Inbound SMS: routing, and the members' own commands; admin keywords are in admin.py.

Routing follows the table in ivr/flows/conversation.py: a repeated SMS gets its first reply
and nothing else; STOP and START work whatever else is going on; people who are not (yet)
members get invitation answers or a kind explanation; photos are never forwarded; an open
question takes its answer; then the keywords; free text gets how to report.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy.orm import Session

from ivr.flows import catalogue, clock, gsm, keywords, moderation, phones
from ivr.flows.alert_text import MAX_LOCATION, clean_free_text
from ivr.flows.catalogue import every, plural, t
from ivr.flows.conversation import (
    ADMIN_COMMANDS,
    INVITEE_ANSWERS,
    OWN_DATA,
    WAITING,
    SmsState,
    waiting,
)
from ivr.services import admin, joining, membership, reporting
from ivr.storage import alerts, conversations, deliveries, inbound, members, refusals
from ivr.storage.models import DeliveryKind, Member, MemberStatus, utcnow

CALLED_112_WINDOW = timedelta(hours=2)  # a 112 reply is about an alert this recent
MAX_CHOICES = 4  # groups or alerts offered in one SMS question
ENGLISH_ONLY = frozenset({"JOIN"})  # keywords only an English speaker would write


def handle(session: Session, sms: keywords.Sms, config: Mapping) -> str | None:
    """Answer one inbound SMS (the caller commits); None sends no reply."""
    phone = phones.try_normalise(sms.sender)
    seen = inbound.first_time(session, sms.sid, phone or (sms.sender or "")[:20])
    if seen is None:  # delivered before: same reply, no second effect
        return inbound.reply_for(session, sms.sid)
    reply = Router(session, phone, sms, config).route()
    if reply:
        reply = gsm.truncate(gsm.clean(reply), gsm.MAX_SEPTETS)
    if phone is None or not membership.destinations(config).allows(phone, "sms"):
        # A reply is an SMS too: none to numbers the line may not text (premium, foreign, ...).
        reply = None
    seen.reply = reply
    return reply


class Router:
    """Decides what one SMS means for its sender."""

    def __init__(self, session: Session, phone: str | None, sms: keywords.Sms, config: Mapping):
        self.session = session
        self.phone = phone
        self.sms = sms
        self.config = config
        self.command = keywords.parse(sms.body)
        # Every reply is in the sender's language: the one their memberships read (TAAL).
        stored = members.language_of(session, phone) if phone else None
        self.lang = catalogue.language(stored)
        # A number the line does not know writes in English when it uses the English keyword.
        if stored is None and self.command.keyword and self.command.text.split()[0].upper() in ENGLISH_ONLY:
            self.lang = "en"

    def route(self) -> str | None:
        if self.phone is None:
            return t("sms.reply.stranger", self.lang)
        keyword = self.command.keyword
        if keyword == "STOP":
            membership.opt_out(self.session, self.phone)
            conversations.end_conversations(self.session, self.phone)
            return t("sms.opted_out", self.lang)
        if keyword == "START":
            was_stopped = refusals.stopped(self.session, self.phone)
            back = membership.opt_in(self.session, self.phone)
            if back:
                return t("sms.opted_in", self.lang, group=back[0].group.name)
            return t("sms.opted_in_number" if was_stopped else "sms.opted_in_none", self.lang)
        if keyword == "TAAL":
            return self.choose_language()
        if keyword in OWN_DATA:
            mine = membership.memberships(
                self.session, self.phone, MemberStatus.ACTIVE, MemberStatus.INVITED, MemberStatus.OPTED_OUT
            )
            if not mine:
                return t("sms.reply.stranger", self.lang)
            return self.my_data(mine) if keyword == "MIJN_GEGEVENS" else self.erase_me(mine)
        if keyword == "MEEDOEN":  # anyone: a resident in no group, or a member of another
            return self.join()
        active = membership.memberships(self.session, self.phone, MemberStatus.ACTIVE)
        if not active:
            return self.not_a_member()
        if self.sms.media > 0:
            return t("sms.photo", self.lang)
        open_question = conversations.open_conversation(self.session, self.phone)
        declared = waiting(open_question.state) if open_question else None
        answered = open_question is not None and open_question.state == SmsState.ANSWERED
        if answered and WAITING[SmsState.AWAITING_112].answer(self.command):
            return t("sms.report_done", self.lang)  # the same answer again (or twice at once)
        if declared is not None and keyword not in declared.passes:
            answer = declared.answer(self.command)
            if answer is None:
                return self.reask(open_question, declared)
            return self.go_on(open_question, answer, active)
        if keywords.invitation_answer(self.command) in INVITEE_ANSWERS and membership.memberships(
            self.session, self.phone, MemberStatus.INVITED
        ):
            return self.not_a_member()  # a member of one group answering another's invitation
        if keyword == "MELD":
            return self.start_report(active)
        if keyword == "112":
            return self.called_112(active)
        if keyword == "AFGEROND":
            return self.close(active)
        if keyword in ("NACHT_UIT", "NACHT_AAN"):
            return admin.night_calls(self.session, active, self.command.args, keyword == "NACHT_AAN", self.config)
        if keyword == "HELP":
            return t("sms.help.admin" if any(m.is_admin for m in active) else "sms.help.member", self.lang)
        if keyword in ADMIN_COMMANDS:
            group_admin = next((m for m in active if m.is_admin), None)
            if group_admin is None:
                return t("sms.not_admin", self.lang)
            return admin.run(self.session, group_admin, keyword, self.command.args, self.config)
        late = WAITING[SmsState.AWAITING_112]
        if late.answer(self.command) and conversations.expired_conversation(
            self.session, self.phone, (SmsState.AWAITING_112, SmsState.REMINDED_112, SmsState.LAPSED)
        ):
            conversations.end_conversations(self.session, self.phone)
            return t(late.lapsed, self.lang)
        meant = keywords.did_you_mean(self.command, any(m.is_admin for m in active))
        if meant:  # a typo of a keyword: say what it may have meant, and do nothing
            rest = " ".join(self.command.text.split()[1:])
            return t("sms.did_you_mean", self.lang, keyword=f"{meant} {rest}".strip())
        return t("sms.how_to_report", self.lang)

    # --- not (yet) a member ---------------------------------------------------------------

    def not_a_member(self) -> str:
        invited = membership.memberships(self.session, self.phone, MemberStatus.INVITED)
        keyword = keywords.invitation_answer(self.command) if invited else self.command.keyword
        if invited and keyword == "JA":
            membership.accept(self.session, invited)
            return t("sms.joined", self.lang, group=invited[0].group.name)
        if invited and keyword == "NEE":
            membership.decline(self.session, invited)
            return t("sms.declined", self.lang, group=invited[0].group.name)
        if invited:
            return t("sms.invite_again", self.lang, group=invited[0].group.name)
        if membership.memberships(self.session, self.phone, MemberStatus.OPTED_OUT):
            return t("sms.opted_out", self.lang)
        if keyword in ("JA", "NEE"):
            return t("sms.no_invitation", self.lang)
        return t("sms.reply.stranger", self.lang)

    def join(self) -> str:
        """MEEDOEN <postcode> [nummer] [naam en straat]: ask a group there to invite this number."""
        code, choice, words = keywords.join_request(self.command.args)
        if code is None:
            return t("sms.join.how", self.lang)
        found = joining.covering(self.session, code)
        if not found:
            return t("sms.join.none", self.lang, postcode=str(code))
        if len(found) > 1 and not (choice and choice <= len(found)):
            return t("sms.join.choose", self.lang, postcode=str(code), options=_options([g.name for g in found]))
        group = found[choice - 1] if len(found) > 1 else found[0]
        outcome = joining.request(self.session, group, self.phone, "sms", words, self.config, self.lang)
        return t(f"sms.join.{outcome}", self.lang, group=group.name)

    # --- members' own data -----------------------------------------------------------------

    def choose_language(self) -> str:
        """TAAL EN / LANGUAGE TR / TAAL NL: the sender's language, for every group they are in,
        confirmed in it. A number the line does not know is answered in it, and nothing is kept."""
        words = self.command.args.split()
        chosen = catalogue.language_word(words[0]) if words else None
        if chosen is None:
            return t("sms.language.which", self.lang)
        if not membership.set_language(self.session, self.phone, chosen):
            return t("sms.reply.stranger", chosen)
        self.lang = chosen
        return t("sms.language.set", chosen)

    def my_data(self, mine: list[Member]) -> str:
        """What is stored about the sender, in one or two SMS."""
        first = mine[0]
        reported = alerts.alerts_reported(self.session, [m.id for m in mine])
        return t(
            "sms.my_data", self.lang, phone=self.phone, name=first.name or "-", street=first.street or "-",
            groups=", ".join(f"{m.group.name} ({t('sms.status.' + m.status, self.lang)})" for m in mine),
            since=(first.consent_at or first.created_at).strftime("%d-%m-%Y"),
            channel=t(f"sms.channel.{first.channel}", self.lang), reported=reported,
            language=t(f"sms.language.name.{first.language}", self.lang),
            days=self.config["RETENTION_DAYS"],
        )

    def erase_me(self, mine: list[Member]) -> str:
        """Leave every group now and erase what is stored; the admins hear one member left."""
        membership.erase(self.session, mine)
        return t("sms.erased", self.lang)

    # --- reporting ------------------------------------------------------------------------

    def start_report(self, active: list[Member]) -> str:
        text = clean_free_text(self.command.args)
        if not text:
            return t("sms.meld_empty", self.lang)
        if moderation.check(text).blocked:
            return t("sms.rephrase", self.lang)
        if len(active) > 1:
            offered = active[:MAX_CHOICES]
            names = [m.group.name for m in offered]
            self.ask(offered[0], SmsState.AWAITING_GROUP,
                     {"text": text, "groups": [m.group_id for m in offered], "labels": names})
            return t("sms.ask_group", self.lang, options=_options(names))
        return self.report_in(active[0], text)

    def report_in(self, member: Member, text: str, location: str | None = None) -> str:
        """Go on with a report in the member's group: ask where if the text names no place, then 112."""
        if reporting.over_limit(self.session, member, self.config):
            return t("sms.limit", self.lang)
        place = location or keywords.find_place(text)
        data = {"text": text, "group_id": member.group_id}
        if not place:
            self.ask(member, SmsState.AWAITING_WHERE, data)
            return t("sms.ask_where", self.lang)
        self.ask(member, SmsState.AWAITING_112, {**data, "location": clean_free_text(place, MAX_LOCATION)})
        return t("sms.ask_112", self.lang)

    def ask(self, member: Member, state: SmsState, data: dict) -> None:
        conversations.start_conversation(self.session, member, state, data, WAITING[state].lasts)

    def reask(self, conversation, declared) -> str:
        if conversation.state in (SmsState.AWAITING_GROUP, SmsState.AWAITING_ALERT, SmsState.AWAITING_CLOSE):
            return t(declared.reask, self.lang, options=_options(conversation.data["labels"]))
        return t(declared.reask, self.lang)

    def go_on(self, conversation, answer: str, active: list[Member]) -> str:
        """The answer to an open question: the next question, or the report sent."""
        state = SmsState(conversation.state)
        if state in (SmsState.AWAITING_112, SmsState.REMINDED_112):
            return self.finish_report(conversation, answer)
        data = conversation.data
        if state == SmsState.AWAITING_GROUP:
            ids = data["groups"]
            if not 1 <= int(answer) <= len(ids):
                return self.reask(conversation, WAITING[state])
            member = next((m for m in active if m.group_id == ids[int(answer) - 1]), None)
            if member is None or not self.took(conversation):
                return t("sms.report_done", self.lang)
            return self.report_in(member, data["text"])
        if state == SmsState.AWAITING_WHERE:
            member = next((m for m in active if m.group_id == data["group_id"]), None)
            if member is None or not self.took(conversation):
                return t("sms.report_done", self.lang)
            return self.report_in(member, data["text"], location=clean_free_text(answer, MAX_LOCATION))
        if state == SmsState.AWAITING_CLOSE:
            return self.close_chosen(conversation, answer, active)
        # AWAITING_ALERT: which alert 112 was called for
        ids = data["alerts"]
        if not 1 <= int(answer) <= len(ids):
            return self.reask(conversation, WAITING[state])
        if not self.took(conversation):
            return t("sms.112.already", self.lang)
        alert = alerts.alert_by_id(self.session, ids[int(answer) - 1])
        return self.mark_called(alert, active) if alert else t("sms.112.none", self.lang)

    def took(self, conversation) -> bool:
        """Claim the answer to this question: one SMS acts on it, however many arrive at once."""
        return conversations.take(self.session, conversation.id, conversation.state, SmsState.ANSWERED)

    def finish_report(self, conversation, emergency_called: str) -> str:
        if not self.took(conversation):
            return t("sms.report_done", self.lang)  # another answer to the same question came first
        text = conversation.data["text"]
        submitted = reporting.submit(
            self.session,
            reporting.Report(
                group_id=conversation.data["group_id"],
                reporter_id=conversation.member_id,
                channel="sms",
                category=keywords.guess_category(text),
                location=conversation.data.get("location", ""),
                description=text,
                emergency_called=emergency_called,
            ),
            self.config,
        )
        if submitted.alert is None:
            return t("sms.limit", self.lang)
        key = "sms.sent_not_called" if emergency_called == "no" else "sms.sent"
        return t(key, self.lang, count=submitted.recipients)

    def called_112(self, active: list[Member]) -> str:
        recent = alerts.alerts_within(self.session, [m.group_id for m in active], CALLED_112_WINDOW)
        if not recent:
            return t("sms.112.none", self.lang)
        if all(a.closed_at is not None for a in recent):
            return t("sms.112.closed", self.lang)
        still_open = [a for a in recent if a.emergency_called != "yes" and a.closed_at is None]
        if not still_open:
            return t("sms.112.already", self.lang)
        if len(still_open) == 1:
            return self.mark_called(still_open[0], active)
        offered = still_open[:MAX_CHOICES]
        labels = self.alert_labels(offered)
        self.ask(active[0], SmsState.AWAITING_ALERT, {"alerts": [a.id for a in offered], "labels": labels})
        return t("sms.ask_alert", self.lang, options=_options(labels))

    def alert_labels(self, offered: list) -> list[str]:
        """ "Molenwijk 14:05 VERDACHT PERSOON": how an SMS question names an alert."""
        tz = self.config["TIMEZONE"]
        return [f"{a.group.name} {clock.hhmm(a.created_at, tz)} {t('sms.category.' + a.category, self.lang)}"
                for a in offered]

    # --- the all-clear ----------------------------------------------------------------------

    def close(self, active: list[Member]) -> str:
        """AFGEROND [words]: the reporter or an admin says the latest open alert is over."""
        verdict, open_alerts = reporting.closable(self.session, active)
        if verdict != "open":
            return t(f"sms.close.{verdict}", self.lang)
        note = self.command.args
        if len(open_alerts) == 1:
            return self.closed(*open_alerts[0], note)
        offered = open_alerts[:MAX_CHOICES]
        labels = self.alert_labels([a for a, _ in offered])
        self.ask(offered[0][1], SmsState.AWAITING_CLOSE,
                 {"alerts": [a.id for a, _ in offered], "labels": labels, "note": note})
        return t("sms.ask_close", self.lang, options=_options(labels))

    def close_chosen(self, conversation, answer: str, active: list[Member]) -> str:
        ids = conversation.data["alerts"]
        if not 1 <= int(answer) <= len(ids):
            return self.reask(conversation, WAITING[SmsState.AWAITING_CLOSE])
        if not self.took(conversation):
            return t("sms.close.already", self.lang)
        alert = alerts.alert_by_id(self.session, ids[int(answer) - 1])
        closer = next((m for m in active if alert is not None and reporting.may_close(m, alert)), None)
        if closer is None:
            return t("sms.close.not_allowed", self.lang)
        return self.closed(alert, closer, conversation.data.get("note", ""))

    def closed(self, alert, closer: Member, note: str) -> str:
        told = reporting.close(self.session, alert, closer, note, self.config)
        if told is None:
            return t("sms.close.already", self.lang)
        return plural("sms.close.done", told, self.lang) if told else t("sms.close.done_nobody", self.lang)

    def mark_called(self, alert, active: list[Member]) -> str:
        """112 is called for `alert`: everyone who got it hears so, but the member who said it."""
        member = next((m for m in active if m.group_id == alert.group_id), None)
        if member is None:
            return t("sms.112.none", self.lang)
        if alert.closed_at is not None:
            return t("sms.112.closed", self.lang)
        if not alerts.mark_112_called(self.session, alert.id, member.id):
            return t("sms.112.already", self.lang)
        at = clock.hhmm(alert.created_at, self.config["TIMEZONE"])
        notice = every("sms.112.notice", group=gsm.clean(alert.group.name), time=at)
        deliveries.queue_to_alert_recipients(self.session, alert.id, notice, DeliveryKind.NOTICE, member.id)
        return t("sms.112.thanks", self.lang)


def _options(labels: list[str]) -> str:
    """ "1 = Molenwijk, 2 = Centrum": the choices of an SMS question."""
    return ", ".join(f"{i} = {label}" for i, label in enumerate(labels, 1))


def remind_and_lapse(session: Session, now=None) -> tuple[int, int]:
    """Ask once more where a question declares a reminder; tell who never answered a report's
    question that nothing was sent. Returns (reminded, lapsed); each is done once per question."""
    now = now or utcnow()
    reminded = lapsed = 0
    for state, declared in WAITING.items():
        if declared.remind_after is not None:
            for conversation in conversations.due_reminders(session, state, now - declared.remind_after, now):
                if conversations.take(session, conversation.id, state, SmsState.REMINDED_112):
                    reminder = t(declared.reminder, conversation.member.language)
                    deliveries.queue_one(session, conversation.member, reminder, DeliveryKind.REPLY)
                    reminded += 1
        if declared.lapse_notice is not None:
            for conversation in conversations.lapsing(session, [state.value], now):
                if conversations.take(session, conversation.id, state, SmsState.LAPSED):
                    notice = t(declared.lapse_notice, conversation.member.language)
                    deliveries.queue_one(session, conversation.member, notice, DeliveryKind.REPLY)
                    lapsed += 1
    return reminded, lapsed
