"""Optional error reporting: SENTRY_DSN turns on sentry-sdk for Flask and Celery, without
personal data: no request bodies, no phone numbers, no alert texts leave the line."""
from __future__ import annotations

import re
from typing import Any

from ivr.flows import phones

# Eight or more digits however grouped, and E.164: what a phone number looks like in text.
_NUMBER = re.compile(r"\+?\d[\d\s\-().]{6,}\d")


def scrub(event: dict[str, Any], _hint: dict | None = None) -> dict[str, Any]:
    """sentry-sdk's before_send: drop what a request carried, redact numbers everywhere else."""
    request = event.get("request")
    if isinstance(request, dict):
        for field in ("data", "query_string", "cookies", "headers", "env"):
            request.pop(field, None)
    event.pop("user", None)
    return _redacted(event)


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return _NUMBER.sub("(nummer)", phones.redact(value))
    if isinstance(value, dict):
        # Local variables may hold a member, a form or an alert: never send them.
        return {k: ("(weggelaten)" if k == "vars" else _redacted(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


def init_app(dsn: str | None, environment: str) -> bool:
    """Turn on error reporting when a DSN is set; True when it is on."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.flask import FlaskIntegration

    sentry_sdk.init(
        dsn=dsn, environment=environment, send_default_pii=False, include_local_variables=False,
        max_request_body_size="never", before_send=scrub, traces_sample_rate=0,
        integrations=[FlaskIntegration(), CeleryIntegration()],
    )
    return True
