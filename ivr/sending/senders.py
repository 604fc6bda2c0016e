"""Senders hand one message to Twilio (REST) or, without an account, to the local outbox."""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Protocol

from flask import Flask
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from ivr import db
from ivr.storage.models import OutboxMessage

log = logging.getLogger(__name__)


@dataclass
class SendError(Exception):
    """Twilio (or the network) did not accept a message."""

    message: str
    code: int | None = None
    status: int | None = None

    def __str__(self) -> str:
        return f"{self.code or self.status or 'error'}: {self.message}"


class Sender(Protocol):
    def send_sms(self, to: str, body: str, status_callback: str | None) -> str:
        """Hand one SMS over and return its message SID, or raise SendError."""


class OutboxSender:
    """Keeps messages in the development outbox (and the log) instead of sending them."""

    def __init__(self, app: Flask, from_number: str | None):
        self.app = app
        self.from_number = from_number

    def send_sms(self, to: str, body: str, status_callback: str | None) -> str:
        sid = "SM" + uuid.uuid4().hex
        with db.unit_of_work(self.app) as session:
            session.add(OutboxMessage(sid=sid, to_phone=to, from_phone=self.from_number, body=body))
        log.info("outbox: SMS to %s: %s", to, body)
        return sid


class TwilioSender:
    """Sends through the real twilio REST client, at TWILIO_API_URL when that is set."""

    def __init__(self, account_sid: str, auth_token: str, from_number: str, api_url: str | None):
        self.client = make_client(account_sid, auth_token, api_url)
        self.from_number = from_number

    def send_sms(self, to: str, body: str, status_callback: str | None) -> str:
        options = {"to": to, "from_": self.from_number, "body": body}
        if status_callback:
            options["status_callback"] = status_callback
        try:
            return self.client.messages.create(**options).sid
        except TwilioRestException as exc:
            raise SendError(exc.msg, code=exc.code, status=exc.status) from exc
        except Exception as exc:  # connection errors, timeouts: the outcome is unknown
            raise SendError(str(exc)) from exc


def make_client(account_sid: str, auth_token: str, api_url: str | None) -> Client:
    """Return a twilio Client, pointed at `api_url` instead of api.twilio.com when given."""
    client = Client(account_sid, auth_token)
    if api_url:
        # Edge and region would rewrite the host; a local fake or mock has neither.
        client.edge = None
        client.region = None
        client.api.base_url = api_url.rstrip("/")
    return client


def for_app(app: Flask) -> Sender:
    """Choose the sender: Twilio when credentials are set, otherwise the outbox."""
    config = app.config
    if config.get("TWILIO_ACCOUNT_SID") and config.get("TWILIO_AUTH_TOKEN"):
        if not config.get("TWILIO_PHONE_NUMBER"):
            raise RuntimeError("TWILIO_PHONE_NUMBER is required to send with Twilio")
        return TwilioSender(
            config["TWILIO_ACCOUNT_SID"],
            config["TWILIO_AUTH_TOKEN"],
            config["TWILIO_PHONE_NUMBER"],
            config.get("TWILIO_API_URL"),
        )
    return OutboxSender(app, config.get("TWILIO_PHONE_NUMBER"))
