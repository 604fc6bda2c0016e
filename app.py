"""Entry point for `gunicorn app:app` and `flask --app app`."""
import os
import sys

from ivr import create_app, logs
from ivr.config import ConfigError

# One JSON format for the app, gunicorn (gunicorn.conf.py) and Celery (ivr/tasks.py).
logs.configure(os.environ.get("LOG_FORMAT", "json"))

try:
    app = create_app()
except ConfigError as problem:
    # One clear line, and a non-zero exit, for gunicorn, Celery and the CLI alike.
    print(f"buurtlijn: refusing to start: {problem}", file=sys.stderr)
    raise SystemExit(2) from None
# For `celery -A app.celery_app worker` (set only when CELERY_BROKER_URL or REDIS_URL is).
celery_app = app.celery
