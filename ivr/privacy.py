"""Retention: run the purge as one unit of work (a dry run rolls it back and only counts)."""
from __future__ import annotations

import logging

from flask import Flask

from ivr import db
from ivr.sending.senders import SendError
from ivr.storage import privacy, recordings
from ivr.storage.models import Recording, utcnow

log = logging.getLogger(__name__)


def run_purge(app: Flask, dry_run: bool = False) -> privacy.Purged:
    """Erase what is past RETENTION_DAYS; with `dry_run`, say what would go and keep it."""
    now, days = utcnow(), app.config["RETENTION_DAYS"]
    session = db.sessions(app)()
    try:
        done = privacy.purge(session, now, days)
        due = [(r.id, r.sid) for r in recordings.due_for_deletion(session, now, days)]
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
    _delete_recordings(app, due, done)
    log.info("purge erased %s", done.as_dict())
    return done


def _delete_recordings(app: Flask, due: list[tuple[int, str]], done: privacy.Purged) -> None:
    """Delete recordings at Twilio one by one; a failure stays on the row and is tried again."""
    sender = app.extensions["broadcast"].sender
    for recording_id, sid in due:
        try:
            sender.delete_recording(sid)
            gone, error = True, None
        except SendError as exc:
            gone, error = exc.status == 404, str(exc)  # 404: deleted already
        with db.unit_of_work(app) as session:
            recording = session.get(Recording, recording_id)
            if gone:
                recordings.mark_deleted(recording)
                done.recordings_deleted += 1
            else:
                recordings.mark_failed(recording, error)
                done.recordings_failed += 1
                log.warning("could not delete recording %s (tried again next purge): %s", sid, error)
