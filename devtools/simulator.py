"""A call in the terminal: posts signed requests to the real webhooks and reads the TwiML."""
from __future__ import annotations

import contextlib
import logging
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import click
import requests
from flask import Flask
from sqlalchemy import func, select

from ivr import db
from ivr.storage.models import Alert, Delivery
from ivr.twilio import routes, signatures

LOCAL_BASE = "http://localhost"
KEYS = "0123456789*#"


class HungUp(Exception):
    """The caller hung up (Ctrl-C, or the end of input)."""


class Simulator:
    """Plays one call: says each <Say>, asks for keys or speech at each <Gather>."""

    def __init__(self, app: Flask, caller: str, base_url: str | None = None, call_sid: str | None = None):
        self.app = app
        self.caller = caller
        self.base_url = (base_url or app.config.get("PUBLIC_URL") or LOCAL_BASE).rstrip("/")
        self.remote = base_url is not None
        self.call_sid = call_sid or "CA" + uuid.uuid4().hex
        token = app.config.get("WEBHOOK_AUTH_TOKEN")
        if not token:
            raise click.ClickException(
                "no webhook token: set TWILIO_AUTH_TOKEN, or BUURTLIJN_ENV=development"
            )
        self.token = token
        self.client = app.test_client()

    def post(self, path: str, params: dict[str, str]) -> str:
        """Post a webhook signed like Twilio signs it, and return the response body."""
        url = urljoin(self.base_url + "/", path.lstrip("/"))
        form = {"CallSid": self.call_sid, "From": self.caller, "To": "line", **params}
        headers = {signatures.HEADER: signatures.sign(self.token, url, form)}
        if self.remote:
            response = requests.post(url, data=form, headers=headers, timeout=30)
            status, body = response.status_code, response.text
        else:
            response = self.client.post(url, data=form, headers=headers, base_url=self.base_url)
            status, body = response.status_code, response.get_data(as_text=True)
        if status != 200:
            raise click.ClickException(f"{path} answered {status}: {body.strip()}")
        return body

    def run(self, first: str = routes.VOICE, params: dict[str, str] | None = None) -> None:
        """Play the call from its first webhook until the line or the caller hangs up."""
        click.secho(f"Calling the line from {self.caller} ...", bold=True)
        before = None if self.remote else _last_delivery(self.app)
        with _logs_aside(self.app) as log_file:
            try:
                body = self.post(first, params or {})
                while True:
                    next_request = self.play(ET.fromstring(body))
                    if next_request is None:
                        break
                    body = self.post(*next_request)
                click.secho("The line hung up.", bold=True)
            except HungUp:
                # What Twilio does when a caller hangs up: no more requests for this call.
                click.secho("\nYou hung up.", bold=True)
            if not self.remote:
                self.app.dispatcher.wait_idle(timeout=30)
        if self.remote:
            click.echo("What was sent: see the running line's `flask --app app alert list` and outbox.")
        else:
            click.echo(_what_was_sent(self.app, before))
        if log_file is not None:
            click.echo(f"The line's log of this call: {log_file}")

    def play(self, response: ET.Element) -> tuple[str, dict[str, str]] | None:
        """Act out one TwiML response; return the next request, or None when it hangs up."""
        for verb in response:
            if verb.tag == "Say":
                click.echo(f"  Line: {''.join(verb.itertext())}")
            elif verb.tag == "Play":
                click.echo(f"  Line: (plays the recording {verb.text})")
            elif verb.tag == "Gather":
                for say in verb:
                    if say.tag == "Say":
                        click.echo(f"  Line: {''.join(say.itertext())}")
                answer = self.ask("speech" in verb.get("input", ""))
                if not answer:
                    continue  # silence: Twilio goes on to the verb after <Gather>
                if all(c in KEYS for c in answer):
                    # As Twilio: as many keys as the Gather takes (a postcode's four), the rest lost.
                    return verb.get("action"), {"Digits": answer[: int(verb.get("numDigits") or 1)]}
                return verb.get("action"), {"SpeechResult": answer, "Confidence": "0.9"}
            elif verb.tag == "Redirect":
                return verb.text or "", {}
            elif verb.tag == "Hangup":
                return None
        return None

    @staticmethod
    def ask(speech: bool) -> str:
        """Read the caller's answer: a key, words where the line listens, or Enter for silence."""
        hint = "key or words" if speech else "key"
        while True:
            try:
                answer = click.prompt(
                    f"  You ({hint}, * repeats, Enter = silence, Ctrl-C = hang up)",
                    default="", show_default=False,
                ).strip()
            except (click.Abort, KeyboardInterrupt, EOFError) as exc:
                raise HungUp from exc
            if speech or not answer or all(c in KEYS for c in answer):
                return answer
            click.echo("  (this question takes a key: 0-9, * or #)")


def alert_call(app: Flask, alert_id: int | None) -> None:
    """Play the call a landline member gets for an alert (the latest, or `alert_id`)."""
    with db.unit_of_work(app, dispatch=False) as session:
        query = select(Alert).order_by(Alert.id.desc())
        alert = session.get(Alert, alert_id) if alert_id else session.scalars(query.limit(1)).first()
        if alert is None:
            raise click.ClickException(
                f"no alert {alert_id}" if alert_id else
                "no alert yet: make one first (flask --app app simulate call --from 06-12345678)"
            )
        delivery = session.scalars(
            select(Delivery).where(Delivery.alert_id == alert.id, Delivery.channel == "voice",
                                   Delivery.kind == "alert").order_by(Delivery.id).limit(1)
        ).first()
        if delivery is None:
            raise click.ClickException(
                f"alert #{alert.id} called no landline member: add one to {alert.group.name} "
                "(member add GROUP 020-5551234) and make another alert"
            )
        delivery_id, to_phone, sid = delivery.id, delivery.to_phone, delivery.sid
    click.echo(f"The call of alert #{alert_id or alert.id} to {to_phone}; you are the member.")
    simulator = Simulator(app, to_phone, call_sid=sid)
    simulator.run(routes.outbound_call("", delivery_id, False), {"AnsweredBy": "human"})


def _last_delivery(app: Flask) -> int:
    with db.unit_of_work(app, dispatch=False) as session:
        return session.scalar(select(func.max(Delivery.id))) or 0


def _what_was_sent(app: Flask, before: int | None) -> str:
    """One line: what the call made the line send, or that it sent nothing."""
    with db.unit_of_work(app, dispatch=False) as session:
        rows = session.execute(
            select(Delivery.channel, Delivery.state, func.count())
            .where(Delivery.id > (before or 0)).group_by(Delivery.channel, Delivery.state)
        ).all()
    if not rows:
        return "Nothing was sent."
    by_channel: dict[str, list[str]] = {}
    for channel, state, count in rows:
        by_channel.setdefault(channel, []).append(f"{count} {state}")
    parts = [f"{'SMS' if channel == 'sms' else 'calls'}: {', '.join(states)}"
             for channel, states in sorted(by_channel.items())]
    return "Sent because of this call: " + "; ".join(parts) + ". See `flask --app app outbox`."


@contextlib.contextmanager
def _logs_aside(app: Flask) -> Iterator[Path | None]:
    """The line's log lines go to a file while the call plays, not between the prompts."""
    root = logging.getLogger()
    handlers = [h for h in root.handlers if getattr(h, "buurtlijn", False)]  # ivr/logs.py's
    if not handlers:
        yield None
        return
    path = Path(app.instance_path) / "simulator.log"
    file_handler = logging.FileHandler(path, encoding="utf-8")
    file_handler.setFormatter(handlers[0].formatter)
    for handler in handlers:
        root.removeHandler(handler)
    root.addHandler(file_handler)
    try:
        yield path
    finally:
        root.removeHandler(file_handler)
        file_handler.close()
        for handler in handlers:
            root.addHandler(handler)
