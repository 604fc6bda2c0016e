"""Status callbacks move deliveries forward, never back."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from ivr.services import reporting
from ivr.storage import alerts, deliveries
from ivr.storage.models import Delivery, DeliveryState, EarlyStatus


@pytest.fixture
def sent_delivery(app, molenwijk, db_session):
    report = alerts.Report(molenwijk, None, "voice", "person", "Molenstraat", "", "yes")
    alert, _ = reporting.store(db_session, report, "Europe/Amsterdam")
    delivery = db_session.scalars(select(Delivery).where(Delivery.alert_id == alert.id)).first()
    delivery.state, delivery.sid = DeliveryState.SENT, "SM0001"
    db_session.commit()
    return delivery.id


def status(twilio, sid, value, **extra):
    return twilio.post("/twilio/status", {"MessageSid": sid, "MessageStatus": value, **extra})


def state_of(db_session, delivery_id):
    db_session.expire_all()
    return db_session.get(Delivery, delivery_id)


def test_delivered(twilio, db_session, sent_delivery):
    assert status(twilio, "SM0001", "delivered").status_code == 204
    assert state_of(db_session, sent_delivery).state == "delivered"


def test_late_sent_never_overwrites_delivered(twilio, db_session, sent_delivery):
    status(twilio, "SM0001", "delivered")
    status(twilio, "SM0001", "sent")
    assert state_of(db_session, sent_delivery).state == "delivered"


def test_undelivered_keeps_the_error_code(twilio, db_session, sent_delivery):
    status(twilio, "SM0001", "undelivered", ErrorCode="30003")
    delivery = state_of(db_session, sent_delivery)
    assert (delivery.state, delivery.error_code) == ("undelivered", 30003)


def test_unknown_sid_is_accepted_and_ignored(twilio, db_session, sent_delivery):
    assert status(twilio, "SM-unknown", "delivered").status_code == 204
    assert state_of(db_session, sent_delivery).state == "sent"


def test_missing_fields_get_400_with_a_reason(twilio):
    response = twilio.post("/twilio/status", {"MessageSid": "SM0001"})
    assert response.status_code == 400 and "MessageStatus" in response.get_data(as_text=True)


ORDERS = [
    (["sent", "delivered"], "delivered"),
    (["delivered", "sent"], "delivered"),
    (["sent", "undelivered"], "undelivered"),
    (["undelivered", "sent"], "undelivered"),
    (["failed", "delivered", "sent"], "failed"),
    (["queued", "sending", "sent", "delivered", "delivered"], "delivered"),
]


@pytest.mark.parametrize("order, final", ORDERS)
def test_callbacks_in_any_order_end_in_the_furthest_state(twilio, db_session, sent_delivery, order, final):
    for value in order:
        assert status(twilio, "SM0001", value).status_code == 204
    assert state_of(db_session, sent_delivery).state == final


@pytest.mark.parametrize("order, final", ORDERS)
def test_callbacks_before_the_sid_is_stored_are_applied_when_it_is(
    app, twilio, db_session, molenwijk, order, final
):
    report = alerts.Report(molenwijk, None, "voice", "person", "Molenstraat", "", "yes")
    alert, _ = reporting.store(db_session, report, "Europe/Amsterdam")
    db_session.commit()
    [claimed, *_] = deliveries.claim_batch(db_session, 1, alert.id)
    db_session.commit()
    for value in order:  # Twilio is faster than the sender's own bookkeeping
        status(twilio, "SM-early", value)
    deliveries.record_sent(db_session, [(claimed.id, "SM-early")])
    db_session.commit()
    row = state_of(db_session, claimed.id)
    assert (row.sid, row.state) == ("SM-early", final)
    assert db_session.scalars(select(EarlyStatus)).all() == []
