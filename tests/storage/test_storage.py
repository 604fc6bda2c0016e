"""Storage functions flush but never commit: the caller owns the unit of work."""
from sqlalchemy import func, select

from ivr import db
from ivr.services import membership, reporting
from ivr.storage import alerts, groups, members
from ivr.storage.models import Alert, Group


def test_storage_functions_do_not_commit(app):
    with app.app_context():
        session = db.sessions(app)()
        group = groups.add_group(session, "Tijdelijk")
        membership.add_member(session, group, "06-12345678")
        reporting.store(session, alerts.Report(group.id, None, "voice", "other", "X", "", "yes"), "Europe/Amsterdam")
        session.rollback()
        with db.unit_of_work(app, dispatch=False) as check:
            assert check.scalars(select(Group)).all() == []
            assert check.scalars(select(Alert)).all() == []


def test_recipients_are_active_mobile_members_but_the_reporter(app, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        annie = members.active_memberships(session, "+31612345678")[0]
        recipients = session.execute(members.alert_recipients_query(molenwijk, annie.id)).all()
        assert [name for _id, _phone, name in recipients] == ["Henk", "Fatima"]


def test_claim_takes_exactly_its_limit_and_never_twice(app, molenwijk):
    from sqlalchemy import insert

    from ivr.storage import deliveries
    from ivr.storage.models import Delivery, utcnow

    with db.unit_of_work(app, dispatch=False) as session:
        alert, _ = reporting.store(session, alerts.Report(molenwijk, None, "voice", "other", "X", "", "yes"), "Europe/Amsterdam")
        session.execute(
            insert(Delivery),
            [{"alert_id": alert.id, "to_phone": f"+3161{n:07d}", "kind": "alert", "state": "queued",
              "created_at": utcnow(), "updated_at": utcnow()} for n in range(200)],
        )
    taken: list[int] = []
    for _ in range(10):
        with db.unit_of_work(app, dispatch=False) as session:
            batch = deliveries.claim_batch(session, 7, alert.id)
        assert len(batch) == 7
        taken += [c.id for c in batch]
    assert len(set(taken)) == 70
    with db.unit_of_work(app, dispatch=False) as session:
        assert session.scalar(select(func.count()).where(Delivery.state == "sending")) == 70
