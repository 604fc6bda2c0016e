"""Twilio webhook signatures: every /twilio/* request is checked before anything is stored."""
from __future__ import annotations

import logging
import secrets
from functools import wraps
from pathlib import Path

from flask import Flask, Response, current_app, request
from twilio.request_validator import RequestValidator

log = logging.getLogger(__name__)

DEV_TOKEN_FILE = "dev-auth-token"


def webhook_token(app: Flask) -> str | None:
    """Return the token webhooks are signed with, or None when webhooks must be refused.

    Development without a Twilio account signs with a local token in instance/, which the
    simulator uses too: even then no webhook is accepted unsigned.
    """
    token = app.config.get("TWILIO_AUTH_TOKEN")
    if token:
        return token
    if app.config.get("BUURTLIJN_ENV") != "development":
        return None
    return _instance_secret(app, DEV_TOKEN_FILE, 16)


def local_secret(app: Flask) -> str:
    """A session secret kept in instance/ when SECRET_KEY is not set (one machine only)."""
    if app.config.get("BUURTLIJN_ENV") != "development" and not app.testing:
        log.warning("SECRET_KEY is not set: a key in instance/ is used; set it when several processes serve")
    return _instance_secret(app, "secret-key", 32)


def _instance_secret(app: Flask, name: str, nbytes: int) -> str:
    """A random secret made once and kept in the instance folder."""
    path = Path(app.instance_path) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(nbytes))
    return path.read_text().strip()


def public_request_url() -> str:
    """The URL Twilio called: PUBLIC_URL plus the path and query when set, else the request's."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        return request.url
    query = request.query_string.decode()
    return base + request.path + (f"?{query}" if query else "")


def twilio_signed(view):
    """Refuse a request (403) unless Twilio's signature matches its URL and parameters."""

    @wraps(view)
    def checked(*args, **kwargs):
        token = current_app.config.get("WEBHOOK_AUTH_TOKEN")
        if not token:
            log.error("webhook refused: TWILIO_AUTH_TOKEN is not set")
            return Response(
                "Webhooks are refused: TWILIO_AUTH_TOKEN is not set "
                "(set it, or BUURTLIJN_ENV=development for a local line).\n",
                status=503,
                mimetype="text/plain",
            )
        signature = request.headers.get("X-Twilio-Signature", "")
        if not RequestValidator(token).validate(public_request_url(), request.form, signature):
            log.warning("webhook refused: bad signature for %s", request.path)
            return Response("Invalid Twilio signature.\n", status=403, mimetype="text/plain")
        return view(*args, **kwargs)

    return checked
