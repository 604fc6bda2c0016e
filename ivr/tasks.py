"""Celery tasks for the scaled mode: `celery -A ivr.tasks worker --beat`.

The tasks run the same engine as the embedded mode. The broker is CELERY_BROKER_URL or
REDIS_URL; a beat schedule sweeps for retries and for work a dead worker left behind.
"""
from __future__ import annotations

from celery import Celery

from ivr import create_app

flask_app = create_app()
celery = Celery(
    "buurtlijn",
    broker=flask_app.config["CELERY_BROKER_URL"],
    # Acknowledge only after the task ran: a killed worker's task is delivered again, and the
    # atomic claims make running it twice harmless.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
)
celery.conf.beat_schedule = {
    "sweep": {"task": "ivr.tasks.sweep", "schedule": flask_app.config["SEND_SWEEP_SECONDS"] * 5},
}
app = celery


def _broadcast():
    return flask_app.extensions["broadcast"]


@celery.task(name="ivr.tasks.send_alert")
def send_alert(alert_id: int) -> dict:
    """Send an alert's due deliveries; come back for retries when they are due."""
    stats = _broadcast().run(alert_id)
    _schedule_next(stats.next_due)
    return {"sent": stats.sent, "failed": stats.failed, "retried": stats.retried}


@celery.task(name="ivr.tasks.sweep")
def sweep() -> dict:
    """Recover deliveries of dead workers and send everything that is due."""
    recovered = _broadcast().recover()
    stats = _broadcast().run()
    _schedule_next(stats.next_due)
    return {"recovered": recovered, "sent": stats.sent, "failed": stats.failed}


def _schedule_next(next_due) -> None:
    if next_due is not None:
        sweep.apply_async(eta=next_due)
