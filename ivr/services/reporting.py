"""One way to report, whatever the channel: limits, masking, composing the SMS, storing.

A voice call's confirm and an SMS's answer to the 112 question both end in `submit`, so the
hourly limits, the group rule on offensive words and the alert text are the same for both.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy.orm import Session

from ivr.flows import alert_text, clock, gsm, moderation
from ivr.flows.catalogue import each, every, plural, t
from ivr.storage import alerts, audit, deliveries
from ivr.storage.alerts import Report
from ivr.storage.models import Alert, DeliveryKind, Group, Member, utcnow

__all__ = [
    "Report", "Submitted", "submit", "store", "over_limit", "summarise_failures",
    "CLOSE_WINDOW", "may_close", "closable", "close",
]
# An alert can be closed (the all-clear) this long after it was made.
CLOSE_WINDOW = timedelta(hours=12)
MAX_NOTE = 300  # characters of the closer's own words taken in


@dataclass(frozen=True)
class Submitted:
    """What became of a report: the alert and how many it goes to, or why it was refused."""

    alert: Alert | None
    recipients: int = 0
    refused: str | None = None  # "limit": past the hourly limits


def submit(session: Session, report: Report, config: Mapping) -> Submitted:
    """Store a member's report as an alert, unless they or the group are past the limits.

    Offensive words are masked in what is sent; when abusive ones were, the admins are told.
    """
    member = session.get(Member, report.reporter_id) if report.reporter_id else None
    if member is not None and over_limit(session, member, config):
        return Submitted(None, refused="limit")
    where = moderation.check(report.location)
    what = moderation.check(report.description)
    masked = replace(report, location=where.masked, description=what.masked)
    alert, count = store(session, masked, config["TIMEZONE"])
    if where.blocked or what.blocked:
        audit.audit(session, alert.group_id, None, "words_masked", None, f"alert {alert.id}")
        at = clock.hhmm(alert.created_at, config["TIMEZONE"])
        masked = every("sms.masked_admins", group=alert.group.name, time=at)
        deliveries.queue_to_admins(session, alert.group_id, masked)
    return Submitted(alert, count)


def store(session: Session, report: Report, timezone: str) -> tuple[Alert, int]:
    """Compose the alert SMS, once in each language, and store the alert with its deliveries
    (no limits: the caller's)."""
    group = session.get(Group, report.group_id)
    now = utcnow()
    bodies = each(lambda lang: alert_text.compose(
        group=group.name if group else "",
        created_at=now,
        category=report.category,
        location=report.location,
        emergency_called=report.emergency_called,
        description=report.description,
        timezone=timezone,
        lang=lang,
    ))
    return alerts.create_alert(session, report, bodies, now)


def over_limit(session: Session, member: Member, config: Mapping) -> bool:
    """True past the hourly limits; the group's admins are told once an hour."""
    since = utcnow() - timedelta(hours=1)
    per_member = alerts.alerts_since(session, since, member_id=member.id)
    per_group = alerts.alerts_since(session, since, group_id=member.group_id)
    group_full = per_group >= config["ALERTS_PER_GROUP_PER_HOUR"]
    if not group_full and per_member < config["ALERTS_PER_MEMBER_PER_HOUR"]:
        return False
    # The group's limit says so to the admins once an hour; one member's own limit names that
    # member (once an hour), and never claims the whole group is refused.
    action = "limit_reached" if group_full else "member_limit_reached"
    actor_id = None if group_full else member.id
    if not audit.audited_since(session, member.group_id, action, since, actor_id=actor_id):
        audit.audit(session, member.group_id, member, action, member.phone)
        line = (every("sms.limit_admins", group=member.group.name) if group_full else
                every("sms.limit_member_admins", group=member.group.name, who=member.name or member.phone))
        deliveries.queue_to_admins(session, member.group_id, line)
    return True


def may_close(member: Member, alert: Alert) -> bool:
    """Only the alert's reporter, or an admin of its group, says it is over."""
    return member.group_id == alert.group_id and (alert.reporter_id == member.id or member.is_admin)


def closable(session: Session, memberships: list[Member]) -> tuple[str, list[tuple[Alert, Member]]]:
    """What an all-clear from this person can close: ("open", the open alerts of the last
    CLOSE_WINDOW they may close, newest first, each with the membership that may), or why
    nothing: "none" (no alert in the window), "not_allowed", "already" (the newest is closed)."""
    recent = alerts.alerts_within(session, [m.group_id for m in memberships], CLOSE_WINDOW)
    if not recent:
        return "none", []
    theirs = [(a, m) for a in recent for m in memberships if may_close(m, a)]
    if not theirs:
        return "not_allowed", []
    if theirs[0][0].closed_at is not None:
        return "already", []
    return "open", [(a, m) for a, m in theirs if a.closed_at is None]


def close(session: Session, alert: Alert, closer: Member, note: str, config: Mapping) -> int | None:
    """Close `alert` once and queue the all-clear to everyone who got it (and to its reporter
    when an admin closes it), never to the closer; how many are told, None if it was closed.

    The closer's words are taken as a report's are: no phone numbers, offensive words masked.
    """
    if not may_close(closer, alert) or not alerts.close_alert(session, alert.id, closer.id):
        return None
    words = moderation.check(alert_text.clean_free_text(note, MAX_NOTE)).masked
    body = each(lambda lang: alert_text.all_clear(
        group=alert.group.name, created_at=alert.created_at, category=alert.category,
        location=alert.location, note=words, timezone=config["TIMEZONE"], lang=lang,
    ))
    return deliveries.queue_to_alert_recipients(session, alert.id, body, DeliveryKind.ALL_CLEAR, closer.id)


_REASONS = ("opted_out", "invalid", "landline")
_REASON_KEYS = {"opted_out": "stop", "invalid": "invalid", "landline": "landline"}


def summarise_failures(session: Session, alert_id: int, failed: dict[str, int], timezone: str) -> int:
    """Queue one short SMS to each admin who can get one, saying how many were not reached."""
    alert = session.get(Alert, alert_id)
    total = sum(failed.values())
    other = total - sum(failed.get(reason, 0) for reason in _REASONS)

    def summary(lang: str) -> str:
        reasons = [
            t(f"sms.summary.reason.{_REASON_KEYS[reason]}", lang, count=failed[reason])
            for reason in _REASONS if failed.get(reason)
        ]
        if other:
            reasons.append(t("sms.summary.reason.other", lang, count=other))
        return gsm.truncate(
            gsm.clean(t("sms.summary", lang, time=clock.hhmm(alert.created_at, timezone),
                        members=plural("sms.members_count", total, lang), reasons=", ".join(reasons))),
            gsm.SINGLE_SEGMENT,
        )

    return deliveries.queue_to_admins(
        session, alert.group_id, each(summary), DeliveryKind.ADMIN_SUMMARY, alert_id=alert_id
    )
