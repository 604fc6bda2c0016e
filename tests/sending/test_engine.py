"""The broadcast engine against a fake Twilio: every error class, bounds, exactly-once."""
from __future__ import annotations

import threading
from collections import Counter

import pytest

from devtools.fake_twilio import DROP
from ivr.storage.models import Alert
from tests.helpers import add_members, member, new_alert, rows

ANNIE = "+31612345678"


def drain(app):
    assert app.dispatcher.drain(timeout=60)


def alert_rows(app):
    return rows(app, kind="alert")


def test_fan_out_sends_each_member_exactly_once(twilio_app, fake, group):
    numbers = add_members(twilio_app, group, 120)
    alert_id = new_alert(twilio_app, group)
    twilio_app.dispatcher.alert_created(alert_id)
    drain(twilio_app)
    assert Counter(m["To"] for m in fake.messages) == Counter(numbers + [ANNIE])
    assert {r.state for r in alert_rows(twilio_app)} == {"sent"}
    assert all(m["StatusCallback"] == "https://lijn.example.nl/twilio/status" for m in fake.messages)


@pytest.mark.parametrize("status, code", [(429, 20429), (503, 0), (500, 20500)])
def test_passing_errors_are_retried_then_sent(twilio_app, fake, group, status, code):
    [number] = add_members(twilio_app, group, 1)
    fake.fail(number, status, code, times=2)
    new_alert(twilio_app, group)
    drain(twilio_app)
    [row] = [r for r in alert_rows(twilio_app) if r.to_phone == number]
    assert (row.state, row.attempts) == ("sent", 3)
    assert len(fake.sent_to(number)) == 1


def test_lost_answer_is_looked_up_not_sent_again(twilio_app, fake, group):
    [number] = add_members(twilio_app, group, 1)
    fake.fail(number, DROP, times=1)  # Twilio accepts it, the answer never arrives
    new_alert(twilio_app, group)
    drain(twilio_app)
    [row] = [r for r in alert_rows(twilio_app) if r.to_phone == number]
    [accepted] = fake.sent_to(number)
    assert (row.state, row.sid, row.attempts) == ("sent", accepted["sid"], 2)
    assert ("GET", f"/2010-04-01/Accounts/AC{'0' * 32}/Messages.json") in fake.requests


def test_no_answer_at_all_is_retried_until_the_window_closes(make_app, twilio_settings, group):
    app = make_app(**{**twilio_settings, "TWILIO_API_URL": "http://127.0.0.1:9"},  # nothing listens
                   SEND_RETRY_WINDOW_SECONDS=3)
    new_alert(app, group)
    drain(app)
    [row] = alert_rows(app)
    assert row.state == "failed" and row.attempts >= 3 and row.sid is None


def test_always_rate_limited_is_retried_for_the_whole_window_then_failed(make_app, twilio_settings, fake, group):
    app = make_app(**twilio_settings, SEND_RETRY_WINDOW_SECONDS=2)
    [number] = add_members(app, group, 1)
    fake.fail(number, 429, 20429)
    new_alert(app, group)
    drain(app)
    [row] = [r for r in alert_rows(app) if r.to_phone == number]
    assert (row.state, row.error_code) == ("failed", 20429)
    assert row.attempts > 5  # not a fixed count: as long as the alert is worth something
    assert fake.sent_to(number) == []


def test_retries_stop_when_the_window_has_passed(make_app, twilio_settings, fake, group):
    app = make_app(**twilio_settings, SEND_RETRY_WINDOW_SECONDS=0)
    [number] = add_members(app, group, 1)
    fake.fail(number, 429, 20429)
    new_alert(app, group)
    drain(app)
    [row] = [r for r in alert_rows(app) if r.to_phone == number]
    assert (row.state, row.attempts) == ("failed", 1)


def test_opted_out_member_is_never_sent_to_again(twilio_app, fake, group):
    [number] = add_members(twilio_app, group, 1)
    fake.fail(number, 400, 21610)
    new_alert(twilio_app, group)
    drain(twilio_app)
    assert member(twilio_app, number).status == "opted_out"
    fake.failures.clear()
    second = new_alert(twilio_app, group)
    drain(twilio_app)
    assert [r.to_phone for r in rows(twilio_app, alert_id=second, kind="alert")] == [ANNIE]
    assert fake.sent_to(number) == []


@pytest.mark.parametrize("code, kind, channels", [(21211, "mobile", []), (21614, "fixed", ["voice"])])
def test_unreachable_numbers_are_not_tried_for_sms_again(twilio_app, fake, group, code, kind, channels):
    [number] = add_members(twilio_app, group, 1)
    fake.fail(number, 400, code)
    new_alert(twilio_app, group)
    drain(twilio_app)
    [row] = [r for r in alert_rows(twilio_app) if r.to_phone == number]
    assert (row.state, row.attempts, row.error_code) == ("failed", 1, code)
    marked = member(twilio_app, number)
    assert (marked.sms_error, marked.number_kind, marked.status) == (code, kind, "active")
    second = new_alert(twilio_app, group)
    # A landline (21614) is called from now on; an invalid number (21211) is left alone.
    assert [r.channel for r in rows(twilio_app, alert_id=second) if r.to_phone == number] == channels


def test_other_client_errors_fail_at_once(twilio_app, fake, group):
    [number] = add_members(twilio_app, group, 1)
    fake.fail(number, 400, 21408)  # permission to send to this region is not enabled
    new_alert(twilio_app, group)
    drain(twilio_app)
    [row] = [r for r in alert_rows(twilio_app) if r.to_phone == number]
    assert (row.state, row.attempts, row.error_code) == ("failed", 1, 21408)


def test_admins_get_one_summary_of_permanent_failures(twilio_app, fake, group):
    numbers = add_members(twilio_app, group, 4)
    fake.fail(numbers[0], 400, 21610)
    fake.fail(numbers[1], 400, 21211)
    fake.fail(numbers[2], 400, 21614)
    alert_id = new_alert(twilio_app, group)
    drain(twilio_app)
    [summary] = rows(twilio_app, kind="admin_summary")
    assert summary.to_phone == ANNIE and summary.state == "sent"
    [text] = [m["Body"] for m in fake.messages if m["To"] == ANNIE and "Buurtlijn:" in m["Body"]]
    assert "bij 3 leden niet aangekomen" in text
    assert "1 afgemeld met STOP" in text and "1 ongeldig nummer" in text and "1 vaste lijn" in text
    # Running again (a sweep, another worker) never tells them twice.
    twilio_app.broadcast.run(alert_id)
    assert len(rows(twilio_app, kind="admin_summary")) == 1


def test_no_summary_when_everyone_was_reached(twilio_app, fake, group):
    add_members(twilio_app, group, 3)
    alert_id = new_alert(twilio_app, group)
    drain(twilio_app)
    assert rows(twilio_app, kind="admin_summary") == []
    from ivr import db

    with db.unit_of_work(twilio_app, dispatch=False) as session:
        alert = session.get(Alert, alert_id)
        assert alert.status == "sent" and alert.sent_at is not None


def test_two_workers_on_one_broadcast_never_double_send(make_app, twilio_settings, fake, group):
    fake.latency = 0.01
    first, second = make_app(**twilio_settings), make_app(**twilio_settings)
    numbers = add_members(first, group, 300)
    alert_id = new_alert(first, group)
    results = {}

    def work(name, app):
        results[name] = app.broadcast.run(alert_id)

    threads = [threading.Thread(target=work, args=(n, a)) for n, a in (("a", first), ("b", second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(m["To"] for m in fake.messages) == Counter(numbers + [ANNIE])
    assert results["a"].sent + results["b"].sent == 301
    assert results["a"].sent > 0 and results["b"].sent > 0


def test_overlapping_runs_share_one_concurrency_bound(twilio_app, fake, group):
    """An alert's run and a sweep in one process together stay within SEND_CONCURRENCY (4)."""
    fake.latency = 0.02
    add_members(twilio_app, group, 80)
    first, second = new_alert(twilio_app, group), new_alert(twilio_app, group)
    broadcast = twilio_app.broadcast
    threads = [threading.Thread(target=broadcast.run, args=(a,)) for a in (first, second, None)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fake.messages) == 2 * 81
    assert fake.max_in_flight == 4


def test_the_summary_says_1_lid_not_1_leden(twilio_app, fake, group):
    [number] = add_members(twilio_app, group, 1)
    fake.fail(number, 400, 21211)
    new_alert(twilio_app, group)
    drain(twilio_app)
    [text] = [m["Body"] for m in fake.messages if m["To"] == ANNIE and "Buurtlijn:" in m["Body"]]
    assert "bij 1 lid niet aangekomen" in text and "leden" not in text
