"""Entry point for `gunicorn app:app` and `flask --app app`."""
import logging

from ivr import create_app

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
logging.getLogger("alembic").setLevel(logging.WARNING)
# twilio's client logs every request and response at INFO: far too much for a broadcast.
logging.getLogger("twilio.http_client").setLevel(logging.WARNING)

app = create_app()
# For `celery -A app.celery_app worker` (set only when CELERY_BROKER_URL or REDIS_URL is).
celery_app = app.celery
