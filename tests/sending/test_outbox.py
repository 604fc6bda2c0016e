"""The development outbox: what is sent without an account, and sending it once."""
from __future__ import annotations

from sqlalchemy import select

from ivr import db
from ivr.services import reporting
from ivr.storage import alerts
from ivr.storage.models import Delivery, OutboxMessage
from tests.helpers import send_alert


def test_without_credentials_messages_go_to_the_outbox(app, molenwijk):
    rows = send_alert(app, molenwijk)
    with db.unit_of_work(app, dispatch=False) as session:
        kept = list(session.scalars(select(OutboxMessage)))
    assert len(kept) == 4 and {m.sid for m in kept} == {r.sid for r in rows}  # 3 SMS, 1 call
    assert all(m.from_phone == "+3197010000000" for m in kept)


def test_running_again_sends_nothing_twice(app, molenwijk):
    send_alert(app, molenwijk)
    assert app.broadcast.run().sent == 0  # every row is sent: nothing to claim
    with db.unit_of_work(app, dispatch=False) as session:
        assert len(list(session.scalars(select(OutboxMessage)))) == 4


def test_sweep_resumes_deliveries_left_queued(app, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        report = alerts.Report(molenwijk, None, "voice", "other", "Wiekweg", "", "yes")
        reporting.store(session, report, "Europe/Amsterdam")  # committed, but no process started sending
    app.dispatcher.sweep()
    app.dispatcher.wait_idle(timeout=30)
    with db.unit_of_work(app, dispatch=False) as session:
        states = {d.state for d in session.scalars(select(Delivery))}
        alert_status = session.scalar(select(alerts.Alert.status))
    assert states == {"sent"} and alert_status == "sent"
