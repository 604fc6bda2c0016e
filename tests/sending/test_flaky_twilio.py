"""A flaky Twilio: many 500s, and sends that Twilio accepts only after the client gave up."""
from __future__ import annotations

from collections import Counter

from devtools.fake_twilio import LATE
from tests.helpers import ANNIE, add_members, new_alert, rows


def test_with_most_sends_answered_500_every_member_is_reached_once(make_app, twilio_settings, fake, group):
    """5xx is always worth another try while the alert is young: no fixed count gives up."""
    fake.error_rate = 0.6  # with five tries, one member in twelve was never reached
    app = make_app(**twilio_settings, SEND_RETRY_WINDOW_SECONDS=60, TWILIO_TIMEOUT_SECONDS=0.05)
    numbers = add_members(app, group, 300)
    app.dispatcher.alert_created(new_alert(app, group))
    assert app.dispatcher.drain(timeout=120)
    assert Counter(m["To"] for m in fake.messages) == Counter(numbers + [ANNIE])
    assert {r.state for r in rows(app, kind="alert")} == {"sent"}


def test_a_send_accepted_after_the_time_out_is_looked_up_not_sent_again(make_app, twilio_settings, fake, group):
    """The look-up waits until a send still in flight can no longer land (twice the time-out),
    and finds it by To and creation time although Twilio has not filled in DateSent yet."""
    app = make_app(**twilio_settings, TWILIO_TIMEOUT_SECONDS=0.3)
    numbers = add_members(app, group, 30)
    for number in numbers:
        fake.fail(number, LATE, times=1, delay=0.45)  # past the client's 0.3 s, within 0.6 s
    app.dispatcher.alert_created(new_alert(app, group))
    assert app.dispatcher.drain(timeout=60)
    sent = Counter(m["To"] for m in fake.messages)
    assert sent == Counter(numbers + [ANNIE]), [n for n, c in sent.items() if c > 1]
    by_number = {r.to_phone: r for r in rows(app, kind="alert")}
    assert all(by_number[n].state == "sent" and by_number[n].sid for n in numbers)
