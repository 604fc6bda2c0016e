"""Runs the broadcast engine off the request: in this process (threads) or on Celery workers."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Protocol

from ivr.sending.engine import Broadcast

log = logging.getLogger(__name__)

MINUTE = 60
# The Celery tasks' names (ivr/tasks.py registers them under these).
SEND_ALERT = "ivr.send_alert"
SWEEP = "ivr.sweep"
PURGE = "ivr.purge"
REMIND = "ivr.remind"


class Dispatcher(Protocol):
    """Starts sending off the request once a unit of work that queued deliveries commits."""

    def queued(self, what: set[int | None]) -> None:
        """Start sending what a committed unit of work queued: alerts' ids, None for others."""

    def every_minute(self, job: Callable[[], object]) -> None:
        """Ask `job` about once a minute; it decides itself whether it is due."""

    def start(self) -> None: ...

    def stop(self, timeout: float = 30) -> None: ...

    def wait_idle(self, timeout: float | None = None) -> bool: ...


def _queued(dispatcher, what: set[int | None]) -> None:
    for alert_id in sorted(a for a in what if a is not None):
        dispatcher.alert_created(alert_id)
    if None in what:
        dispatcher.send_due()


class EmbeddedDispatcher:
    """Sends in this process: planner threads run broadcasts; a sweeper resumes what waits."""

    def __init__(self, broadcast: Broadcast, sweep_seconds: float):
        self.broadcast = broadcast
        self.sweep_seconds = sweep_seconds
        self._planner = ThreadPoolExecutor(2, thread_name_prefix="broadcast")
        self._lock = threading.Lock()
        self._jobs: set[Future] = set()
        self._sweeper: threading.Thread | None = None
        self._daily: list = []
        self._last_daily = 0.0
        self._stopping = threading.Event()

    def every_minute(self, job) -> None:
        """Ask `job` once a minute from the sweeper (the nightly purge asks if it is due)."""
        self._daily.append(job)

    def queued(self, what: set[int | None]) -> None:
        """Start sending what a committed unit of work queued."""
        _queued(self, what)

    def alert_created(self, alert_id: int) -> None:
        """Start sending a committed alert; returns at once."""
        self._submit(self.broadcast.run, alert_id)

    def send_due(self) -> None:
        """Send whatever is queued (invitations, notices), in the background."""
        self._submit(self.broadcast.run)

    def sweep(self) -> None:
        """Recover deliveries of dead workers and send whatever is due, in the background."""
        self._submit(self._sweep_now)

    def _submit(self, job, *args) -> None:
        if self._stopping.is_set():  # shutting down: the rows stay queued for the next process
            return
        try:
            self._track(self._planner.submit(job, *args))
        except RuntimeError:  # the interpreter is exiting: likewise
            log.info("not started while shutting down; the next process sends it")

    def start(self) -> None:
        """Sweep now and then every few seconds, for retries and for work others left behind."""
        with self._lock:
            if self._sweeper is not None:
                return
            self._sweeper = threading.Thread(target=self._sweep_forever, daemon=True, name="sweep")
        self._sweeper.start()

    def drain(self, timeout: float = 60) -> bool:
        """Send until nothing waits, retries included (for tests and the CLI); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.wait_idle(deadline - time.monotonic()):
                return False
            stats = self.broadcast.run()
            if stats.next_due is None:
                return True
            time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
        return False

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every started broadcast has returned; False on timeout."""
        while True:
            with self._lock:
                jobs = set(self._jobs)
            if not jobs:
                return True
            _, pending = wait(jobs, timeout=timeout)
            if pending:
                return False

    def _sweep_now(self) -> None:
        self.broadcast.recover()
        self.broadcast.run()

    def stop(self, timeout: float = 30) -> None:
        """End the sweeper, waiting for a round in progress to finish."""
        self._stopping.set()
        if self._sweeper is not None and self._sweeper is not threading.current_thread():
            self._sweeper.join(timeout)

    def _sweep_forever(self) -> None:
        while not self._stopping.is_set():
            try:
                self._sweep_now()
            except Exception:
                log.exception("sweep failed")
            # The jobs decide themselves whether they are due (the purge: nightly at PURGE_AT,
            # and at start when its last run is older than a day); asked once a minute.
            if time.monotonic() - self._last_daily >= MINUTE or not self._last_daily:
                self._last_daily = time.monotonic()
                for job in self._daily:
                    try:
                        job()
                    except Exception:
                        log.exception("daily job failed")
            self._stopping.wait(self.sweep_seconds)

    def _track(self, job: Future) -> None:
        with self._lock:
            self._jobs.add(job)

        def forget(finished: Future) -> None:
            with self._lock:
                self._jobs.discard(finished)
            if finished.exception() is not None:
                log.error("broadcast failed", exc_info=finished.exception())

        job.add_done_callback(forget)


class Holding:
    """Starts no sending: an operator command leaves what it queued to the line that runs.

    The rows stay queued, unclaimed, for the running line's sweep (or the Celery workers), so
    nothing waits a claim's lease because a short-lived process took it and exited.
    """

    def queued(self, what: set[int | None]) -> None:
        """Leave it queued."""

    def every_minute(self, job) -> None:
        """A command runs no timed jobs."""

    def start(self) -> None:
        """Nothing to start."""

    def stop(self, timeout: float = 30) -> None:
        """Nothing runs here to stop."""

    def wait_idle(self, timeout: float | None = None) -> bool:
        return True


class CeleryDispatcher:
    """Hands alerts to Celery workers (CELERY_BROKER_URL or REDIS_URL); they run the engine."""

    def __init__(self, celery_app):
        self.celery = celery_app
        # The webhook never waits on the broker: the deliveries are committed, and if this
        # hand-off is lost the workers' periodic sweep sends them.
        self._handoff = ThreadPoolExecutor(1, thread_name_prefix="celery-handoff")

    def queued(self, what: set[int | None]) -> None:
        """Hand what a committed unit of work queued to the workers."""
        _queued(self, what)

    def alert_created(self, alert_id: int) -> None:
        self._handoff.submit(self._publish, alert_id)

    def _publish(self, alert_id: int) -> None:
        try:
            self.celery.send_task(SEND_ALERT, args=[alert_id])
        except Exception:
            log.exception("could not reach the broker for alert %s; the sweep will send it", alert_id)

    def send_due(self) -> None:
        self._handoff.submit(self._publish_sweep)

    def sweep(self) -> None:
        self._handoff.submit(self._publish_sweep)

    def _publish_sweep(self) -> None:
        try:
            self.celery.send_task(SWEEP)
        except Exception:
            log.exception("could not reach the broker; the beat sweep will send it")

    def every_minute(self, job) -> None:
        """Timed jobs run from the workers' beat schedule (see ivr/tasks.py)."""

    def stop(self, timeout: float = 30) -> None:
        """Nothing runs here to stop."""

    def start(self) -> None:
        """Nothing to start in a web process: the workers' beat schedule sweeps."""

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until the hand-offs so far have reached the broker."""
        return wait([self._handoff.submit(lambda: None)], timeout=timeout).not_done == set()
