"""Twilio retries webhooks, and proxies repeat slow requests: the same signed request posted
several times at once, from threads, has one effect and gets a valid answer every time."""
from __future__ import annotations

import threading
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import func, select

from ivr import db
from ivr.storage.models import Alert, Delivery, EarlyStatus
from tests.helpers import ANNIE, HENK, Call, Phone, Twilio, alerts, said, store_alert

AT_ONCE = 6


def at_once(app, path: str, form: dict, times: int = AT_ONCE) -> list:
    """Post the same signed request `times` times at the same moment; return the responses."""
    start, responses = threading.Barrier(times), []

    def post():
        client = Twilio(app.test_client())
        start.wait()
        responses.append(client.post(path, form))

    threads = [threading.Thread(target=post) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return responses


def spoken(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)
    return " ".join("".join(s.itertext()) for s in ET.fromstring(response.get_data(as_text=True)).iter("Say"))


def count(app, model, *where) -> int:
    with db.unit_of_work(app, dispatch=False) as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.mark.parametrize("round_", range(3))
def test_the_confirming_step_twice_at_once_stores_one_alert(app, twilio, molenwijk, round_):
    call = Call(twilio, "06-23456789").start().press("1").press("1").say("Molenstraat").say("Man met pet")
    assert call.state == "confirm"
    form = {"CallSid": call.sid, "From": call.caller, "To": "+3197010000000", "Digits": "1"}
    responses = at_once(app, call.gather.get("action"), form)
    assert len(alerts(app)) == 1
    sent = said("voice.sent", count=3, neighbours=said("voice.neighbours"))
    assert all(sent in spoken(r) for r in responses), [spoken(r) for r in responses]


@pytest.mark.parametrize("round_", range(3))
def test_the_first_request_twice_at_once_is_answered_alike(app, molenwijk, round_):
    form = {"CallSid": f"CA{round_:032d}", "From": ANNIE, "To": "+3197010000000"}
    texts = [spoken(r) for r in at_once(app, "/twilio/voice", form)]
    assert len(set(texts)) == 1 and said("voice.error") not in texts[0]


@pytest.mark.parametrize("round_", range(3))
def test_two_answers_to_the_112_question_at_once_send_one_alert(app, twilio, molenwijk, round_):
    henk = Phone(twilio, HENK)
    assert said("sms.ask_112") in henk.send("MELD man met breekijzer bij nummer 4")
    start, replies = threading.Barrier(AT_ONCE), []

    def answer(n):
        phone = Phone(Twilio(app.test_client()), HENK)
        start.wait()
        replies.append(phone.send("1", sid=f"SMrace{round_}{n:026d}"))

    threads = [threading.Thread(target=answer, args=(n,)) for n in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(alerts(app)) == 1
    assert sum("Verstuurd" in r for r in replies) == 1
    assert all(r == said("sms.report_done") for r in replies if "Verstuurd" not in r), replies


def test_the_same_sms_twice_at_once_has_one_effect(app, molenwijk):
    form = {"MessageSid": "SM" + "7" * 32, "From": HENK, "Body": "TEST"}
    responses = at_once(app, "/twilio/sms", {**form, "From": ANNIE})
    assert len({r.get_data(as_text=True) for r in responses}) == 1
    assert count(app, Delivery, Delivery.kind == "test") == 1


@pytest.mark.parametrize("status", ["sent", "delivered", "failed"])
def test_status_callbacks_at_once_for_an_unknown_sid_are_all_accepted(app, molenwijk, status):
    form = {"MessageSid": "SM" + "5" * 32, "MessageStatus": status}
    responses = at_once(app, "/twilio/status", form)
    assert [r.status_code for r in responses] == [204] * AT_ONCE
    assert count(app, EarlyStatus) == 1


def test_status_callbacks_at_once_move_a_delivery_forward_once(app, molenwijk):
    with db.unit_of_work(app, dispatch=False) as session:
        alert, _ = store_alert(session, molenwijk)
        delivery = session.scalars(select(Delivery).where(Delivery.alert_id == alert.id)).first()
        delivery.state, delivery.sid = "sent", "SM" + "6" * 32
    statuses = ["delivered", "sent", "undelivered", "delivered", "sent", "delivered"]
    start, codes = threading.Barrier(len(statuses)), []

    def post(status):
        client = Twilio(app.test_client())
        start.wait()
        codes.append(client.post("/twilio/status", {"MessageSid": "SM" + "6" * 32, "MessageStatus": status}).status_code)

    threads = [threading.Thread(target=post, args=(s,)) for s in statuses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert codes == [204] * len(statuses)
    with db.unit_of_work(app, dispatch=False) as session:
        state = session.scalar(select(Delivery.state).where(Delivery.sid == "SM" + "6" * 32))
    assert state in ("delivered", "undelivered")  # final, whichever came first; never back to sent
    assert count(app, Alert) == 1


@pytest.mark.parametrize("round_", range(3))
def test_one_residents_join_requests_at_once_reach_the_admins_once(app, molenwijk, round_):
    from ivr.flows.postcodes import parse_all
    from ivr.storage import groups
    from ivr.storage.models import Group, JoinRequest

    with db.unit_of_work(app, dispatch=False) as session:
        groups.set_area(session, session.get(Group, molenwijk), parse_all(["3511"]))
    start, replies = threading.Barrier(AT_ONCE), []

    def ask(n: int) -> None:  # different messages (SIDs) from one number, as a hurried resident sends them
        phone = Phone(Twilio(app.test_client()), "06-87654321")
        start.wait()
        replies.append(phone.send(f"MEEDOEN 3511 Jan Jansen {n}"))

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(set(replies)) == sorted({said("sms.join.sent", group="Molenwijk"), said("sms.join.again")})
    assert replies.count(said("sms.join.sent", group="Molenwijk")) == 1
    assert count(app, JoinRequest) == 1
    assert count(app, Delivery, Delivery.kind == "join_request") == 1


@pytest.mark.parametrize("round_", range(3))
def test_the_reporter_and_an_admin_closing_at_once_tell_the_group_once(app, molenwijk, round_):
    Phone(Twilio(app.test_client()), HENK).send("MELD verdachte man Dorpsstraat")
    Phone(Twilio(app.test_client()), HENK).send("1")
    start, replies = threading.Barrier(AT_ONCE), []

    def close(number: str) -> None:
        phone = Phone(Twilio(app.test_client()), number)
        start.wait()
        replies.append(phone.send("AFGEROND"))

    threads = [threading.Thread(target=close, args=(HENK if n % 2 else ANNIE,)) for n in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(1 for r in replies if r.startswith("Dank u.")) == 1
    assert replies.count(said("sms.close.already")) == AT_ONCE - 1
    # Henk or Annie closed it: the other three members hear it once (the closer never does).
    assert count(app, Delivery, Delivery.kind == "all_clear") == 3
