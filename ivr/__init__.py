"""Buurtlijn: the phone line for neighbourhood-watch groups."""
from __future__ import annotations

import logging
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from ivr import config, db, security
from ivr.sending import senders
from ivr.sending.dispatcher import CeleryDispatcher, EmbeddedDispatcher
from ivr.sending.engine import Broadcast, Policy

log = logging.getLogger(__name__)


def create_app(test_config: dict | None = None) -> Flask:
    """Create the Buurtlijn app from the environment, overridden by `test_config`."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.from_environ(app.instance_path))
    if test_config:
        app.config.update(test_config)
    app.config["DATABASE_URL"] = config.database_url(app.config["DATABASE_URL"], app.instance_path)
    app.config["WEBHOOK_AUTH_TOKEN"] = security.webhook_token(app)
    app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or security.local_secret(app)
    # Behind a proxy, Twilio signed the public URL: rebuild it from X-Forwarded-Proto/Host.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1, x_host=1)  # type: ignore[method-assign]

    db.init_app(app)
    status_callback = (
        app.config["PUBLIC_URL"] + "/twilio/status" if app.config.get("PUBLIC_URL") else None
    )
    if status_callback is None and not app.testing:
        log.warning("PUBLIC_URL is not set: delivery receipts (status callbacks) are off")
    if app.config["WEBHOOK_AUTH_TOKEN"] is None:
        log.error("TWILIO_AUTH_TOKEN is not set: every Twilio webhook will be refused")
    broadcast = Broadcast(
        app, senders.for_app(app), Policy.from_config(app.config), status_callback,
        app.config.get("PUBLIC_URL"),
    )
    app.extensions["broadcast"] = broadcast
    if app.config.get("CELERY_BROKER_URL"):
        from ivr.tasks import celery_init_app

        app.extensions["dispatcher"] = CeleryDispatcher(celery_init_app(app))
    else:
        app.extensions["dispatcher"] = EmbeddedDispatcher(broadcast, app.config["SEND_SWEEP_SECONDS"])

    from ivr.privacy import run_purge

    app.extensions["dispatcher"].every_day(lambda: run_purge(app))
    if app.config.get("SWEEP_ON_START", True):
        _sweep_on_first_request(app)

    from ivr import cli, coordinator, health, webhooks

    coordinator.init_app(app)
    app.register_blueprint(webhooks.bp)
    app.register_blueprint(health.bp)
    cli.init_app(app)
    return app


def _sweep_on_first_request(app: Flask) -> None:
    """Once the web process serves, sweep now and then: retries, and what others left behind."""
    swept = False

    @app.before_request
    def _sweep_once() -> None:
        nonlocal swept
        if swept:
            return
        swept = True
        try:
            app.extensions["dispatcher"].start()
        except Exception:
            log.exception("could not start the sweeper")
