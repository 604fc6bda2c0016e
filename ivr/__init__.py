"""Buurtlijn: the phone line for neighbourhood-watch groups."""
from __future__ import annotations

import logging
import os

from werkzeug.middleware.proxy_fix import ProxyFix

from ivr import config, db
from ivr.flows import phones
from ivr.flows.destinations import Destinations, parse_countries
from ivr.extensions import BuurtlijnApp
from ivr.sending.dispatcher import CeleryDispatcher, EmbeddedDispatcher
from ivr.sending import pace
from ivr.sending.engine import Broadcast, Policy
from ivr.sending.outbox_sender import OutboxSender
from ivr.sending.sender import Sender
from ivr.services import reporting
from ivr.twilio import routes, signatures
from ivr.twilio.rest import TwilioSender

log = logging.getLogger(__name__)


def create_app(test_config: dict | None = None) -> BuurtlijnApp:
    """Create the Buurtlijn app from the environment, overridden by `test_config`."""
    app = BuurtlijnApp(__name__, instance_relative_config=True)
    app.serving_notes = []
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.from_environ(app.instance_path))
    if test_config:
        app.config.update(test_config)
    app.config["DATABASE_URL"] = config.database_url(app.config["DATABASE_URL"], app.instance_path)
    if not app.testing:
        found = config.problems(app.config)
        if found:
            raise config.ConfigError(found[0])
    app.config["WEBHOOK_AUTH_TOKEN"] = signatures.webhook_token(app)
    app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or config.local_secret_key(
        app.instance_path, quiet=app.config.get("BUURTLIJN_ENV") == "development" or app.testing
    )
    # Behind one proxy (the PaaS router): Twilio signed the public URL, rebuilt from
    # X-Forwarded-Proto/Host; the client address (login throttles) is X-Forwarded-For.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    app.config["DESTINATIONS"] = Destinations(
        parse_countries(app.config.get("ALLOWED_COUNTRIES")),
        frozenset(filter(None, [phones.try_normalise(app.config.get("TWILIO_PHONE_NUMBER"))])),
    )
    from ivr import errors

    errors.init_app(app.config.get("SENTRY_DSN"), app.config["BUURTLIJN_ENV"])
    db.init_app(app)
    public_url = app.config.get("PUBLIC_URL")
    if public_url is None and not app.testing:
        if app.config["BUURTLIJN_ENV"] != "development" and db.has_voice_members(app):
            raise config.ConfigError(
                "PUBLIC_URL is not set: members get alerts by phone call, and Twilio fetches a "
                "call's script from PUBLIC_URL"
            )
        app.serving_notes.append(
            (logging.WARNING, "PUBLIC_URL is not set: delivery receipts (status callbacks) are off")
        )
    if app.config["WEBHOOK_AUTH_TOKEN"] is None:
        app.serving_notes.append(
            (logging.ERROR, "TWILIO_AUTH_TOKEN is not set: every Twilio webhook will be refused")
        )
    sender = _sender(app)
    app.broadcast = Broadcast(
        app, sender, Policy.from_config(app.config), routes.status_callback(public_url),
        call_url=lambda delivery_id, invitation: _call_url(sender, public_url, delivery_id, invitation),
        on_failures=lambda session, alert_id, failed: reporting.summarise_failures(
            session, alert_id, failed, app.config["TIMEZONE"]
        ),
        destinations=app.config["DESTINATIONS"],
        pace=pace.for_app(app),
    )
    if app.config.get("CELERY_BROKER_URL"):
        from ivr.tasks import celery_init_app

        app.dispatcher = CeleryDispatcher(celery_init_app(app))
    else:
        app.dispatcher = EmbeddedDispatcher(app.broadcast, app.config["SEND_SWEEP_SECONDS"])

    from ivr import jobs

    app.dispatcher.every_minute(lambda: jobs.purge_if_due(app))
    app.dispatcher.every_minute(lambda: jobs.remind_reporters(app))
    # Said by a process that serves, not by every operator command (a CLI serves no webhook).
    app.before_request(app.say_serving_notes)
    if app.config.get("SWEEP_ON_START", True):
        _sweep_on_first_request(app)

    from ivr import cli, logs
    from ivr.web import coordinator, health, webhooks

    logs.init_app(app)
    coordinator.init_app(app)
    app.register_blueprint(webhooks.bp)
    app.register_blueprint(health.bp)
    cli.init_app(app)
    return app


def _sender(app: BuurtlijnApp) -> Sender:
    """Choose the sender: Twilio when credentials are set, otherwise the outbox."""
    cfg = app.config
    if cfg.get("TWILIO_ACCOUNT_SID") and cfg.get("TWILIO_AUTH_TOKEN"):
        if not cfg.get("TWILIO_PHONE_NUMBER"):
            raise RuntimeError("TWILIO_PHONE_NUMBER is required to send with Twilio")
        return TwilioSender(
            cfg["TWILIO_ACCOUNT_SID"], cfg["TWILIO_AUTH_TOKEN"], cfg["TWILIO_PHONE_NUMBER"],
            cfg.get("TWILIO_API_URL"), pool_size=cfg["SEND_CONCURRENCY"],
            max_price=cfg.get("SMS_MAX_PRICE"), timeout=cfg["TWILIO_TIMEOUT_SECONDS"],
            service_sid=cfg.get("TWILIO_MESSAGING_SERVICE_SID"),
        )
    if not app.testing:
        app.serving_notes.append(
            (logging.WARNING, "development: messages go to the outbox (flask --app app outbox); nothing is sent")
        )
    return OutboxSender(app, cfg.get("TWILIO_PHONE_NUMBER"))


def _call_url(sender: Sender, public_url: str | None, delivery_id: int, invitation: bool) -> str | None:
    """Where an outbound call fetches its script; None when the provider could not reach it."""
    if not public_url and sender.needs_public_url:
        return None
    return routes.outbound_call(public_url or "", delivery_id, invitation)


def serving(app: BuurtlijnApp) -> None:
    """This process serves the line (gunicorn's worker, `flask run`): start its sweep now, so
    what other processes queued (an operator's import) goes out within SEND_SWEEP_SECONDS
    even before anyone calls. An operator command never calls this: it leaves the sending to
    the line that runs."""
    try:
        app.dispatcher.start()
    except Exception:
        log.exception("could not start the sweeper")


def _sweep_on_first_request(app: BuurtlijnApp) -> None:
    """However the web process was started, its first request starts the sweep (once)."""
    swept = False

    @app.before_request
    def _sweep_once() -> None:
        nonlocal swept
        if swept:
            return
        swept = True
        serving(app)
