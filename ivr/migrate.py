"""Alembic, driven from the app's own configuration."""
from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import Flask

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(app: Flask) -> Config:
    """Return an Alembic config for the app's database and the project's migrations."""
    cfg = Config(stdout=sys.stdout)  # the stdout of now (a CLI runner), not of import time
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # Alembic's config is an INI file underneath: % must be doubled.
    cfg.set_main_option("sqlalchemy.url", app.config["DATABASE_URL"].replace("%", "%%"))
    return cfg


def upgrade(app: Flask, revision: str = "head") -> None:
    """Bring the database to `revision`; running it again changes nothing."""
    command.upgrade(alembic_config(app), revision)


def revision(app: Flask, message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    command.revision(alembic_config(app), message=message, autogenerate=True)


def current(app: Flask) -> None:
    """Print the revision the database is at."""
    command.current(alembic_config(app), verbose=False)


def history(app: Flask) -> None:
    """Print the migrations, newest first."""
    command.history(alembic_config(app))


def downgrade(app: Flask, revision: str) -> None:
    """Take the schema back to `revision` (for a bad deploy; data in dropped columns is lost)."""
    command.downgrade(alembic_config(app), revision)
