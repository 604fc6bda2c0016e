"""Storage functions flush but never commit: the caller owns the unit of work."""
from sqlalchemy import select

from ivr import db
from ivr.storage import alerts, groups
from ivr.storage.models import Alert, Group


def test_storage_functions_do_not_commit(app):
    with app.app_context():
        session = db.sessions(app)()
        group = groups.create_group(session, "Tijdelijk")
        groups.add_member(session, group, "06-12345678")
        alerts.create_alert(session, alerts.Report(group.id, None, "voice", "other", "X", "", "yes"))
        session.rollback()
        with db.unit_of_work(app) as check:
            assert check.scalars(select(Group)).all() == []
            assert check.scalars(select(Alert)).all() == []


def test_recipients_are_active_mobile_members_but_the_reporter(app, molenwijk):
    with db.unit_of_work(app) as session:
        annie = groups.active_memberships(session, "+31612345678")[0]
        recipients = groups.alert_recipients(session, molenwijk, annie.id)
        assert [m.name for m in recipients] == ["Henk", "Fatima"]
