"""Twilio's real throughput: one paced budget for every process, alerts first, fair, expiring.

The fake models Twilio's queue (per-sender throughput, first in first out) and records when
each message would be on the phone. Speed is never asserted here; order, budget and fields are.
"""
from __future__ import annotations

import os
import threading
import time

import pytest
import redis

from ivr import db
from ivr.sending.pace import LocalPace, RedisPace, slot_lengths
from ivr.services import membership
from ivr.storage import groups
from ivr.storage.models import DeliveryKind
from tests.helpers import ANNIE, Phone, Twilio, add_members, new_alert, rows, said

RATE = 20  # segments a second: small, so a test shows pacing within a few seconds
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def paced(make_app, twilio_settings, fake):
    """Build apps sending to the fake at RATE segments a second, each its own 'process'."""
    fake.mps = RATE

    def build(**overrides):
        return make_app(**twilio_settings, SMS_PER_SECOND=float(RATE), SEND_CONCURRENCY=8, **overrides)

    return build


def run_all(*apps) -> None:
    """Run each app's broadcast in its own thread, as separate sending processes would."""
    threads = [threading.Thread(target=app.broadcast.run) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)


def invite(app, group_id: int, count: int) -> None:
    with db.unit_of_work(app, dispatch=False) as session:
        group = session.get(groups.Group, group_id)
        for n in range(count):
            membership.invite_member(session, group, f"+316200{n:05d}")


def test_the_budget_holds_across_processes_from_the_first_second(paced, fake, group):
    first, second = paced(), paced()
    add_members(first, group, 79)
    new_alert(first, group)
    run_all(first, second)
    accepted = sorted(m["accepted"] for m in fake.messages)
    assert len(accepted) == 80
    assert fake.busiest_second() <= RATE  # in any one second, the start included
    assert accepted[-1] - accepted[0] >= (80 - RATE) / RATE  # paced, not handed over at once


def test_a_stalled_sender_does_not_burst_its_missed_slots(paced, fake, group, monkeypatch):
    """A process that stalls (CPU, GIL, a pause) wakes late for several slots at once: those
    messages are booked again, not all sent in the moment it wakes."""
    from ivr.sending.engine import Broadcast

    app = paced()
    add_members(app, group, 39)
    new_alert(app, group)
    real_wait, stalled_until = Broadcast._wait_until, []

    def stalled_wait(self, at):
        if not stalled_until:
            stalled_until.append(time.monotonic() + 0.5)
        if at < stalled_until[0]:  # every slot in the stall is woken at its end
            time.sleep(max(0.0, stalled_until[0] - time.monotonic()))
            return not self.stopping
        return real_wait(self, at)

    monkeypatch.setattr(Broadcast, "_wait_until", stalled_wait)
    run_all(app)
    assert len(fake.messages) == 40 and len({m["To"] for m in fake.messages}) == 40
    assert fake.busiest_second() <= RATE


def test_a_two_segment_message_takes_two_of_the_budget(paced, fake, group):
    app = paced()
    numbers = add_members(app, group, 20)
    with db.unit_of_work(app, dispatch=False) as session:
        from ivr.storage import deliveries, members

        for number in numbers:
            member = members.memberships(session, number, ("active",))[0]
            deliveries.queue_one(session, member, "Lang bericht. " * 20, DeliveryKind.MEMBER_NOTICE)
    run_all(app)
    assert {m["segments"] for m in fake.messages} == {2}
    assert fake.busiest_second() <= RATE


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {REDIS}")
    redis.Redis.from_url(REDIS).delete(*[RedisPace.PREFIX + lane for lane in ("sms", "calls")])
    return REDIS


def test_the_scaled_mode_paces_in_redis_across_processes(paced, fake, group, redis_url):
    first, second = (paced(CELERY_BROKER_URL=redis_url) for _ in range(2))
    assert isinstance(first.broadcast.pace, RedisPace)
    add_members(first, group, 59)
    new_alert(first, group)
    run_all(first, second)
    assert len(fake.messages) == 60 and fake.busiest_second() <= RATE
    assert float(redis.Redis.from_url(redis_url).get(RedisPace.PREFIX + "sms")) > time.time() - 5


def test_a_lost_redis_paces_in_the_database(paced, fake, group):
    app = paced(CELERY_BROKER_URL="redis://127.0.0.1:1/0")  # nobody listens there
    add_members(app, group, 39)
    new_alert(app, group)
    run_all(app)
    assert len(fake.messages) == 40 and fake.busiest_second() <= RATE


def test_an_alert_goes_before_the_invitations_already_queued(paced, fake, group, app):
    sender = paced()
    invite(sender, group, 60)
    runner = threading.Thread(target=sender.broadcast.run)
    runner.start()
    time.sleep(0.5)
    add_members(sender, group, 9)
    alert_at = time.time()
    new_alert(sender, group)
    sender.broadcast.run()  # as the confirm's dispatch does: another run beside the first
    runner.join(timeout=60)
    alert_texts = [m for m in fake.messages if "nodigt u uit" not in m["Body"]]
    invitations_after = [m for m in fake.messages if "nodigt u uit" in m["Body"] and m["accepted"] > alert_at]
    assert len(alert_texts) == 10
    last_alert = max(m["accepted"] for m in alert_texts)
    # Only what was claimed already (one second's budget) may go between the alert and its end.
    assert sum(1 for m in invitations_after if m["accepted"] < last_alert) <= RATE + 2
    assert last_alert < max(m["accepted"] for m in invitations_after)


def test_a_small_alert_during_a_large_one_goes_first(paced, fake, group):
    app = paced()
    add_members(app, group, 199)
    large = new_alert(app, group)
    runner = threading.Thread(target=app.broadcast.run)
    runner.start()
    time.sleep(1.0)
    with db.unit_of_work(app, dispatch=False) as session:
        small_group = groups.add_group(session, "Centrum")
        membership.add_member(session, small_group, "06-44444441", is_admin=True)
        small_group_id = small_group.id
    small_numbers = add_members(app, small_group_id, 9, start=5000)
    small_at = time.time()
    small = new_alert(app, small_group_id)
    app.broadcast.run()
    runner.join(timeout=60)
    on_phone = {m["To"]: m["on_phone"] for m in fake.messages}
    small_last = max(on_phone[n] for n in small_numbers + ["+31644444441"])
    large_phones = [m["on_phone"] for m in fake.messages if m["To"] not in small_numbers + ["+31644444441"]]
    # The 10 of the small group are on their phones before the large one's queue is through.
    assert small_last < max(large_phones)
    assert sum(1 for t in large_phones if small_at < t < small_last) <= RATE + 2
    assert {d.state for d in rows(app, alert_id=small)} == {d.state for d in rows(app, alert_id=large)} == {"sent"}


def test_alerts_expire_at_twilio_and_invitations_do_not(paced, fake, group):
    app = paced(ALERT_VALIDITY_SECONDS=600)
    add_members(app, group, 2)
    invite(app, group, 1)
    new_alert(app, group, emergency_called="no")
    run_all(app)
    alert = [m for m in fake.messages if "nodigt u uit" not in m["Body"]]
    invitation = [m for m in fake.messages if "nodigt u uit" in m["Body"]]
    assert alert and all(m["ValidityPeriod"] == "600" for m in alert)
    assert invitation and all("ValidityPeriod" not in m for m in invitation)


def test_an_expired_alert_sms_is_counted_as_such(make_app, twilio_settings, fake, group):
    app = make_app(**twilio_settings)
    fake.callback_token = app.config["WEBHOOK_AUTH_TOKEN"]
    add_members(app, group, 2)
    alert_id = new_alert(app, group)
    run_all(app)
    client = Twilio(app.test_client(), base=app.config["PUBLIC_URL"])  # what Twilio signs
    for delivery in rows(app, alert_id=alert_id)[:2]:
        answer = client.post("/twilio/status", {"MessageSid": delivery.sid, "MessageStatus": "failed",
                                                "ErrorCode": "30036"})
        assert answer.status_code == 204, answer.get_data(as_text=True)
    failed = [d for d in rows(app, alert_id=alert_id) if d.state == "failed"]
    assert len(failed) == 2 and {d.failure for d in failed} == {"expired"}
    status = Phone(client, ANNIE).send("STATUS")
    assert said("sms.status_expired", expired=2, minutes=15) in status


def test_a_messaging_service_sends_without_from(paced, fake, group):
    service = "MG" + "a" * 32
    app = paced(TWILIO_MESSAGING_SERVICE_SID=service)
    add_members(app, group, 3)
    new_alert(app, group)
    run_all(app)
    assert fake.messages and all(m.get("MessagingServiceSid") == service and "From" not in m for m in fake.messages)


def test_calls_keep_calls_per_second_across_processes(paced, fake, molenwijk, twilio_settings):
    first, second = paced(CALLS_PER_SECOND=4.0), paced(CALLS_PER_SECOND=4.0)
    add_landlines = ["020-5550001", "020-5550002", "020-5550003", "020-5550004", "020-5550005"]
    with db.unit_of_work(first, dispatch=False) as session:
        group = session.get(groups.Group, molenwijk)
        for number in add_landlines:
            membership.add_member(session, group, number)
    new_alert(first, molenwijk)
    run_all(first, second)
    times = sorted(c["at"] for c in fake.calls)
    assert len(times) == 6
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.9 / 4


def test_local_pace_books_consecutive_slots():
    now = [100.0]
    pace = LocalPace(clock=lambda: now[0])
    assert pace.book("sms", slot_lengths([1, 2, 1], 10)) == pytest.approx([0, 0.11, 0.33])
    assert pace.lead("sms") == pytest.approx(0.44)
    now[0] = 101.0  # the lane fell free meanwhile: no credit for the idle time
    assert pace.book("sms", slot_lengths([1], 10)) == [0.0]
