"""Twilio's REST API: the sender that hands messages and calls to Twilio, and its client."""
from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime

from requests.adapters import HTTPAdapter
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from ivr.sending.sender import Problem, SendError
from ivr.twilio import codes

REQUEST_TIMEOUT = 15.0  # seconds (TWILIO_TIMEOUT_SECONDS); past it the outcome is unknown
LOOKUP_PAGE = 50  # the newest messages to one number that a look-up reads


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
        max_price: str | None = None,
        timeout: float = REQUEST_TIMEOUT,
        service_sid: str | None = None,
    ):
        self.client = make_client(account_sid, auth_token, api_url, pool_size, timeout)
        self.from_number = from_number
        # A Messaging Service: Twilio picks the sender from its pool (and keeps one per member).
        self.service_sid = service_sid
        # Twilio's MaxPrice: a message that would cost more (per segment, USD) is not sent.
        self.max_price = max_price

    def send_sms(self, to: str, body: str, status_callback: str | None, validity: int | None = None) -> str:
        options: dict = {"to": to, "body": body}
        if self.service_sid:
            options["messaging_service_sid"] = self.service_sid
        else:
            options["from_"] = self.from_number
        if validity:
            options["validity_period"] = int(validity)
        if self.max_price:
            options["max_price"] = self.max_price
        if status_callback:
            options["status_callback"] = status_callback
        with _as_send_errors():
            return self.client.messages.create(**options).sid

    def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        """The SID of this SMS if Twilio holds it: by `To`, created since `since`, same body.

        Not by DateSent, which Twilio leaves empty while a message waits in its queue, and
        not by `From` alone, which a Messaging Service picks from its pool.
        """
        with _as_send_errors():
            page = self.client.messages.page(to=to, page_size=LOOKUP_PAGE)
        for message in page:
            created = message.date_created
            if created is not None and created < since:
                continue
            if message.body == body and self._ours(message):
                return message.sid
        return None

    def _ours(self, message) -> bool:
        sender = getattr(message, "from_", None)
        service = getattr(message, "messaging_service_sid", None)
        return sender in (None, self.from_number) or (service is not None and service == self.service_sid)

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
    """Turn what the twilio client raises into SendError, in the line's own terms."""
    try:
        yield
    except TwilioRestException as exc:
        raise SendError(exc.msg, codes.problem(exc.status, exc.code), exc.code) from exc
    except Exception as exc:  # connection errors, timeouts: the outcome is unknown
        raise SendError(f"{type(exc).__name__}: {exc}", Problem.NO_ANSWER) from exc


def make_client(
    account_sid: str, auth_token: str, api_url: str | None, pool_size: int = 10,
    timeout: float = REQUEST_TIMEOUT,
) -> Client:
    """Return a twilio Client, pointed at `api_url` instead of api.twilio.com when given."""
    # requests reads proxy settings from the environment on every request unless told once.
    proxy = {k: v for k, v in (("https", os.environ.get("HTTPS_PROXY")),) if v} or None
    http_client = TwilioHttpClient(pool_connections=True, timeout=timeout, proxy=proxy)
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
