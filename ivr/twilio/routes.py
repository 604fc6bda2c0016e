"""The webhook paths Twilio calls (a contract), and the one place that builds their URLs."""
from __future__ import annotations

from urllib.parse import urlencode

VOICE = "/twilio/voice"
VOICE_STEP = "/twilio/voice/step"
ALERT_CALL = "/twilio/voice/alert"
ALERT_CALL_KEY = "/twilio/voice/alert/key"
INVITE_CALL = "/twilio/voice/invite"
INVITE_CALL_KEY = "/twilio/voice/invite/key"
SMS = "/twilio/sms"
RECORDING = "/twilio/recording"
STATUS = "/twilio/status"


def step(state: str) -> str:
    """Where Twilio posts the answer to the question in `state`."""
    return f"{VOICE_STEP}?{urlencode({'state': state})}"


def alert_key(delivery: int | str, round: int, repeat: int) -> str:
    """Where an alert call's key goes, carrying the round and how often 2 was pressed."""
    return f"{ALERT_CALL_KEY}?{urlencode({'delivery': delivery, 'round': round, 'repeat': repeat})}"


def invite_key(delivery: int | str, round: int) -> str:
    """Where an invitation call's key goes."""
    return f"{INVITE_CALL_KEY}?{urlencode({'delivery': delivery, 'round': round})}"


def outbound_call(base: str, delivery_id: int, invitation: bool) -> str:
    """The URL Twilio fetches an outbound call's TwiML from (absolute with PUBLIC_URL)."""
    path = INVITE_CALL if invitation else ALERT_CALL
    return f"{base}{path}?{urlencode({'delivery': delivery_id})}"


def status_callback(public_url: str | None) -> str | None:
    """Where Twilio reports how a message or call fared (None without PUBLIC_URL)."""
    return public_url + STATUS if public_url else None
