"""Entry point for `gunicorn app:app` and `flask --app app`."""
import logging

from ivr import create_app

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
logging.getLogger("alembic").setLevel(logging.WARNING)

app = create_app()
