"""Every /twilio/* request needs Twilio's signature for the exact URL and parameters."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ivr import db
from ivr.storage.models import Base, Delivery
from ivr.twilio import signatures
from tests.helpers import TOKEN, Call, Twilio

WEBHOOKS = {
    "/twilio/voice": {"CallSid": "CA1", "From": "06-12345678"},
    "/twilio/voice/step?state=alarmeer": {"CallSid": "CA1", "From": "06-12345678", "Digits": "1"},
    "/twilio/sms": {"MessageSid": "SM1", "From": "06-12345678", "Body": "hallo"},
    "/twilio/status": {"MessageSid": "SM1", "MessageStatus": "delivered"},
    "/twilio/recording": {"CallSid": "CA1", "RecordingSid": "RE1", "RecordingStatus": "completed"},
    "/twilio/voice/alert?delivery=1": {"CallSid": "CA1", "AnsweredBy": "human"},
}


def stored(app) -> dict[str, int]:
    """How many rows every table of the line holds: a refused request must change none."""
    with db.unit_of_work(app, dispatch=False) as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


@pytest.mark.parametrize("path", WEBHOOKS)
@pytest.mark.parametrize("signature", [None, "", "bm90IGEgc2lnbmF0dXJl"])
def test_unsigned_or_wrongly_signed_is_refused(app, client, molenwijk, path, signature):
    before = stored(app)
    headers = {} if signature is None else {"X-Twilio-Signature": signature}
    response = client.post(path, data=WEBHOOKS[path], headers=headers)
    assert response.status_code == 403
    assert stored(app) == before


@pytest.mark.parametrize("path", WEBHOOKS)
def test_signature_for_other_parameters_is_refused(app, client, twilio, molenwijk, path):
    before = stored(app)
    signed = signatures.sign(TOKEN, "http://localhost" + path, WEBHOOKS[path])
    tampered = {**WEBHOOKS[path], "From": "06-99999999"}
    response = client.post(path, data=tampered, headers={"X-Twilio-Signature": signed})
    assert response.status_code == 403
    assert stored(app) == before


def test_signature_for_another_url_is_refused(app, client, twilio, molenwijk):
    data = WEBHOOKS["/twilio/voice"]
    signed = signatures.sign(TOKEN, "http://localhost/twilio/sms", data)
    response = client.post("/twilio/voice", data=data, headers={"X-Twilio-Signature": signed})
    assert response.status_code == 403


def test_signed_with_another_token_is_refused(app, client, molenwijk):
    response = Twilio(client, token="someone-else").post("/twilio/voice", WEBHOOKS["/twilio/voice"])
    assert response.status_code == 403


def test_without_auth_token_outside_development_webhooks_are_refused(make_app, molenwijk):
    app = make_app(TWILIO_AUTH_TOKEN=None, BUURTLIJN_ENV="production")
    before = stored(app)
    response = Twilio(app.test_client()).post("/twilio/voice", WEBHOOKS["/twilio/voice"])
    assert response.status_code == 503
    assert "TWILIO_AUTH_TOKEN" in response.get_data(as_text=True)
    assert stored(app) == before


def test_development_without_account_signs_with_a_local_token(make_app, molenwijk, tmp_path):
    app = make_app(TWILIO_AUTH_TOKEN=None, BUURTLIJN_ENV="development")
    token = app.config["WEBHOOK_AUTH_TOKEN"]
    assert token and len(token) >= 32
    client = app.test_client()
    assert Twilio(client).post("/twilio/voice", WEBHOOKS["/twilio/voice"]).status_code == 403
    call = Call(Twilio(client, token=token), "06-12345678").start()
    assert call.state == "alarmeer"


def test_public_url_is_what_twilio_signed(make_app, molenwijk):
    app = make_app(PUBLIC_URL="https://buurtlijn.example.nl")
    client = app.test_client()
    public = Twilio(client, base="https://buurtlijn.example.nl")
    assert Call(public, "06-12345678").start().press("1").state == "what"
    assert Twilio(client).post("/twilio/voice", WEBHOOKS["/twilio/voice"]).status_code == 403


def test_forwarded_proto_and_host_are_honoured(app, client, twilio, molenwijk):
    data = WEBHOOKS["/twilio/voice"]
    signed = signatures.sign(TOKEN, "https://lijn.example.nl/twilio/voice", data)
    response = client.post(
        "/twilio/voice",
        data=data,
        headers={
            "X-Twilio-Signature": signed,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "lijn.example.nl",
        },
    )
    assert response.status_code == 200


def test_refused_status_callback_changes_nothing(app, client, molenwijk):
    from ivr.services import reporting
    from ivr.storage import alerts

    with db.unit_of_work(app, dispatch=False) as session:
        report = alerts.Report(molenwijk, None, "voice", "person", "Molenstraat", "", "yes")
        alert, _ = reporting.store(session, report, "Europe/Amsterdam")
        delivery = session.scalars(select(Delivery).where(Delivery.alert_id == alert.id)).first()
        delivery.state, delivery.sid = "sent", "SMsigned"
    response = client.post("/twilio/status", data={"MessageSid": "SMsigned", "MessageStatus": "failed"})
    assert response.status_code == 403
    with db.unit_of_work(app, dispatch=False) as session:
        assert session.scalar(select(Delivery.state).where(Delivery.sid == "SMsigned")) == "sent"
