"""Health: `/health`, the cheap liveness probe, and `/health/ready`, whether alerts go out."""
from __future__ import annotations

import logging

from flask import Blueprint, jsonify

from ivr import db
from ivr.extensions import current
from ivr.storage import readiness

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    """200 when the app and its database answer, 503 when the database does not."""
    try:
        db.ping()
    except Exception as exc:
        log.error("health: database unavailable: %s", exc)
        return jsonify(status="unavailable", database="unavailable"), 503
    return jsonify(status="ok", database="ok")


@bp.get("/health/ready")
def ready():
    """Are alerts going out? 200 with the figures, or 503 naming what holds them back.

    Not ready: the database does not answer; a due delivery has waited longer than
    READY_MAX_DELAY_SECONDS; a row sits in "sending" past its lease (its worker died); or, in
    the scaled mode, the broker does not answer.
    """
    line = current()
    cfg = line.config
    report: dict = {"status": "ok", "mode": "scaled" if cfg.get("CELERY_BROKER_URL") else "embedded"}
    problems = []
    try:
        with db.sessions()() as session:
            waiting = readiness.oldest_due_seconds(session)
            stuck = readiness.stuck_sending(session, cfg["SEND_LEASE_SECONDS"])
        report.update(database="ok", oldest_due_seconds=waiting, stuck_sending=stuck)
        if waiting is not None and waiting > cfg["READY_MAX_DELAY_SECONDS"]:
            problems.append(f"a due delivery has waited {waiting:.0f} s")
        if stuck:
            problems.append(f"{stuck} deliveries stuck in sending past their lease")
    except Exception as exc:  # the database is what is wrong; say so, briefly
        report["database"] = "unavailable"
        problems.append(f"database: {type(exc).__name__}")
    if line.celery is not None:
        try:
            with line.celery.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
            report["broker"] = "ok"
        except Exception as exc:
            report["broker"] = "unavailable"
            problems.append(f"broker: {type(exc).__name__}")
    if problems:
        report.update(status="not ready", problems=problems)
        log.warning("not ready: %s", "; ".join(problems))
        return jsonify(report), 503
    return jsonify(report)
