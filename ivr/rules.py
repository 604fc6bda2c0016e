"""Group rules shared by the voice and SMS channels: hourly limits, and masking offensive words."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from ivr import moderation
from ivr.catalogue import t
from ivr.storage import sms as store
from ivr.storage.models import Alert, Member, utcnow


def over_limit(db: Session, member: Member, config: Mapping) -> bool:
    """True past the hourly limits; the group's admins are told once an hour (queued SMS)."""
    per_member = store.alerts_in_last_hour(db, member_id=member.id)
    per_group = store.alerts_in_last_hour(db, group_id=member.group_id)
    if (
        per_member < config["ALERTS_PER_MEMBER_PER_HOUR"]
        and per_group < config["ALERTS_PER_GROUP_PER_HOUR"]
    ):
        return False
    since = utcnow() - timedelta(hours=1)
    if not store.audited_since(db, member.group_id, "limit_reached", since):
        store.audit(db, member.group_id, member, "limit_reached", member.phone)
        store.notify_admins(db, member.group_id, t("sms.limit_admins", group=member.group.name))
    return True


def mask_speech(text: str) -> tuple[str, bool]:
    """Mask offensive words in spoken text; True when something abusive was masked."""
    verdict = moderation.check(text)
    return verdict.masked, verdict.blocked


def tell_admins_masked(db: Session, alert: Alert, timezone: str) -> None:
    """Tell the group's admins that words were left out of an alert."""
    local = alert.created_at.astimezone(ZoneInfo(timezone)).strftime("%H:%M")
    store.audit(db, alert.group_id, None, "words_masked", None, f"alert {alert.id}")
    store.notify_admins(db, alert.group_id, t("sms.masked_admins", group=alert.group.name, time=local))
