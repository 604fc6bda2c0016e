"""Hostile values in signed webhooks: every answer is valid TwiML or a 4xx with a reason.

Twilio's signature only proves who sent a request, not that its values are sane: a bug, a
proxy or a stolen token can post anything. Hypothesis tries absent, empty, huge, NUL, control
characters, non-ASCII digits and numbers too big for any column on every webhook, on the
database the suite runs on (CI: SQLite and PostgreSQL).
"""
from __future__ import annotations

import logging
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import ANNIE, Twilio, assert_valid_twiml

NASTY = st.one_of(
    st.none(),  # absent
    st.sampled_from([
        "", " ", "\x00", "a\x00b", "\x1b[31m", "²", "\u0663", "١٢", "9" * 40, "-1", "0", "1",
        "*", "#", "x" * 100_000, "\ufeff", "<Say>hi</Say>", "'; DROP TABLE members; --",
        "+31612345678", "anonymous", "CA" + "0" * 32, "machine_start", "completed", "busy",
        "delivered", "http://x/\x00", "1" * 19, "%00", "\r\n",
    ]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
)
# Mostly well-formed SIDs, so the hostile values get past the first check and deep inside.
SID = st.one_of(st.sampled_from(["CA" + "1" * 32, "SM" + "2" * 32, "RE" + "3" * 32]), st.just("CA" + "1" * 32), NASTY)
WEBHOOKS = {
    "/twilio/voice": ("CallSid", "From", "To"),
    "/twilio/voice/step?state={q}": ("CallSid", "From", "Digits", "SpeechResult", "Confidence"),
    "/twilio/sms": ("MessageSid", "From", "Body", "NumMedia"),
    "/twilio/status": ("MessageSid", "MessageStatus", "ErrorCode", "CallSid", "CallStatus"),
    "/twilio/recording": ("RecordingSid", "CallSid", "RecordingUrl", "RecordingStatus"),
    "/twilio/voice/alert?delivery={q}": ("CallSid", "AnsweredBy"),
    "/twilio/voice/alert/key?delivery={q}&round={q}&repeat={q}": ("CallSid", "Digits"),
    "/twilio/voice/invite?delivery={q}": ("CallSid", "AnsweredBy"),
    "/twilio/voice/invite/key?delivery={q}&round={q}": ("CallSid", "Digits"),
}
QUERY = st.sampled_from(["1", "", "abc", "²", "9" * 40, "-5", "choose_group", "alarmeer", "%00", "1e9"])


def check(response, path: str) -> None:
    assert response.status_code in (200, 204, 400, 413), (path, response.status_code)
    if response.status_code == 200:
        body = response.get_data(as_text=True)
        ET.fromstring(body)  # well-formed
        assert_valid_twiml(body, "messaging.xsd" if path.startswith("/twilio/sms") else "voice.xsd")
    elif response.status_code in (400, 413):
        assert response.get_data(as_text=True).strip(), "a 4xx says why"


@pytest.mark.parametrize("path", WEBHOOKS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_values_get_twiml_or_a_reason(client, molenwijk, caplog, path, data):
    caplog.clear()
    fields = WEBHOOKS[path]
    form = {}
    for field in fields:
        value = data.draw(SID if field.endswith("Sid") else NASTY, label=field)
        if value is not None:
            form[field] = value
    url = path.replace("{q}", "{}").format(*[data.draw(QUERY) for _ in range(path.count("{q}"))])
    with caplog.at_level(logging.WARNING):
        response = Twilio(client).post(url, form)
    check(response, url)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


@pytest.mark.parametrize("digits", ["²", "\u0663", "1\x00", "9" * 40, "1 2"])
def test_a_key_no_phone_can_send_is_a_wrong_key(twilio, molenwijk, digits):
    from tests.helpers import Call, said

    call = Call(twilio, "06-12345678").start()
    after = call._post(call.gather.get("action"), {"Digits": digits})
    assert after.state == "alarmeer" and said("voice.invalid_key") in after.text


def test_members_of_several_groups_choosing_with_a_superscript_two(app, twilio, db_session):
    """str.isdigit("²") is True and int("²") raises: the group choice once gave a 500 here."""
    from ivr.services import membership
    from ivr.storage import groups
    from tests.helpers import Call, said

    for name in ("Noord", "Zuid"):
        membership.add_member(db_session, groups.add_group(db_session, name), ANNIE)
    db_session.commit()
    call = Call(twilio, ANNIE).start()
    assert call.state == "choose_group"
    after = call._post(call.gather.get("action"), {"Digits": "²"})
    assert after.state == "choose_group" and said("voice.invalid_key") in after.text
