"""Retention: run the purge as one unit of work (a dry run rolls it back and only counts)."""
from __future__ import annotations

import logging

from flask import Flask

from ivr import db
from ivr.storage import privacy
from ivr.storage.models import utcnow

log = logging.getLogger(__name__)


def run_purge(app: Flask, dry_run: bool = False) -> privacy.Purged:
    """Erase what is past RETENTION_DAYS; with `dry_run`, say what would go and keep it."""
    session = db.sessions(app)()
    try:
        done = privacy.purge(session, utcnow(), app.config["RETENTION_DAYS"])
        if dry_run:
            session.rollback()
        else:
            session.commit()
            log.info("purge erased %s", done.as_dict())
        return done
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
