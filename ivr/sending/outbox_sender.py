"""The development sender: keeps messages in the outbox table (and the log) instead of sending."""
from __future__ import annotations

import logging
import uuid
from datetime import datetime

from ivr import db
from ivr.extensions import BuurtlijnApp
from ivr.storage import outbox

log = logging.getLogger(__name__)

CALL_MARK = "[call]"  # an outbox row that stands for a phone call, not an SMS


class OutboxSender:
    """Keeps messages in the development outbox instead of handing them to a provider."""

    needs_public_url = False  # nobody fetches a call's script: a relative URL will do

    def __init__(self, app: BuurtlijnApp, from_number: str | None):
        self.app = app
        self.from_number = from_number

    def _keep(self, prefix: str, to: str, body: str) -> str:
        sid = prefix + uuid.uuid4().hex
        with db.unit_of_work(self.app) as session:
            outbox.keep(session, sid, to, self.from_number, body)
        return sid

    def _find(self, to: str, since: datetime, **match: str) -> str | None:
        with db.unit_of_work(self.app) as session:
            return outbox.find(session, to, since, **match)

    def send_sms(self, to: str, body: str, status_callback: str | None, validity: int | None = None) -> str:
        sid = self._keep("SM", to, body)
        log.info("outbox: SMS %s kept, not sent (flask --app app outbox shows it)", sid)
        return sid

    def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        return self._find(to, since, body=body)

    def place_call(self, to: str, url: str, status_callback: str | None) -> str:
        sid = self._keep("CA", to, f"{CALL_MARK} {url}")
        log.info("outbox: call %s kept, not placed", sid)
        return sid

    def find_call(self, to: str, since: datetime) -> str | None:
        return self._find(to, since, prefix=CALL_MARK)

    def delete_recording(self, sid: str) -> None:
        log.info("outbox: recording %s deleted (without an account the provider holds nothing)", sid)
