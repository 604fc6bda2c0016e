"""The broadcast engine: queued delivery rows in, messages handed to the sender, rows updated.

Both ways of running (threads in the web process, Celery workers) call `Broadcast.run`. One
feeder claims due rows in batches, `concurrency` threads hand them to the sender, and one
recorder writes the outcomes back in batches, so the database sees a few transactions per
batch instead of several per message. A row is "sending" from its claim until its outcome is
stored; if the process dies in between, `recover` gives it back with `verify` set, and the next
attempt first asks the provider whether the message went out.

The engine speaks only the line's own outcomes (`Problem`); what Twilio's codes mean is
decided at the provider's edge (ivr/twilio). Text for the admins is the reporting service's, handed in.
"""
from __future__ import annotations

import logging
import queue
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy.orm import Session

from ivr import db
from ivr.flows import clock, gsm
from ivr.flows.destinations import Destinations
from ivr.sending.pace import LocalPace, Pace, slot_lengths
from ivr.sending.sender import Problem, Sender, SendError
from ivr.storage import alerts, deliveries
from ivr.storage.deliveries import Claimed
from ivr.storage.models import Alert, DeliveryKind, utcnow

log = logging.getLogger(__name__)

# Never try SMS to such a number again.
UNREACHABLE = (Problem.INVALID_NUMBER, Problem.LANDLINE)
RECORD_INTERVAL = 0.05  # seconds the recorder gathers outcomes before one write
RECORD_BATCH = 200
# Messages are claimed no further ahead of their slot than this: what waits unclaimed can be
# overtaken by an alert that comes meanwhile (see claim_batch's order).
LEAD_SECONDS = 1.0
# A message woken later than this after its slot (the process stalled: CPU, GIL, a pause) is
# booked a new slot instead: sent late, it would fall into the next slots' second with them.
# Well under a slot's margin (pace.MARGIN), which covers the rest: the wire's own jitter.
LATE_SECONDS = 0.03
REBOOKS = 20  # a process stalled this often in a row sends anyway: it cannot pace at all
# How long the feeder gathers sending threads that come free, to claim and book them together.
GATHER_SECONDS = 0.02


@dataclass(frozen=True)
class Policy:
    """How hard to try: concurrency, bounded retries with backoff, and the claim lease."""

    concurrency: int = 50
    max_attempts: int = 0  # 0: no fixed count, only the retry window
    retry_window: timedelta = timedelta(minutes=10)
    backoff_base: float = 2.0
    backoff_cap: float = 30.0  # a passing error is worth a try every half minute at least
    lease: timedelta = timedelta(seconds=60)
    calls_per_second: float = 1.0
    sms_per_second: float = 10.0  # message segments a second, for the whole line
    # Alert SMS (and what belongs to them) Twilio could not deliver by then are dropped.
    alert_validity: int | None = 900
    # How long a send still in flight at the provider may yet be accepted: twice the client's
    # time-out. An unknown outcome is not looked up (and so not resent) before then.
    in_flight: timedelta = timedelta(seconds=30)
    # What can wait is held in `quiet_hours`; members who asked are not called in `night_hours`.
    quiet_hours: clock.Window | None = None
    night_hours: clock.Window | None = None
    timezone: str = "Europe/Amsterdam"

    @classmethod
    def from_config(cls, config) -> "Policy":
        return cls(
            concurrency=config["SEND_CONCURRENCY"],
            max_attempts=config["SEND_MAX_ATTEMPTS"],
            retry_window=timedelta(seconds=config["SEND_RETRY_WINDOW_SECONDS"]),
            backoff_base=config["SEND_BACKOFF_SECONDS"],
            lease=timedelta(seconds=config["SEND_LEASE_SECONDS"]),
            calls_per_second=config["CALLS_PER_SECOND"],
            sms_per_second=config["SMS_PER_SECOND"],
            alert_validity=config["ALERT_VALIDITY_SECONDS"] or None,
            in_flight=timedelta(seconds=2 * config["TWILIO_TIMEOUT_SECONDS"]),
            quiet_hours=clock.parse_window(config.get("QUIET_HOURS")),
            night_hours=clock.parse_window(config.get("NIGHT_HOURS")),
            timezone=config.get("TIMEZONE", "Europe/Amsterdam"),
        )

    def held(self, now: datetime) -> tuple[str, ...]:
        """The kinds that wait now: what can wait, in the quiet hours; nothing otherwise."""
        if self.quiet_hours is not None and self.quiet_hours.contains(now, self.timezone):
            return deliveries.CAN_WAIT
        return ()

    def held_until(self, now: datetime) -> datetime | None:
        """When what is held now may go (the end of the quiet hours), or None."""
        return self.quiet_hours.until(now, self.timezone) if self.quiet_hours is not None else None

    def night(self, now: datetime) -> bool:
        """True in the night hours, when members who asked (NACHT UIT) are not called."""
        return self.night_hours is not None and self.night_hours.contains(now, self.timezone)

    def backoff(self, attempt: int) -> float:
        """Seconds before attempt `attempt` + 1: exponential, capped, with jitter."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)


# --- Outcomes of one attempt ---------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    sid: str


@dataclass(frozen=True)
class Retry:
    """A passing failure: try again later; `verify` when the provider may have it already."""

    code: int | None
    message: str
    verify: bool
    not_before: datetime | None = None  # no look-up before then: the send may still land


@dataclass(frozen=True)
class Released:
    """Never tried (a shutdown came before its slot): back to the queue as it was."""


@dataclass(frozen=True)
class Failed:
    """A delivery that will not go through; `problem` says why, `code` is the provider's."""

    code: int | None
    message: str
    problem: Problem = Problem.REJECTED

    @property
    def opted_out(self) -> bool:
        return self.problem is Problem.OPTED_OUT

    @property
    def unreachable(self) -> bool:
        return self.problem in UNREACHABLE


def classify(error: SendError) -> Retry | Failed:
    """Decide what a failed send means for this delivery."""
    if error.problem in (Problem.NO_ANSWER, Problem.PROVIDER_ERROR):
        # It may have been accepted: look it up before any resend.
        return Retry(error.code, error.message, verify=True)
    if error.problem is Problem.THROTTLED:
        return Retry(error.code, error.message, verify=False)
    return Failed(error.code, error.message, error.problem)


@dataclass
class RunStats:
    """What one run did."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    alerts: set[int] = field(default_factory=set)
    next_due: datetime | None = None


class Broadcast:
    """Sends due deliveries with bounded concurrency, recording every outcome."""

    def __init__(
        self,
        app: Flask,
        sender: Sender,
        policy: Policy,
        status_callback: str | None,
        call_url: Callable[[int, bool], str | None],
        on_failures: Callable[[Session, int, dict[str, int]], int],
        destinations: Destinations | None = None,
        pace: Pace | None = None,
    ):
        self.app = app
        self.sender = sender
        self.policy = policy
        self.status_callback = status_callback
        # (delivery id, is an invitation) -> where the provider fetches the call's script.
        self.call_url = call_url
        # Queues the admins' summary of an alert's failures; returns how many were queued.
        self.on_failures = on_failures
        # Checked again just before each send: a row that breaks the policy is never sent.
        self.destinations = destinations or Destinations()
        # One schedule for every process that sends: SMS_PER_SECOND and CALLS_PER_SECOND
        # hold for the line, not per process (see pace.py).
        self.pace = pace or LocalPace()
        # One pool and one bound per process, however many runs (alerts, sweeps) overlap.
        self._pool = ThreadPoolExecutor(policy.concurrency, thread_name_prefix="send")
        self._slots = threading.BoundedSemaphore(policy.concurrency)
        # Set on shutdown (SIGTERM): stop claiming, finish what is in flight, hand back the rest.
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Stop claiming; runs finish their sends in flight and hand back what they claimed."""
        self._stopping.set()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def run(self, alert_id: int | None = None) -> RunStats:
        """Send what is due, in the line's sending order; then finish alerts and tell admins.

        `alert_id` only says what woke the run: every run sends in the one order of the queue
        (see claim_batch), so a run for one alert never overtakes a more urgent one.
        """
        stats = RunStats()
        while not self.stopping:
            # Calls go in their own paced lane, beside the SMS: pacing never holds SMS back.
            voice = threading.Thread(target=self._drain_voice, args=(stats,), name="calls")
            voice.start()
            self._drain(stats)
            voice.join()
            if not self._finish(stats):
                break
        now = utcnow()
        with db.unit_of_work(self.app, dispatch=False, reads_only=True) as session:
            stats.next_due = deliveries.next_due(session, self.policy.held(now), self.policy.held_until(now))
        return stats

    def recover(self) -> int:
        """Give back deliveries whose worker died mid-send (their claim outlived the lease)."""
        with db.unit_of_work(self.app, dispatch=False) as session:
            count = deliveries.requeue_stale(session, utcnow() - self.policy.lease)
            deliveries.apply_early(session)
        if count:
            log.warning("recovered %d deliveries left in sending; they are verified first", count)
        return count

    # --- the three roles: feeder (this thread), senders (the pool), recorder (a thread) ----

    def _drain(self, stats: RunStats) -> None:
        outcomes: queue.Queue = queue.Queue()
        recorder = threading.Thread(target=self._record, args=(outcomes, stats), name="record")
        recorder.start()
        # Count this run's jobs rather than keep their futures: memory stays flat in N.
        in_flight = _Counter()
        rate = self.policy.sms_per_second
        try:
            while not self.stopping:
                room = self._room("sms", rate, LEAD_SECONDS)
                if not room:
                    continue
                # A slot is booked only for a message with a thread free to send it at that
                # moment: booked ahead of a free thread, it would be sent late (and booked
                # again) whenever the provider's answers, not the budget, set the pace.
                threads = self._free_threads(min(room, self.policy.concurrency))
                # Claimed only what the budget lets out within LEAD_SECONDS: what is not
                # claimed yet can still be overtaken by an alert that comes now.
                with db.unit_of_work(self.app) as session:
                    batch = deliveries.claim_batch(session, threads, channel="sms",
                                                   hold=self.policy.held(utcnow()))
                for _ in range(threads - len(batch)):
                    self._slots.release()
                if not batch:
                    break
                starts = self.pace.book("sms", slot_lengths([gsm.segments(c.body) for c in batch], rate))
                booked = time.monotonic()  # the waits count from the moment the booking is in
                for n, (claimed, wait) in enumerate(zip(batch, starts)):
                    if self.stopping:  # shutting down: these were never tried; give them back
                        for _ in batch[n:]:
                            self._slots.release()
                        self._hand_back(batch[n:])
                        break
                    in_flight.add()
                    slot = _Slot("sms", gsm.segments(claimed.body), rate, booked + wait)
                    self._pool.submit(self._attempt_and_report, claimed, outcomes, in_flight, slot)
            in_flight.wait_zero()
        finally:
            outcomes.put(None)
            recorder.join()

    def _free_threads(self, wanted: int) -> int:
        """Take up to `wanted` sending threads: wait for one, then gather those that come free
        within GATHER_SECONDS (one claim and one booking for several, not one for each)."""
        self._slots.acquire()
        taken = 1
        until = time.monotonic() + GATHER_SECONDS
        while taken < wanted and self._slots.acquire(timeout=max(0.0, until - time.monotonic())):
            taken += 1
        return taken

    def _room(self, lane: str, rate: float, lead: float) -> int:
        """How many messages to claim now: what the lane's budget lets out within `lead` seconds.

        0 (after a short wait) while the lane is booked further ahead than that.
        """
        booked = self.pace.lead(lane)
        if booked >= lead:
            self._stopping.wait(min(booked - lead + 0.01, 0.25))
            return 0
        return max(1, int((lead - booked) * rate))

    def _hand_back(self, claimed: list[Claimed]) -> None:
        """Give claimed rows that were never tried back to the queue, at once, for the next process."""
        with db.unit_of_work(self.app, dispatch=False) as session:
            deliveries.release(session, [c.id for c in claimed])
        log.info("shutting down: %d claimed deliveries handed back", len(claimed))

    def _attempt_and_report(self, claimed: Claimed, outcomes: queue.Queue, in_flight, slot: "_Slot") -> None:
        try:
            if not self._wait_for(slot):
                outcomes.put((claimed, Released()))
                return
            outcomes.put((claimed, self._attempt(claimed)))
        except Exception as exc:  # a bug must not lose the row: it is verified and retried
            log.exception("delivery %s crashed", claimed.id)
            outcomes.put((claimed, Retry(None, f"internal error: {exc}", verify=True)))
        finally:
            self._slots.release()
            in_flight.done()

    def _drain_voice(self, stats: RunStats) -> None:
        """Place due calls one by one, at most `calls_per_second` for the whole line."""
        rate = self.policy.calls_per_second
        while not self.stopping:
            if not self._room("calls", rate, 1 / rate):
                continue
            with db.unit_of_work(self.app) as session:
                batch = deliveries.claim_batch(session, 1, channel="voice", hold=self.policy.held(utcnow()))
            if not batch:
                return
            [wait] = self.pace.book("calls", slot_lengths([1], rate))
            if not self._wait_for(_Slot("calls", 1, rate, time.monotonic() + wait)):
                self._hand_back(batch)
                return
            try:
                outcome = self._attempt(batch[0])
            except Exception as exc:
                log.exception("call %s crashed", batch[0].id)
                outcome = Retry(None, f"internal error: {exc}", verify=True)
            try:
                self._store([(batch[0], outcome)], stats)
            except Exception:
                log.exception("could not record call %s", batch[0].id)

    def _wait_for(self, slot: "_Slot") -> bool:
        """Sleep until the slot, booking a new one when woken too late; False on a shutdown."""
        at = slot.at
        for _ in range(REBOOKS):
            if not self._wait_until(at):
                return False
            if time.monotonic() - at <= LATE_SECONDS:
                return True
            [wait] = self.pace.book(slot.lane, slot_lengths([slot.cost], slot.rate))
            at = time.monotonic() + wait
        log.warning("%s slot missed %d times in a row: sent late", slot.lane, REBOOKS)
        return True

    def _wait_until(self, at: float) -> bool:
        """Sleep until the slot at `at` (monotonic); False when a shutdown came first."""
        wait = at - time.monotonic()
        if wait > 0:
            return not self._stopping.wait(wait)
        return not self.stopping

    def _attempt(self, claimed: Claimed) -> Sent | Retry | Failed:
        started = utcnow()
        outcome = self._try(claimed)
        if isinstance(outcome, Retry) and outcome.verify and outcome.not_before is None:
            return replace(outcome, not_before=started + self.policy.in_flight)
        return outcome

    def _try(self, claimed: Claimed) -> Sent | Retry | Failed:
        if claimed.stopped:
            return Failed(None, "the number sent STOP: not sent", Problem.OPTED_OUT)
        refusal = self.destinations.refusal(claimed.to, claimed.channel)
        if refusal is not None:
            return Failed(None, f"destination refused ({refusal}): not sent", Problem.NOT_ALLOWED)
        if claimed.channel == "voice":
            return self._attempt_call(claimed)
        if claimed.verify:
            try:
                since = claimed.created_at - timedelta(minutes=1)
                sid = self.sender.find_sent(claimed.to, claimed.body, since)
            except SendError as exc:  # cannot tell yet: never send blind, ask again later
                return Retry(exc.code, f"lookup failed: {exc.message}", verify=True, not_before=utcnow())
            if sid:
                log.info("delivery %s was accepted before (%s): not sent again", claimed.id, sid)
                return Sent(sid)
        # An alert that Twilio could only deliver late would only confuse: it expires instead.
        validity = self.policy.alert_validity if claimed.kind in deliveries.URGENT_KINDS else None
        try:
            return Sent(self.sender.send_sms(claimed.to, claimed.body, self.status_callback, validity))
        except SendError as exc:
            return classify(exc)

    def _attempt_call(self, claimed: Claimed) -> Sent | Retry | Failed:
        if claimed.no_night_calls and claimed.kind in deliveries.URGENT_KINDS and self.policy.night(utcnow()):
            # They asked (NACHT UIT) not to be woken by a call; a silenced mobile decides itself.
            return Failed(None, "not called in the night hours (NACHT UIT)", Problem.NIGHT)
        if claimed.verify:
            try:
                sid = self.sender.find_call(claimed.to, claimed.created_at - timedelta(minutes=1))
            except SendError as exc:
                return Retry(exc.code, f"lookup failed: {exc.message}", verify=True, not_before=utcnow())
            if sid:
                return Sent(sid)
        url = self.call_url(claimed.id, claimed.kind == DeliveryKind.VOICE_INVITATION)
        if url is None:
            return Failed(None, "PUBLIC_URL is not set: the provider cannot fetch the call's script")
        try:
            return Sent(self.sender.place_call(claimed.to, url, self.status_callback))
        except SendError as exc:
            return classify(exc)

    def _record(self, outcomes: queue.Queue, stats: RunStats) -> None:
        done = False
        while not done:
            batch = [outcomes.get()]
            # Gather for a moment: fewer, larger write transactions leave the database free
            # for the webhooks (SQLite has a single writer, and a waiting one sleeps).
            deadline = time.monotonic() + RECORD_INTERVAL
            while batch[-1] is not None and len(batch) < RECORD_BATCH:
                try:
                    batch.append(outcomes.get(timeout=max(0.0, deadline - time.monotonic())))
                except queue.Empty:
                    break
            if batch[-1] is None:
                done = True
                batch.pop()
            if batch:
                try:
                    self._store(batch, stats)
                except Exception:
                    # The rows stay "sending"; recover() verifies and retries them later.
                    log.exception("could not record %d outcomes", len(batch))

    def _store(self, batch: list[tuple[Claimed, Sent | Retry | Failed | Released]], stats: RunStats) -> None:
        now = utcnow()
        with db.unit_of_work(self.app) as session:
            sent = [(c.id, o.sid) for c, o in batch if isinstance(o, Sent)]
            deliveries.record_sent(session, sent, now)
            released = [c.id for c, o in batch if isinstance(o, Released)]
            if released:
                deliveries.release(session, released)
            for claimed, outcome in batch:
                if claimed.alert_id is not None:
                    stats.alerts.add(claimed.alert_id)
                if isinstance(outcome, Retry):
                    self._retry_or_fail(session, claimed, outcome, stats, now)
                elif isinstance(outcome, Failed):
                    self._fail(session, claimed, outcome, stats)
        stats.sent += len(sent)

    def _retry_or_fail(self, session, claimed: Claimed, outcome: Retry, stats: RunStats, now) -> None:
        """Try again with backoff while the alert is worth something (the retry window).

        The rule for an unknown outcome (a time-out, a lost answer, a 5xx, a killed process):
        the provider may still accept a send that was in flight, for as long as the client
        could have waited for it. So the row is looked up (never resent blind) no earlier than
        twice the client's time-out after the send began; a look-up that finds it stores its
        SID, one that does not lets the next attempt send. When the window closes on a row
        that may have reached the provider, it is looked up one last time before it fails.
        """
        at = now + timedelta(seconds=self.policy.backoff(claimed.attempts))
        if outcome.verify and outcome.not_before is not None:
            at = max(at, outcome.not_before)
        exhausted = (
            0 < self.policy.max_attempts <= claimed.attempts
            or at - claimed.created_at > self.policy.retry_window
        )
        if exhausted and outcome.verify and not claimed.verify:
            # Out of time, but the provider may have it: one last look-up, never a blind resend.
            at, exhausted = max(now, outcome.not_before or now), False
        if exhausted:
            self._fail(session, claimed, Failed(outcome.code, outcome.message, Problem.REJECTED), stats)
            return
        deliveries.schedule_retry(
            session, claimed.id, at, outcome.verify, outcome.code, outcome.message
        )
        stats.retried += 1

    def _fail(self, session, claimed: Claimed, outcome: Failed, stats: RunStats) -> None:
        deliveries.record_failed(session, claimed.id, outcome.problem, outcome.code, outcome.message)
        if outcome.opted_out or outcome.unreachable:
            # A landline cannot take SMS: from now on the member is called instead.
            deliveries.mark_member(
                session,
                claimed.id,
                opted_out=outcome.opted_out,
                sms_error=(outcome.code or -1) if outcome.unreachable else None,
                landline=outcome.problem is Problem.LANDLINE,
            )
        stats.failed += 1

    def _finish(self, stats: RunStats) -> bool:
        """Mark finished alerts sent; queue one summary for the admins where some failed."""
        queued_more = False
        for alert_id in sorted(stats.alerts):
            with db.unit_of_work(self.app, dispatch=False) as session:
                if not deliveries.finish_alert(session, alert_id):
                    continue
                self._log_finished(session, alert_id)
                failed = deliveries.failures(session, alert_id)
                if failed and deliveries.take_summary_turn(session, alert_id):
                    queued_more |= self.on_failures(session, alert_id, failed) > 0
        return queued_more


    def _log_finished(self, session: Session, alert_id: int) -> None:
        """One line per finished alert, for the operator: ids and counts, never numbers or text."""
        alert = session.get(Alert, alert_id)
        counts = alerts.delivery_counts(session, [alert_id])[alert_id]
        by_state: dict[str, int] = {}
        for states in counts.values():
            for state, n in states.items():
                by_state[state] = by_state.get(state, 0) + n
        failed = by_state.get("failed", 0) + by_state.get("undelivered", 0)
        log.info(
            "alert finished", extra={
                "alert_id": alert_id, "group_id": alert.group_id,
                "recipients": sum(by_state.values()), "sent": sum(by_state.values()) - failed,
                "failed": failed, "seconds": round((utcnow() - alert.created_at).total_seconds(), 1),
            },
        )


@dataclass(frozen=True)
class _Slot:
    """A message's booked moment (monotonic) in its lane, and what booking it again costs."""

    lane: str
    cost: int
    rate: float
    at: float


class _Counter:
    """Jobs of one run still going; `wait_zero` returns when they have all reported."""

    def __init__(self) -> None:
        self._count = 0
        self._cond = threading.Condition()

    def add(self) -> None:
        with self._cond:
            self._count += 1

    def done(self) -> None:
        with self._cond:
            self._count -= 1
            if self._count == 0:
                self._cond.notify_all()

    def wait_zero(self) -> None:
        with self._cond:
            self._cond.wait_for(lambda: self._count == 0)

