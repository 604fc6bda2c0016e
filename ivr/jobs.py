"""Units of work that run off-request (the nightly purge), owned and committed here."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import text

from ivr import db
from ivr.extensions import BuurtlijnApp
from ivr.flows import clock
from ivr.services import retention, sms
from ivr.storage import job_runs
from ivr.storage.models import utcnow

log = logging.getLogger(__name__)

PURGE = "purge"


def remind_reporters(app: BuurtlijnApp) -> tuple[int, int]:
    """Remind SMS reporters who left the 112 question open; tell those who never answered."""
    with db.unit_of_work(app) as session:
        return sms.remind_and_lapse(session)


def purge_due(app: BuurtlijnApp, now: datetime | None = None) -> bool:
    """True when the nightly purge should run now: today's PURGE_AT (local, TIMEZONE) has
    passed since it last ran, or it last ran more than a day ago, or never."""
    now = now or utcnow()
    with db.unit_of_work(app, dispatch=False) as session:
        last = job_runs.last_run(session, PURGE)
    if last is None or now - last > timedelta(days=1):
        return True
    hour, minute = (int(part) for part in app.config["PURGE_AT"].split(":"))
    today = clock.local(now, app.config["TIMEZONE"]).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return last < today <= now


def purge_if_due(app: BuurtlijnApp) -> bool:
    """Run the purge if it is due (see purge_due); True when it ran."""
    if not purge_due(app):
        return False
    run_purge(app)
    return True


def run_purge(app: BuurtlijnApp, dry_run: bool = False) -> retention.Purged:
    """Erase what is past RETENTION_DAYS; with `dry_run`, say what would go and keep it."""
    now, days = utcnow(), app.config["RETENTION_DAYS"]
    session = db.sessions(app)()
    try:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SET LOCAL statement_timeout = 0"))  # a night's work, not a webhook
        done = retention.purge(session, now, days, app.config["REINVITE_DAYS"])
        due = retention.recordings_due(session, now, days)
        if dry_run:
            session.rollback()
            done.recordings_deleted = len(due)
            return done
        job_runs.mark_run(session, PURGE, now)
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
    # One recording per unit of work: a provider that fails halfway loses no bookkeeping.
    for recording_id, sid in due:
        with db.unit_of_work(app) as session:
            if retention.delete_recording(session, app.broadcast.sender, recording_id, sid):
                done.recordings_deleted += 1
            else:
                done.recordings_failed += 1
    log.info("purge erased %s", done.as_dict())
    return done
