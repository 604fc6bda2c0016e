"""Configuration from the environment; the variable names are a contract."""
from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger(__name__)


def database_url(raw: str | None, instance_path: str) -> str:
    """Return the SQLAlchemy URL for DATABASE_URL, defaulting to SQLite under instance/."""
    if not raw:
        return "sqlite:///" + str(Path(instance_path) / "buurtlijn.sqlite3")
    # Heroku-style URLs say postgres://, which SQLAlchemy no longer accepts.
    if raw.startswith("postgres://"):
        return "postgresql://" + raw[len("postgres://"):]
    return raw


def from_environ(instance_path: str, environ: dict[str, str] | None = None) -> dict:
    """Build the app's config mapping from environment variables."""
    env = os.environ if environ is None else environ
    return {
        "DATABASE_URL": database_url(env.get("DATABASE_URL"), instance_path),
        "TWILIO_ACCOUNT_SID": env.get("TWILIO_ACCOUNT_SID") or None,
        "TWILIO_AUTH_TOKEN": env.get("TWILIO_AUTH_TOKEN") or None,
        "TWILIO_PHONE_NUMBER": env.get("TWILIO_PHONE_NUMBER") or None,
        "TWILIO_API_URL": env.get("TWILIO_API_URL") or None,
        "PUBLIC_URL": (env.get("PUBLIC_URL") or "").rstrip("/") or None,
        # development: no Twilio account needed; webhooks are signed with a local token.
        "BUURTLIJN_ENV": env.get("BUURTLIJN_ENV", "production"),
        "SECRET_KEY": env.get("SECRET_KEY") or None,
        "SEND_CONCURRENCY": int(env.get("SEND_CONCURRENCY", "50")),
        "SEND_MAX_ATTEMPTS": int(env.get("SEND_MAX_ATTEMPTS", "0")),  # 0: until the window closes
        "TWILIO_TIMEOUT_SECONDS": float(env.get("TWILIO_TIMEOUT_SECONDS", "15")),
        "SEND_RETRY_WINDOW_SECONDS": int(env.get("SEND_RETRY_WINDOW_SECONDS", "600")),
        "SEND_BACKOFF_SECONDS": float(env.get("SEND_BACKOFF_SECONDS", "2")),
        "SEND_LEASE_SECONDS": int(env.get("SEND_LEASE_SECONDS", "60")),
        "SEND_SWEEP_SECONDS": float(env.get("SEND_SWEEP_SECONDS", "2")),
        "RECORD_DESCRIPTIONS": env.get("RECORD_DESCRIPTIONS", "1") not in ("0", "false", "no"),
        "RETENTION_DAYS": int(env.get("RETENTION_DAYS", "30")),
        "CALLS_PER_SECOND": float(env.get("CALLS_PER_SECOND", "1")),
        "VOICE_RETRIES": int(env.get("VOICE_RETRIES", "3")),
        "VOICE_RETRY_SECONDS": float(env.get("VOICE_RETRY_SECONDS", "120")),
        "ALERTS_PER_MEMBER_PER_HOUR": int(env.get("ALERTS_PER_MEMBER_PER_HOUR", "3")),
        "ALERTS_PER_GROUP_PER_HOUR": int(env.get("ALERTS_PER_GROUP_PER_HOUR", "10")),
        "CELERY_BROKER_URL": env.get("CELERY_BROKER_URL") or env.get("REDIS_URL") or None,
        "TWILIO_VOICE": env.get("TWILIO_VOICE", "Polly.Laura-Neural"),
        "TIMEZONE": env.get("TIMEZONE", "Europe/Amsterdam"),
        # Safety: where the line may send, what an SMS may cost, how much admins may send.
        "ALLOWED_COUNTRIES": env.get("ALLOWED_COUNTRIES", "NL"),
        "SMS_MAX_PRICE": env.get("SMS_MAX_PRICE") or None,
        "INVITES_PER_GROUP_PER_DAY": int(env.get("INVITES_PER_GROUP_PER_DAY", "20")),
        "INVITES_PER_ADMIN_PER_HOUR": int(env.get("INVITES_PER_ADMIN_PER_HOUR", "10")),
        "TESTS_PER_ADMIN_PER_HOUR": int(env.get("TESTS_PER_ADMIN_PER_HOUR", "3")),
        "ADMIN_NOTICES_PER_GROUP_PER_HOUR": int(env.get("ADMIN_NOTICES_PER_GROUP_PER_HOUR", "30")),
        "REINVITE_DAYS": int(env.get("REINVITE_DAYS", "30")),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI") or None,
    }


def instance_secret(instance_path: str, name: str, nbytes: int) -> str:
    """A random secret made once and kept in the instance folder."""
    path = Path(instance_path) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(nbytes))
    return path.read_text().strip()


def local_secret_key(instance_path: str, quiet: bool) -> str:
    """A session secret kept in instance/ when SECRET_KEY is not set (one machine only)."""
    if not quiet:
        log.warning("SECRET_KEY is not set: a key in instance/ is used; set it when several processes serve")
    return instance_secret(instance_path, "secret-key", 32)
