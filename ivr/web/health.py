"""The health check a load balancer or a newcomer can ask."""
from __future__ import annotations

import logging

from flask import Blueprint, jsonify

from ivr import db

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
