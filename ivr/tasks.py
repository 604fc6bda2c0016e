"""Celery for the scaled mode: `celery -A app.celery_app worker`, and one `beat`.

Set CELERY_BROKER_URL (or REDIS_URL) and the web processes hand alerts to the workers, which
run the same engine as the embedded mode. A beat schedule sweeps for retries and for work a
dead worker left behind. Flask's pattern: every task runs inside the Flask app's context.
"""
from __future__ import annotations

from celery import Celery, Task
from celery.schedules import crontab
from celery.signals import beat_init, setup_logging, worker_ready, worker_shutting_down

from ivr import jobs
from ivr.extensions import BuurtlijnApp, current
from ivr.sending.dispatcher import PURGE, REMIND, SEND_ALERT, SWEEP

__all__ = ["celery_init_app", "SEND_ALERT", "SWEEP", "PURGE", "REMIND"]


def celery_init_app(app: BuurtlijnApp) -> Celery:
    """Create the Celery app bound to this Flask app and its broker."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    purge_hour, purge_minute = (int(part) for part in app.config["PURGE_AT"].split(":"))
    celery_app.conf.update(
        broker_url=app.config["CELERY_BROKER_URL"],
        # The database is the queue; a task is only a wake-up call. It is acknowledged when it
        # is taken: acknowledging after it ran would ack on a channel that a lost Redis has
        # closed, which kills the worker. What a lost task or a dead worker leaves behind, the
        # beat's sweep resumes (rows claimed past their lease are verified, then sent).
        task_acks_late=False,
        worker_prefetch_multiplier=1,
        # Redis may go away (a restart, a failover) and come back: reconnect, forever, by
        # itself. The worker line runs without gossip, mingle and heartbeat: their restart on a
        # lost connection is what crashed the worker ("'NoneType' object has no attribute
        # 'hostname'", kombu), and the line uses none of them.
        broker_connection_retry=True,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        broker_transport_options={
            "socket_timeout": 10, "socket_connect_timeout": 5, "retry_on_timeout": True,
            "health_check_interval": 10, "socket_keepalive": True,
        },
        task_ignore_result=True,
        worker_hijack_root_logger=False,
        timezone=app.config["TIMEZONE"],
        beat_schedule={
            SWEEP: {"task": SWEEP, "schedule": app.config["SEND_SWEEP_SECONDS"] * 5},
            # SMS reports waiting for their 112 answer: one reminder, then "nothing was sent".
            REMIND: {"task": REMIND, "schedule": 60.0},
            # Nightly at PURGE_AT, local time (TIMEZONE): a restart never skips a night.
            PURGE: {"task": PURGE, "schedule": crontab(hour=purge_hour, minute=purge_minute)},
        },
    )
    def _shutting_down(**_kwargs) -> None:
        # A deploy or a restart: stop claiming, let sends in flight finish, hand back the rest.
        app.broadcast.stop()

    worker_shutting_down.connect(_shutting_down, weak=False)

    def _beat_started(sender=None, **_kwargs) -> None:
        # The one beat starts: if the last purge is older than a day (or was missed), now.
        if jobs.purge_due(app):
            celery_app.send_task(PURGE)

    beat_init.connect(_beat_started, weak=False)
    worker_ready.connect(lambda **_kwargs: app.say_serving_notes(), weak=False)
    # Celery keeps the app's logging (one JSON format, ivr/logs.py) instead of its own.
    setup_logging.connect(lambda **_kwargs: None, weak=False)
    celery_app.task(name=SEND_ALERT)(send_alert)
    celery_app.task(name=SWEEP)(sweep)
    celery_app.task(name=PURGE)(purge)
    celery_app.task(name=REMIND)(remind)
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
    """The nightly retention purge (once, however often the task is delivered)."""
    return {"ran": jobs.purge_if_due(current())}


def remind() -> dict:
    """Remind or tell SMS reporters whose 112 question is open too long (each once)."""
    reminded, lapsed = jobs.remind_reporters(current())
    return {"reminded": reminded, "lapsed": lapsed}


def _schedule_next(next_due) -> None:
    if next_due is not None:
        current().celery.send_task(SWEEP, eta=next_due)
