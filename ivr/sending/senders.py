"""Senders hand one message to Twilio (REST) or, without an account, to the local outbox."""
from __future__ import annotations

import logging
from contextlib import contextmanager
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from flask import Flask
from requests.adapters import HTTPAdapter
from sqlalchemy import select
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from ivr import db
from ivr.storage.models import OutboxMessage

log = logging.getLogger(__name__)

CALL_MARK = "[call]"  # an outbox row that stands for a phone call, not an SMS
REQUEST_TIMEOUT = 15  # seconds; past it the outcome is unknown and is looked up before a retry


@dataclass
class SendError(Exception):
    """Twilio (or the network) did not accept a message. No status: the outcome is unknown."""

    message: str
    code: int | None = None
    status: int | None = None

    def __str__(self) -> str:
        return f"{self.code or self.status or 'no answer'}: {self.message}"


class Sender(Protocol):
    needs_public_url: bool

    def send_sms(self, to: str, body: str, status_callback: str | None) -> str:
        """Hand one SMS over and return its message SID, or raise SendError."""

    def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        """Return the SID of this exact SMS if it was accepted since `since`, else None."""

    def place_call(self, to: str, url: str, status_callback: str | None) -> str:
        """Start an outbound call that fetches its TwiML from `url`; return the call SID."""

    def find_call(self, to: str, since: datetime) -> str | None:
        """Return the SID of a call placed to `to` since `since`, else None."""

    def delete_recording(self, sid: str) -> None:
        """Delete a recording held at Twilio, or raise SendError (404: it is gone already)."""


class OutboxSender:
    """Keeps messages in the development outbox (and the log) instead of sending them."""

    needs_public_url = False  # nobody fetches a call's TwiML: a relative URL will do

    def __init__(self, app: Flask, from_number: str | None):
        self.app = app
        self.from_number = from_number

    def send_sms(self, to: str, body: str, status_callback: str | None) -> str:
        sid = "SM" + uuid.uuid4().hex
        with db.unit_of_work(self.app) as session:
            session.add(OutboxMessage(sid=sid, to_phone=to, from_phone=self.from_number, body=body))
        log.info("outbox: SMS to %s: %s", to, body)
        return sid

    def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        with db.unit_of_work(self.app) as session:
            return session.scalar(
                select(OutboxMessage.sid).where(
                    OutboxMessage.to_phone == to,
                    OutboxMessage.body == body,
                    OutboxMessage.created_at >= since,
                )
            )

    def place_call(self, to: str, url: str, status_callback: str | None) -> str:
        sid = "CA" + uuid.uuid4().hex
        with db.unit_of_work(self.app) as session:
            session.add(
                OutboxMessage(sid=sid, to_phone=to, from_phone=self.from_number, body=f"{CALL_MARK} {url}")
            )
        log.info("outbox: call to %s: %s", to, url)
        return sid

    def delete_recording(self, sid: str) -> None:
        log.info("outbox: recording %s deleted (without an account Twilio holds nothing)", sid)

    def find_call(self, to: str, since: datetime) -> str | None:
        with db.unit_of_work(self.app) as session:
            return session.scalar(
                select(OutboxMessage.sid).where(
                    OutboxMessage.to_phone == to,
                    OutboxMessage.body.startswith(CALL_MARK),
                    OutboxMessage.created_at >= since,
                )
            )


class TwilioSender:
    """Sends through the real twilio REST client, at TWILIO_API_URL when that is set."""

    needs_public_url = True  # Twilio fetches a call's TwiML from an absolute URL

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str,
        api_url: str | None,
        pool_size: int = 10,
    ):
        self.client = make_client(account_sid, auth_token, api_url, pool_size)
        self.from_number = from_number

    def send_sms(self, to: str, body: str, status_callback: str | None) -> str:
        options = {"to": to, "from_": self.from_number, "body": body}
        if status_callback:
            options["status_callback"] = status_callback
        with _as_send_errors():
            return self.client.messages.create(**options).sid

    def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        with _as_send_errors():
            # One page of the newest messages to this number is enough, and one request.
            page = self.client.messages.page(to=to, date_sent_after=since, page_size=50)
        for message in page:
            if message.body == body and message.from_ in (None, self.from_number):
                return message.sid
        return None


    def place_call(self, to: str, url: str, status_callback: str | None) -> str:
        options = {
            "to": to,
            "from_": self.from_number,
            "url": url,
            "method": "POST",
            # Twilio tells the Url whether a person or a machine answered.
            "machine_detection": "Enable",
        }
        if status_callback:
            # Twilio's default event, "completed", is the one the line needs (busy, no answer).
            options.update(status_callback=status_callback, status_callback_method="POST")
        with _as_send_errors():
            return self.client.calls.create(**options).sid

    def delete_recording(self, sid: str) -> None:
        _delete_recording(self.client, sid)

    def find_call(self, to: str, since: datetime) -> str | None:
        with _as_send_errors():
            page = self.client.calls.page(to=to, start_time_after=since, page_size=20)
        for call in page:
            # twilio's CallInstance calls the field `_from` (MessageInstance: `from_`).
            if getattr(call, "_from", None) in (None, self.from_number):
                return call.sid
        return None


def _delete_recording(client: Client, sid: str) -> None:
    with _as_send_errors():
        client.recordings(sid).delete()


@contextmanager
def _as_send_errors():
    """Turn what the twilio client raises into SendError (no status: the outcome is unknown)."""
    try:
        yield
    except TwilioRestException as exc:
        raise SendError(exc.msg, code=exc.code, status=exc.status) from exc
    except Exception as exc:  # connection errors, timeouts
        raise SendError(f"{type(exc).__name__}: {exc}") from exc


def make_client(
    account_sid: str, auth_token: str, api_url: str | None, pool_size: int = 10
) -> Client:
    """Return a twilio Client, pointed at `api_url` instead of api.twilio.com when given."""
    # requests reads proxy settings from the environment on every request unless told once.
    proxy = {k: v for k, v in (("https", os.environ.get("HTTPS_PROXY")),) if v} or None
    http_client = TwilioHttpClient(pool_connections=True, timeout=REQUEST_TIMEOUT, proxy=proxy)
    http_client.session.trust_env = False
    # One kept-alive connection per sending thread, instead of requests' default of ten.
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=max(pool_size, 10))
    http_client.session.mount("https://", adapter)
    http_client.session.mount("http://", adapter)
    client = Client(account_sid, auth_token, http_client=http_client)
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
            pool_size=config["SEND_CONCURRENCY"],
        )
    return OutboxSender(app, config.get("TWILIO_PHONE_NUMBER"))
