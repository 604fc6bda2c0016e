"""Fixtures in the style of Flask's tutorial: app, client, runner; plus signed Twilio calls.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL points there.
The schema is built once per run by the project's own Alembic migrations.
"""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from ivr import create_app, migrate
from ivr.services import membership
from ivr.storage import groups
from ivr.storage.models import Base
from tests.helpers import ACCOUNT, TOKEN, Twilio


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A database migrated from scratch by the project's migrations, once per run."""
    url = _database_url(tmp_path_factory)
    engine = create_engine(url)
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SWEEP_ON_START": False})
    migrate.upgrade(app)
    app.db_engine.dispose()
    return url


def config(database_url: str, **overrides) -> dict:
    """The test app's config: signed webhooks with a known token, sending to the outbox."""
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "TWILIO_ACCOUNT_SID": None,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_PHONE_NUMBER": "+3197010000000",
        "TWILIO_API_URL": None,
        "PUBLIC_URL": None,
        "BUURTLIJN_ENV": "production",
        "SWEEP_ON_START": False,
        "SEND_CONCURRENCY": 4,
        "SEND_BACKOFF_SECONDS": 0.01,
        # A short client time-out, so "not looked up before twice the time-out" stays quick.
        "TWILIO_TIMEOUT_SECONDS": 1.0,
        "CELERY_BROKER_URL": None,
        # Pacing has its own tests; the rest of the suite sends without waiting for slots.
        "SMS_PER_SECOND": 1000.0,
        # The suite runs at any hour: the windows have their own tests (tests/sending/test_quiet.py).
        "QUIET_HOURS": "",
        "NIGHT_HOURS": "",
        **overrides,
    }


@pytest.fixture
def make_app(database_url):
    """Build apps on the test database; every table is emptied after the test."""
    apps = []

    def build(**overrides):
        app = create_app(config(database_url, **overrides))
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.dispatcher.stop()
        app.dispatcher.wait_idle(timeout=30)
    engine = create_engine(database_url)
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
    engine.dispose()
    for app in apps:
        app.db_engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def twilio(client):
    """Posts webhooks signed exactly as Twilio signs them."""
    return Twilio(client)


@pytest.fixture
def db_session(app):
    """A session on the test database, for arranging data and checking results.

    It begins as a reader (its writes take the writer's turn when they come): held open by
    the test while the app sends in its threads, it must not hold SQLite's write lock.
    """
    from ivr import db

    with app.app_context(), db.sessions(app)(bind=db.reading(app.db_engine)) as session:
        yield session


def add_molenwijk(app) -> int:
    """Molenwijk in `app`: an admin, two mobile members and a landline member; its id."""
    from ivr import db

    with app.app_context(), db.unit_of_work(dispatch=False) as session:
        group = groups.add_group(session, "Molenwijk")
        membership.add_member(session, group, "06-12345678", name="Annie", street="Molenstraat", is_admin=True)
        membership.add_member(session, group, "06-23456789", name="Henk", street="Molenstraat")
        membership.add_member(session, group, "06-34567890", name="Fatima", street="Wiekweg")
        membership.add_member(session, group, "020-5551234", name="Wim", street="Wiekweg")
        return group.id


@pytest.fixture
def molenwijk(app):
    """A group with an admin, two mobile members and a landline member."""
    return add_molenwijk(app)


@pytest.fixture
def fake():
    """A Twilio-compatible fake of the Messages and Calls APIs, for TWILIO_API_URL."""
    from devtools.fake_twilio import FakeTwilio

    fake = FakeTwilio().start()
    yield fake
    fake.stop()


@pytest.fixture
def group(app) -> int:
    """A group with one admin (Annie) and no one else yet."""
    from ivr import db

    with db.unit_of_work(app, dispatch=False) as session:
        created = groups.add_group(session, "Molenwijk")
        membership.add_member(session, created, "06-12345678", name="Annie", is_admin=True)
        return created.id


@pytest.fixture
def twilio_settings(fake) -> dict:
    """Settings that send through the real twilio client to the fake."""
    return {
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_API_URL": fake.url,
        "PUBLIC_URL": "https://lijn.example.nl",
    }


@pytest.fixture
def twilio_app(make_app, twilio_settings):
    """An app that sends through the real twilio client to the fake."""
    return make_app(**twilio_settings)


@pytest.fixture
def phone(twilio):
    """A member's phone texting the line: phone("06-12345678").send("MELD ...") -> the reply."""
    from tests.helpers import Phone

    return lambda number: Phone(twilio, number)
