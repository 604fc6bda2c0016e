"""Units of work that run off-request (the nightly purge), owned and committed here."""
from __future__ import annotations

import logging

from ivr import db
from ivr.extensions import BuurtlijnApp
from ivr.services import retention
from ivr.storage.models import utcnow

log = logging.getLogger(__name__)


def run_purge(app: BuurtlijnApp, dry_run: bool = False) -> retention.Purged:
    """Erase what is past RETENTION_DAYS; with `dry_run`, say what would go and keep it."""
    now, days = utcnow(), app.config["RETENTION_DAYS"]
    session = db.sessions(app)()
    try:
        done = retention.purge(session, now, days, app.config["REINVITE_DAYS"])
        due = retention.recordings_due(session, now, days)
        if dry_run:
            session.rollback()
            done.recordings_deleted = len(due)
            return done
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
