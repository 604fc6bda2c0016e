"""Local time as members read and hear it: one place turns a UTC moment into "14:05"."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def local(moment: datetime, timezone: str) -> datetime:
    """The moment in the line's time zone (TIMEZONE)."""
    return moment.astimezone(ZoneInfo(timezone))


def hhmm(moment: datetime, timezone: str) -> str:
    """The moment's local time of day, as an alert or a reply says it ("14:05")."""
    return local(moment, timezone).strftime("%H:%M")
