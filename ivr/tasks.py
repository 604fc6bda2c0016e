"""Celery for the scaled mode: `celery -A app.celery_app worker --beat`.

Set CELERY_BROKER_URL (or REDIS_URL) and the web processes hand alerts to the workers, which
run the same engine as the embedded mode. A beat schedule sweeps for retries and for work a
dead worker left behind. Flask's pattern: every task runs inside the Flask app's context.
"""
from __future__ import annotations

from celery import Celery, Task

from ivr import jobs
from ivr.extensions import BuurtlijnApp, current
from ivr.sending.dispatcher import PURGE, SEND_ALERT, SWEEP

__all__ = ["celery_init_app", "SEND_ALERT", "SWEEP", "PURGE"]


def celery_init_app(app: BuurtlijnApp) -> Celery:
    """Create the Celery app bound to this Flask app and its broker."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.conf.update(
        broker_url=app.config["CELERY_BROKER_URL"],
        # Acknowledge after the task ran: a killed worker's task is delivered again, and the
        # atomic claims make running it twice harmless.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        task_ignore_result=True,
        beat_schedule={
            SWEEP: {"task": SWEEP, "schedule": app.config["SEND_SWEEP_SECONDS"] * 5},
            PURGE: {"task": PURGE, "schedule": 24 * 60 * 60},
        },
    )
    celery_app.task(name=SEND_ALERT)(send_alert)
    celery_app.task(name=SWEEP)(sweep)
    celery_app.task(name=PURGE)(purge)
    app.celery = celery_app
    return celery_app


def send_alert(alert_id: int) -> dict:
    """Send an alert's due deliveries; come back for retries when they are due."""
    stats = current().broadcast.run(alert_id)
    _schedule_next(stats.next_due)
    return {"sent": stats.sent, "failed": stats.failed, "retried": stats.retried}


def sweep() -> dict:
    """Recover deliveries of dead workers and send everything that is due."""
    broadcast = current().broadcast
    recovered = broadcast.recover()
    stats = broadcast.run()
    _schedule_next(stats.next_due)
    return {"recovered": recovered, "sent": stats.sent, "failed": stats.failed}


def purge() -> dict:
    """The daily retention purge."""
    return jobs.run_purge(current()).as_dict()


def _schedule_next(next_due) -> None:
    if next_due is not None:
        current().celery.send_task(SWEEP, eta=next_due)
