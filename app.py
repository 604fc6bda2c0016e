"""Entry point for `gunicorn app:app` and `flask --app app`."""
import os
import sys

import click

from ivr import create_app, logs, serving
from ivr.config import ConfigError

# One JSON format for the app, gunicorn (gunicorn.conf.py) and Celery (ivr/tasks.py).
logs.configure(os.environ.get("LOG_FORMAT", "json"))

try:
    app = create_app()
except ConfigError as problem:
    # One clear line, and a non-zero exit, for gunicorn, Celery and the CLI alike.
    print(f"buurtlijn: refusing to start: {problem}", file=sys.stderr)
    raise SystemExit(2) from None
# `flask run` loads the app inside its own command: this process serves, so it sweeps from
# the start (gunicorn's workers start theirs in gunicorn.conf.py). Other commands do not.
_command = click.get_current_context(silent=True)
if _command is not None and _command.command.name == "run" and app.config.get("SWEEP_ON_START", True):
    serving(app)
# For `celery -A app.celery_app worker` (set only when CELERY_BROKER_URL or REDIS_URL is).
celery_app = app.celery
