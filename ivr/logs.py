"""One log format for gunicorn, the app and Celery: JSON lines an operator can search.

Every line of a request carries its request id (Twilio's I-Twilio-Idempotency-Token, else the
CallSid or MessageSid, else a new one); no line carries a phone number or what an alert said
(SQLAlchemy hides bound parameters, and the line's own messages name ids, not numbers).
"""
from __future__ import annotations

import logging
import re
import sys
import uuid

from flask import Flask, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
QUIET = {"alembic": logging.WARNING, "twilio.http_client": logging.WARNING}


class RequestId(logging.Filter):
    """Adds the current request's id to every record made while it is served."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = g.get("request_id") if has_request_context() else None
        return True


def formatter(fmt: str = "json") -> logging.Formatter:
    """The JSON formatter (or, with LOG_FORMAT=text, a plain one for a terminal)."""
    if fmt == "text":
        return logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    return JsonFormatter(FIELDS, rename_fields={"asctime": "time", "levelname": "level", "name": "logger"})


def configure(fmt: str = "json", level: int = logging.INFO) -> None:
    """Send every log record to stderr in one format (idempotent)."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, "buurtlijn", False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.buurtlijn = True  # type: ignore[attr-defined]
        for old in list(root.handlers):
            root.removeHandler(old)
        root.addHandler(handler)
    handler.setFormatter(formatter(fmt))
    if not any(isinstance(f, RequestId) for f in handler.filters):
        handler.addFilter(RequestId())
    root.setLevel(level)
    for name, quiet in QUIET.items():
        logging.getLogger(name).setLevel(quiet)


_factory = logging.getLogRecordFactory()


def _record(*args, **kwargs) -> logging.LogRecord:
    record = _factory(*args, **kwargs)
    record.request_id = g.get("request_id") if has_request_context() else None
    return record


def init_app(app: Flask) -> None:
    """Give every request an id, from what Twilio sends where it sends one; every log record
    made while it is served carries it (whatever handler writes the record)."""
    logging.setLogRecordFactory(_record)

    @app.before_request
    def _request_id() -> None:
        offered = (
            request.headers.get("I-Twilio-Idempotency-Token")
            or request.form.get("CallSid") or request.form.get("MessageSid")
            or request.headers.get("X-Request-Id") or ""
        )
        # What a request says is checked like any input: an id of letters, digits, - and _.
        g.request_id = offered if _ID.fullmatch(offered) else uuid.uuid4().hex

    @app.after_request
    def _echo(response):
        if g.get("request_id"):
            response.headers["X-Request-Id"] = g.request_id
        return response
