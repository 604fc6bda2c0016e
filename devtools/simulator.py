"""A call in the terminal: posts signed requests to the real webhooks and reads the TwiML."""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import click
import requests
from flask import Flask

from ivr.twilio import routes, signatures

LOCAL_BASE = "http://localhost"


class Simulator:
    """Plays one call: says each <Say>, asks for keys or speech at each <Gather>."""

    def __init__(self, app: Flask, caller: str, base_url: str | None = None):
        self.app = app
        self.caller = caller
        self.base_url = (base_url or app.config.get("PUBLIC_URL") or LOCAL_BASE).rstrip("/")
        self.remote = base_url is not None
        self.call_sid = "CA" + uuid.uuid4().hex
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

    def run(self) -> None:
        """Play the call until the line hangs up."""
        click.secho(f"Calling the line from {self.caller} ...", bold=True)
        body = self.post(routes.VOICE, {})
        while True:
            next_request = self.play(ET.fromstring(body))
            if next_request is None:
                break
            body = self.post(*next_request)
        click.secho("The line hung up.", bold=True)
        dispatcher = self.app.dispatcher
        if not self.remote and dispatcher.wait_idle(timeout=30):
            click.echo("Messages sent: see `flask --app app outbox`.")

    def play(self, response: ET.Element) -> tuple[str, dict[str, str]] | None:
        """Act out one TwiML response; return the next request, or None when it hangs up."""
        for verb in response:
            if verb.tag == "Say":
                click.echo(f"  Line: {''.join(verb.itertext())}")
            elif verb.tag == "Gather":
                for say in verb.findall("Say"):
                    click.echo(f"  Line: {''.join(say.itertext())}")
                answer = self.ask("speech" in verb.get("input", ""))
                if not answer:
                    continue  # silence: Twilio goes on to the verb after <Gather>
                if answer.isdigit() or answer in ("*", "#"):
                    return verb.get("action"), {"Digits": answer[:1]}
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
            answer = click.prompt(
                f"  You ({hint}, * repeats, Enter = silence)", default="", show_default=False
            ).strip()
            if speech or not answer or answer.isdigit() or answer in ("*", "#"):
                return answer
            click.echo("  (this question takes a key: 0-9, * or #)")
