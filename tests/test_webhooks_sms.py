"""SMS in: short helpful replies for members and strangers, valid messaging TwiML."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ivr import gsm
from tests.helpers import assert_valid_twiml


def reply(twilio, sender: str, body: str = "Hallo") -> str:
    response = twilio.post("/twilio/sms", {"MessageSid": "SM1", "From": sender, "Body": body})
    assert response.status_code == 200 and response.mimetype == "text/xml"
    xml = response.get_data(as_text=True)
    assert_valid_twiml(xml, "messaging.xsd")
    text = ET.fromstring(xml).find("Message").text
    assert gsm.is_gsm7(text) and gsm.segments(text) <= 2
    return text


def test_member_is_told_to_call_the_line(twilio, molenwijk):
    text = reply(twilio, "+31623456789")
    assert "Molenwijk" in text and "bel dit nummer" in text and "112" in text


@pytest.mark.parametrize("sender", ["+31699999999", "anonymous"])
def test_stranger_is_told_the_line_is_for_groups(twilio, molenwijk, sender):
    text = reply(twilio, sender)
    assert "niet aangemeld" in text and "beheerder" in text and "112" in text
