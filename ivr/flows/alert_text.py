"""The alert SMS: essentials first, one 112 phrase, GSM-7, at most two segments."""
from __future__ import annotations

from datetime import datetime

from ivr.flows import clock, gsm, phones
from ivr.flows.catalogue import t

# A location is an essential and is never trimmed in the SMS, so it is bounded on input.
MAX_LOCATION = 100
MAX_GROUP_NAME = 40


def clean_free_text(text: str, limit: int | None = None) -> str:
    """Prepare caller-given text for an alert: no phone numbers, GSM-7, one line."""
    cleaned = gsm.clean(phones.redact(text or "", placeholder=t("sms.redacted_number")))
    return gsm.truncate(cleaned, limit) if limit else cleaned


def compose(
    *,
    group: str,
    created_at: datetime,
    category: str,
    location: str,
    emergency_called: str,
    description: str,
    timezone: str = "Europe/Amsterdam",
) -> str:
    """Write the alert SMS; only the description is shortened to fit two segments."""
    where = clean_free_text(location, MAX_LOCATION)
    head = t(
        "sms.alert.head" if where else "sms.alert.head_nowhere",
        group=gsm.clean(group),
        time=clock.hhmm(created_at, timezone),
        category=t(f"sms.category.{category}"),
        location=where,
    )
    status = t(f"sms.alert.status.{emergency_called}")
    safety = t("sms.alert.safety")
    essentials = f"{head} {status} {safety}"
    described = clean_free_text(description).rstrip(" ,;:-")
    if described:
        # Speech recognition often starts lower-case; the description starts a sentence.
        described = described[0].upper() + described[1:]
    if described and described[-1] not in ".!?":
        described += "."
    if described:
        budget = gsm.MAX_SEPTETS - gsm.septets(essentials) - 1
        described = gsm.truncate(described, budget)
    parts = [head, status, described, safety]
    return " ".join(p for p in parts if p)
