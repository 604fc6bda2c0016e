"""Hands an alert's queued deliveries to the sender, in worker threads, off the request."""
from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait

from flask import Flask

from ivr import db
from ivr.sending.senders import Sender, SendError
from ivr.storage import deliveries

log = logging.getLogger(__name__)


def deliver(app: Flask, sender: Sender, delivery_id: int, status_callback: str | None) -> None:
    """Claim one delivery, hand it to the sender, and record what happened."""
    # The claim is committed before sending, so no other worker can send it again.
    with db.unit_of_work(app) as session:
        delivery = deliveries.claim(session, delivery_id)
        if delivery is None:
            return
        to, body = delivery.to_phone, delivery.alert.sms_body
    try:
        sid = sender.send_sms(to, body, status_callback)
    except SendError as exc:
        log.warning("delivery %s failed: %s", delivery_id, exc)
        with db.unit_of_work(app) as session:
            deliveries.record_failed(session, delivery_id, exc.code, exc.message)
        return
    with db.unit_of_work(app) as session:
        deliveries.record_sent(session, delivery_id, sid)


class EmbeddedDispatcher:
    """Sends in this process: one thread plans each alert, a pool of threads sends."""

    def __init__(self, app: Flask, sender: Sender, concurrency: int, status_callback: str | None):
        self.app = app
        self.sender = sender
        self.status_callback = status_callback
        self._planner = ThreadPoolExecutor(1, thread_name_prefix="plan")
        self._senders = ThreadPoolExecutor(concurrency, thread_name_prefix="send")
        self._lock = threading.Lock()
        self._jobs: set[Future] = set()

    def alert_created(self, alert_id: int) -> None:
        """Start sending a committed alert; returns at once."""
        self._track(self._planner.submit(self._send_alert, alert_id))

    def sweep(self) -> None:
        """Pick up alerts whose deliveries still wait (a restart left them behind)."""
        with db.unit_of_work(self.app) as session:
            alert_ids = deliveries.alerts_with_queued(session)
        for alert_id in alert_ids:
            self.alert_created(alert_id)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every started alert is handed over; False on timeout."""
        while True:
            with self._lock:
                jobs = set(self._jobs)
            if not jobs:
                return True
            done, pending = wait(jobs, timeout=timeout)
            if pending:
                return False

    def _track(self, job: Future) -> None:
        with self._lock:
            self._jobs.add(job)

        def forget(finished: Future) -> None:
            with self._lock:
                self._jobs.discard(finished)
            if finished.exception() is not None:
                log.error("sending failed", exc_info=finished.exception())

        job.add_done_callback(forget)

    def _send_alert(self, alert_id: int) -> None:
        with db.unit_of_work(self.app) as session:
            ids = deliveries.queued_ids(session, alert_id)
        jobs = [
            self._senders.submit(deliver, self.app, self.sender, i, self.status_callback)
            for i in ids
        ]
        wait(jobs)
        for job in jobs:
            if job.exception() is not None:
                log.error("delivery crashed", exc_info=job.exception())
        with db.unit_of_work(self.app) as session:
            deliveries.finish_alert(session, alert_id)
