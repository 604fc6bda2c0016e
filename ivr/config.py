"""Configuration from the environment; the variable names are a contract."""
from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Mapping
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


NUMBERS: dict[str, tuple[type, str, float]] = {
    # name: (type, default, the smallest value that makes sense)
    "SEND_CONCURRENCY": (int, "50", 1),
    "SEND_MAX_ATTEMPTS": (int, "0", 0),
    "TWILIO_TIMEOUT_SECONDS": (float, "15", 0.01),
    "SEND_RETRY_WINDOW_SECONDS": (int, "600", 0),
    "SEND_BACKOFF_SECONDS": (float, "2", 0),
    "SEND_LEASE_SECONDS": (int, "60", 0),
    "SEND_SWEEP_SECONDS": (float, "2", 0.01),
    "RETENTION_DAYS": (int, "30", 1),
    "CALLS_PER_SECOND": (float, "1", 0.01),
    "SMS_PER_SECOND": (float, "10", 0.01),
    "ALERT_VALIDITY_SECONDS": (int, "900", 0),
    "VOICE_RETRIES": (int, "3", 0),
    "VOICE_RETRY_SECONDS": (float, "120", 0),
    "ALERTS_PER_MEMBER_PER_HOUR": (int, "3", 0),
    "ALERTS_PER_GROUP_PER_HOUR": (int, "10", 0),
    "INVITES_PER_GROUP_PER_DAY": (int, "20", 0),
    "JOIN_REQUESTS_PER_GROUP_PER_DAY": (int, "20", 0),
    "INVITES_PER_ADMIN_PER_HOUR": (int, "10", 0),
    "TESTS_PER_ADMIN_PER_HOUR": (int, "3", 0),
    "ADMIN_NOTICES_PER_GROUP_PER_HOUR": (int, "30", 0),
    "REINVITE_DAYS": (int, "30", 0),
    "READY_MAX_DELAY_SECONDS": (int, "30", 1),
    "DB_POOL_SIZE": (int, "5", 1),
    "DB_MAX_OVERFLOW": (int, "5", 0),
    "DB_STATEMENT_TIMEOUT_MS": (int, "5000", 0),
}


def from_environ(instance_path: str, environ: dict[str, str] | None = None) -> dict:
    """Build the app's config mapping from environment variables."""
    env = os.environ if environ is None else environ
    numbers, problems = _numbers(env)
    config = {
        **numbers,
        "CONFIG_PROBLEMS": problems,
        "DATABASE_URL": database_url(env.get("DATABASE_URL"), instance_path),
        "TWILIO_ACCOUNT_SID": env.get("TWILIO_ACCOUNT_SID") or None,
        "TWILIO_AUTH_TOKEN": env.get("TWILIO_AUTH_TOKEN") or None,
        "TWILIO_PHONE_NUMBER": env.get("TWILIO_PHONE_NUMBER") or None,
        "TWILIO_API_URL": env.get("TWILIO_API_URL") or None,
        "TWILIO_MESSAGING_SERVICE_SID": env.get("TWILIO_MESSAGING_SERVICE_SID") or None,
        "PUBLIC_URL": (env.get("PUBLIC_URL") or "").rstrip("/") or None,
        # development: no Twilio account needed; webhooks are signed with a local token.
        "BUURTLIJN_ENV": env.get("BUURTLIJN_ENV", "production"),
        "SECRET_KEY": env.get("SECRET_KEY") or None,
        "RECORD_DESCRIPTIONS": env.get("RECORD_DESCRIPTIONS", "1") not in ("0", "false", "no"),
        "CELERY_BROKER_URL": env.get("CELERY_BROKER_URL") or env.get("REDIS_URL") or None,
        # The <Say> voice of each language; TWILIO_VOICE is the Dutch one (as before languages).
        "TWILIO_VOICE_NL": env.get("TWILIO_VOICE_NL") or env.get("TWILIO_VOICE") or "Polly.Laura-Neural",
        "TWILIO_VOICE_EN": env.get("TWILIO_VOICE_EN") or "Polly.Amy-Neural",
        "TWILIO_VOICE_TR": env.get("TWILIO_VOICE_TR") or "Polly.Filiz",
        "TIMEZONE": env.get("TIMEZONE", "Europe/Amsterdam"),
        # Safety: where the line may send, what an SMS may cost, how much admins may send.
        "ALLOWED_COUNTRIES": env.get("ALLOWED_COUNTRIES", "NL"),
        "SMS_MAX_PRICE": env.get("SMS_MAX_PRICE") or None,
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI") or None,
        "SENTRY_DSN": env.get("SENTRY_DSN") or None,
        "PURGE_AT": env.get("PURGE_AT", "03:30"),
        # What can wait is not sent in QUIET_HOURS; members who ask are not called in NIGHT_HOURS.
        "QUIET_HOURS": env.get("QUIET_HOURS", "21:00-08:00"),
        "NIGHT_HOURS": env.get("NIGHT_HOURS", "23:00-07:00"),
        "LOG_FORMAT": env.get("LOG_FORMAT", "json"),
    }
    config["TWILIO_VOICE"] = config["TWILIO_VOICE_NL"]
    return config


def _numbers(env) -> tuple[dict, list[str]]:
    """The numeric settings, read with care: a bad value is a problem named, not a traceback."""
    values, problems = {}, []
    for name, (kind, default, smallest) in NUMBERS.items():
        raw = (env.get(name) or default).strip()
        try:
            value = kind(raw)
            if value != value or value < smallest:  # NaN, or too small to make sense
                raise ValueError
        except ValueError:
            word = "a whole number" if kind is int else "a number"
            problems.append(f"{name} must be {word} of at least {smallest}, not {raw!r}")
            value = kind(default)
        values[name] = value
    return values, problems



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


class ConfigError(RuntimeError):
    """The line would start wrong: one line naming the variable and what is wrong with it."""


E164 = re.compile(r"\+[1-9]\d{7,14}")


def problems(cfg: Mapping) -> list[str]:
    """What is wrong with a configuration, for a process that may send (web, worker, CLI).

    Numbers must be numbers everywhere; outside development the Twilio configuration must be
    complete, SECRET_KEY set and TWILIO_PHONE_NUMBER in E.164. (PUBLIC_URL is checked by the
    app against the members it has: voice alerts need it.)
    """
    found = list(cfg.get("CONFIG_PROBLEMS") or [])
    try:
        from ivr.flows.destinations import parse_countries

        parse_countries(cfg.get("ALLOWED_COUNTRIES"))
    except ValueError as exc:
        found.append(str(exc))
    from ivr.flows.clock import parse_window

    for name in ("QUIET_HOURS", "NIGHT_HOURS"):
        try:
            parse_window(cfg.get(name))
        except ValueError as exc:
            found.append(f"{name}: {exc} (empty turns it off)")
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", cfg.get("PURGE_AT") or ""):
        found.append(f"PURGE_AT must be a local time like 03:30, not {cfg.get('PURGE_AT')!r}")
    if (cfg.get("ALERT_VALIDITY_SECONDS") or 0) > 36000:
        found.append("ALERT_VALIDITY_SECONDS must be at most 36000 (Twilio keeps a message 10 hours at most)")
    service = cfg.get("TWILIO_MESSAGING_SERVICE_SID")
    if service and not re.fullmatch(r"MG[0-9a-fA-F]{32}", service):
        found.append(f"TWILIO_MESSAGING_SERVICE_SID must look like MG followed by 32 hex digits, not {service!r}")
    if cfg.get("BUURTLIJN_ENV") == "development":
        return found
    twilio = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER")
    missing = [name for name in twilio if not cfg.get(name)]
    if missing:
        found.append(
            f"{missing[0]} is not set: outside development the line sends through Twilio and needs "
            f"{', '.join(twilio)} (or BUURTLIJN_ENV=development for the local outbox)"
        )
    number = cfg.get("TWILIO_PHONE_NUMBER")
    if number and not E164.fullmatch(number):
        found.append(f"TWILIO_PHONE_NUMBER must be in E.164 (like +31201234567), not {number!r}")
    if not cfg.get("SECRET_KEY"):
        found.append("SECRET_KEY is not set: every web process must sign sessions with the same key")
    return found


def check_environment(instance_path: str = "instance") -> None:
    """Raise ConfigError for the first problem of the environment's configuration."""
    found = problems(from_environ(instance_path))
    if found:
        raise ConfigError(found[0])
