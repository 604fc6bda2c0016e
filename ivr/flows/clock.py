"""Local time as members read and hear it: one place turns a UTC moment into "14:05"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


def local(moment: datetime, timezone: str) -> datetime:
    """The moment in the line's time zone (TIMEZONE)."""
    return moment.astimezone(ZoneInfo(timezone))


def hhmm(moment: datetime, timezone: str) -> str:
    """The moment's local time of day, as an alert or a reply says it ("14:05")."""
    return local(moment, timezone).strftime("%H:%M")


@dataclass(frozen=True)
class Window:
    """A daily window of local time, "21:00-08:00": from `start` up to `end` (exclusive),
    across midnight when it ends earlier than it starts."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def contains(self, moment: datetime, timezone: str) -> bool:
        now = local(moment, timezone).time().replace(second=0, microsecond=0)
        if self.start <= self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def until(self, moment: datetime, timezone: str) -> datetime | None:
        """The window's end when `moment` is in it (what it holds waits until then), else None."""
        return self.ends_after(moment, timezone) if self.contains(moment, timezone) else None

    def ends_after(self, moment: datetime, timezone: str) -> datetime:
        """The first end of the window after `moment` (aware, in the line's time zone)."""
        here = local(moment, timezone)
        end = here.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
        return end if end > here else (end + timedelta(days=1)).astimezone(here.tzinfo)


_WINDOW = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


def parse_window(text: str | None) -> Window | None:
    """ "21:00-08:00" as a Window; empty: None (no window). ValueError names a bad one."""
    text = (text or "").strip()
    if not text:
        return None
    match = _WINDOW.match(text)
    if match is None or match.group(1, 2) == match.group(3, 4):
        raise ValueError(f"{text!r} is no window of local time like 21:00-08:00")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    return Window(time(h1, m1), time(h2, m2))
