"""Twilio webhook signatures: every /twilio/* request is checked before anything is stored.

`sign` is the one helper that signs a request as Twilio does; the simulator, the benchmarks
and the tests all use it.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import wraps

from flask import Flask, Response, current_app, request
from twilio.request_validator import RequestValidator

from ivr import config

log = logging.getLogger(__name__)

DEV_TOKEN_FILE = "dev-auth-token"
HEADER = "X-Twilio-Signature"


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
    return config.instance_secret(app.instance_path, DEV_TOKEN_FILE, 16)


def sign(token: str, url: str, form: Mapping[str, str]) -> str:
    """The X-Twilio-Signature Twilio sends for a POST of `form` to `url`."""
    return RequestValidator(token).compute_signature(url, dict(form))


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
        signature = request.headers.get(HEADER, "")
        if not RequestValidator(token).validate(public_request_url(), request.form, signature):
            log.warning("webhook refused: bad signature for %s", request.path)
            return Response("Invalid Twilio signature.\n", status=403, mimetype="text/plain")
        return view(*args, **kwargs)

    return checked
