"""Fixtures for the broadcast engine: a fake Twilio, an app that sends to it, a big group."""
from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from ivr import db, phones
from ivr.storage import alerts
from ivr.storage.models import Delivery, Member, utcnow

ACCOUNT = "AC" + "0" * 32


@pytest.fixture
def twilio_settings(fake) -> dict:
    return {
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_API_URL": fake.url,
        "PUBLIC_URL": "https://lijn.example.nl",
    }


@pytest.fixture
def twilio_app(make_app, twilio_settings):
    return make_app(**twilio_settings)


def add_members(app, group_id: int, count: int, start: int = 0) -> list[str]:
    """Add `count` mobile members in one statement; return their numbers."""
    numbers = [f"+3161{n:07d}" for n in range(start, start + count)]
    with db.unit_of_work(app) as session:
        session.execute(
            insert(Member),
            [
                {"group_id": group_id, "phone": p, "status": "active", "is_admin": False,
                 "number_kind": phones.NumberKind.MOBILE, "created_at": utcnow()}
                for p in numbers
            ],
        )
    return numbers


def new_alert(app, group_id: int, emergency_called: str = "yes") -> int:
    """Commit an alert with its queued deliveries, as the confirming webhook does."""
    with db.unit_of_work(app) as session:
        report = alerts.Report(group_id, None, "voice", "person", "Molenstraat", "Man in blauwe jas", emergency_called)
        alert, _ = alerts.create_alert(session, report)
        return alert.id


def rows(app, **where) -> list[Delivery]:
    with db.unit_of_work(app) as session:
        query = select(Delivery).order_by(Delivery.id)
        for key, value in where.items():
            query = query.where(getattr(Delivery, key) == value)
        return list(session.scalars(query))


def member(app, phone: str) -> Member:
    with db.unit_of_work(app) as session:
        return session.scalar(select(Member).where(Member.phone == phones.normalise(phone)))
