"""One sending budget for the whole line, shared by every process that sends.

Twilio lets a sender (a number, or a Messaging Service's pool) out at a fixed rate and queues
what comes faster, first in first out, where nothing can overtake it. So the line books each
message a slot on a shared schedule ("lane"), one message segment (or one call) after the
other at the lane's rate, and sends it at its slot: never a burst above the rate, also not at
the start of a broadcast, however many web, Celery and CLI processes send.

The schedule lives in Redis in the scaled mode (a Lua script: one atomic step), and in the
database otherwise (one conditional UPDATE). Should Redis fail, the database keeps the time.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from ivr import db
from ivr.storage import send_pace as pace_store

log = logging.getLogger(__name__)

# A slot is this much longer than 1/rate: a message some 100 ms late on the wire (a busy
# machine) must not let one slot too many fall into the same second at Twilio.
MARGIN = 1.10


class Pace(Protocol):
    """A shared schedule of sending slots per lane."""

    def book(self, lane: str, seconds: Sequence[float]) -> list[float]:
        """Book consecutive slots of these lengths; return how long from now each one starts."""

    def lead(self, lane: str) -> float:
        """How far ahead of now the lane is booked already (0: it is free now)."""


def slot_lengths(costs: Sequence[float], per_second: float) -> list[float]:
    """The slot each message needs: its cost (segments, or 1 call) at the lane's rate."""
    return [max(cost, 1) * MARGIN / per_second for cost in costs]


def _starts(first: float, seconds: Sequence[float], now: float) -> list[float]:
    waits, at = [], first
    for length in seconds:
        waits.append(max(0.0, at - now))
        at += length
    return waits


class LocalPace:
    """The schedule of one process: for tests, and for a line with a single sending process."""

    def __init__(self, clock: Callable[[], float] = time.time):
        self.clock = clock
        self._booked: dict[str, float] = {}
        self._lock = threading.Lock()

    def book(self, lane: str, seconds: Sequence[float]) -> list[float]:
        with self._lock:
            now = self.clock()
            first = max(self._booked.get(lane, 0.0), now)
            self._booked[lane] = first + sum(seconds)
        return _starts(first, seconds, now)

    def lead(self, lane: str) -> float:
        with self._lock:
            return max(0.0, self._booked.get(lane, 0.0) - self.clock())


class DatabasePace:
    """The schedule in the line's database: every process on it shares one budget."""

    def __init__(self, app):
        self.app = app

    def book(self, lane: str, seconds: Sequence[float]) -> list[float]:
        with db.unit_of_work(self.app, dispatch=False) as session:
            first = pace_store.book(session, lane, time.time, sum(seconds))
        # From the moment the booking is in, not from before it waited for the database.
        return _starts(first, seconds, time.time())

    def lead(self, lane: str) -> float:
        with db.unit_of_work(self.app, dispatch=False, reads_only=True) as session:
            return max(0.0, pace_store.booked_until(session, lane) - time.time())


# KEYS[1]: the lane; ARGV[1]: seconds to book. Redis's own clock: one time for every host.
# Returns the seconds from now to the first booked slot, as text (Redis truncates numbers).
_BOOK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local booked = tonumber(redis.call('GET', KEYS[1]) or '0')
if booked < now then booked = now end
redis.call('SET', KEYS[1], string.format('%.6f', booked + tonumber(ARGV[1])), 'EX', 86400)
return string.format('%.6f', booked - now)
"""
_LEAD = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local booked = tonumber(redis.call('GET', KEYS[1]) or '0')
return string.format('%.6f', math.max(0, booked - now))
"""


class RedisPace:
    """The schedule in Redis (the scaled mode's broker); the database's when Redis fails."""

    PREFIX = "buurtlijn:pace:"

    def __init__(self, url: str, fallback: Pace):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self.fallback = fallback
        self._book = self.client.register_script(_BOOK)
        self._lead = self.client.register_script(_LEAD)
        self._failing = False

    def book(self, lane: str, seconds: Sequence[float]) -> list[float]:
        try:
            first = float(self._book(keys=[self.PREFIX + lane], args=[f"{sum(seconds):.6f}"]))
        except Exception as exc:  # Redis is down: the database keeps the time meanwhile
            return self._fall_back(exc).book(lane, seconds)
        self._failing = False
        return _starts(first, seconds, 0.0)

    def lead(self, lane: str) -> float:
        try:
            return float(self._lead(keys=[self.PREFIX + lane]))
        except Exception as exc:
            return self._fall_back(exc).lead(lane)

    def _fall_back(self, exc: Exception) -> Pace:
        if not self._failing:
            log.warning("send pace: Redis failed (%s); pacing in the database meanwhile", exc)
            self._failing = True
        return self.fallback


def for_app(app) -> Pace:
    """The app's schedule: Redis in the scaled mode, otherwise the database."""
    database = DatabasePace(app)
    url = app.config.get("CELERY_BROKER_URL") or ""
    if url.startswith(("redis://", "rediss://")):
        return RedisPace(url, database)
    return database
