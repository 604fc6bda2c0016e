"""A local Twilio-compatible fake of the Messages API, for tests, benchmarks and offline runs.

Point TWILIO_API_URL at it. Like Twilio it accepts a message first and answers after its
latency (201 and JSON with a unique SID), so a sender killed mid-request leaves a message
Twilio has but the sender never heard of. It lists messages by To, newest first, and leaves
DateSent empty, as Twilio does while a message waits in its queue. It can be scripted to fail
for a number (an error, a dropped connection, a late accept) a number of times, or to answer
a share of all requests with 500.
With `mps` set it also models what a real account does after it accepts: each sender (the
From number, or one of a Messaging Service's `pool` senders, kept per recipient) lets out
`mps` message segments a second from a first-in-first-out queue. Each message records when it
would be on the phone; one whose wait passes its ValidityPeriod is dropped (error 30036), and
with `callback_token` set the fake posts the status callbacks, signed as Twilio signs them.
Run it alone with: python -m devtools.fake_twilio --port 8099 --latency 0.1 (GET /_fake/stats
counts what it accepted; POST /_fake/reset forgets it).
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ivr.flows import gsm

DROP = "drop"  # accept the message, then close the connection without an answer
LATE = "late"  # hold the request `delay` seconds (past the client's time-out), then accept it


@dataclass
class Failure:
    """How to fail for one number: an HTTP status and Twilio code, or DROP; `times` or forever."""

    status: int | str
    code: int = 0
    message: str = "scripted failure"
    times: int | None = None
    delay: float = 0.0  # for LATE


@dataclass
class FakeTwilio:
    """The fake's state: what it accepted, what it was asked, and how it should fail."""

    latency: float = 0.0
    messages: list[dict[str, str]] = field(default_factory=list)
    calls: list[dict[str, str]] = field(default_factory=list)
    deleted_recordings: list[str] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    failures: dict[str, Failure] = field(default_factory=dict)
    in_flight: int = 0
    max_in_flight: int = 0  # the most message requests it was answering at one time
    error_rate: float = 0.0  # this share of message requests is answered 500, not accepted
    seed: int = 12
    _rng: random.Random = field(default_factory=random.Random)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None
    mps: float | None = None  # segments a second per sender; None: no queue is modelled
    pool: int = 1  # senders in a Messaging Service's pool
    callback_token: str | None = None  # sign and post status callbacks with this token
    _free_at: dict[str, float] = field(default_factory=dict)  # sender -> when its queue is empty
    _sticky: dict[str, str] = field(default_factory=dict)  # recipient -> pool sender
    _callbacks: list = field(default_factory=list)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def fail(self, to: str, status: int | str, code: int = 0, times: int | None = None,
             delay: float = 0.0) -> None:
        """Make messages to `to` fail (`times` times, or always); LATE accepts after `delay`."""
        self.failures[to] = Failure(status, code, f"scripted {status}/{code}", times, delay)

    def sent_to(self, to: str) -> list[dict[str, str]]:
        with self._lock:
            return [m for m in self.messages if m["To"] == to]

    def start(self, port: int = 0) -> "FakeTwilio":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Twilio offers

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in separate writes: without this, Nagle's algorithm
                # and the client's delayed ACK add some 40 ms to every answer.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                if self.path == "/_fake/reset":
                    fake.reset()
                    return self.answer((200, {}))
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                self.answer(fake.create(self.path, form))

            def do_GET(self) -> None:  # noqa: N802
                url = urlsplit(self.path)
                if url.path == "/_fake/stats":
                    return self.answer((200, fake.stats()))
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                self.answer(fake.list(url.path, query))

            def do_DELETE(self) -> None:  # noqa: N802
                self.answer(fake.delete(urlsplit(self.path).path))

            def answer(self, result) -> None:
                if result is DROP:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                status, payload = result
                body = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.server.request_queue_size = 256
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        if self.callback_token:
            threading.Thread(target=self._post_callbacks, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def create(self, path: str, form: dict[str, str]):
        with self._lock:
            self.requests.append(("POST", path))
        if path.endswith("/Calls.json"):
            return self.create_call(form)
        if not path.endswith("/Messages.json"):
            return 404, _error(404, 20404, "The requested resource was not found")
        if not form.get("To") or not (form.get("Body") or form.get("MediaUrl")):
            return 400, _error(400, 21604, "A 'To' phone number and a 'Body' are required.")
        if not form.get("From") and not form.get("MessagingServiceSid"):
            return 400, _error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.")
        validity = form.get("ValidityPeriod")
        if validity is not None and not (validity.isdigit() and 1 <= int(validity) <= 36000):
            return 400, _error(400, 21624, "Validity period can only be set to integers between 1 and 36,000.")
        failure = self._take_failure(form["To"])
        if failure is not None and failure.status == LATE:
            time.sleep(failure.delay)  # the client has given up by now; Twilio takes it anyway
        elif failure is not None and failure.status != DROP:
            time.sleep(self.latency)
            return failure.status, _error(failure.status, failure.code, failure.message)
        with self._lock:
            unlucky = self.error_rate and self._rng.random() < self.error_rate
        if unlucky:
            time.sleep(self.latency)
            return 500, _error(500, 20500, "Internal Server Error")
        now = datetime.now(timezone.utc)
        with self._lock:
            sid = f"SM{next(self._ids):032x}"
            message = {**form, "sid": sid, "date_created": now.isoformat(), "accepted": time.time()}
            self._queue(message)
            self.messages.append(message)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        time.sleep(self.latency)  # accepted first, answered later: as a real network round trip
        with self._lock:
            self.in_flight -= 1
            message["answered"] = time.time()
        return DROP if failure is not None and failure.status == DROP else (201, _resource(message))

    def _queue(self, message: dict) -> None:
        """Model the sender's queue: when the message is on the phone, or that it expired."""
        message["segments"] = gsm.segments(message.get("Body") or "")
        if not self.mps:
            return
        service = message.get("MessagingServiceSid")
        if service:
            sender = self._sticky.setdefault(message["To"], f"{service}/{len(self._sticky) % self.pool}")
        else:
            sender = message.get("From") or "?"
        message["sender"] = sender
        start = max(message["accepted"], self._free_at.get(sender, 0.0))
        validity = message.get("ValidityPeriod")
        if validity and start - message["accepted"] > int(validity):
            message["expired"] = True  # dropped: it takes no time of the sender's
            self._schedule(message, message["accepted"] + int(validity), "failed", 30036)
            return
        message["on_phone"] = start + message["segments"] / self.mps
        self._free_at[sender] = message["on_phone"]
        self._schedule(message, message["on_phone"], "delivered", None)

    def _schedule(self, message: dict, at: float, status: str, code: int | None) -> None:
        if self.callback_token and message.get("StatusCallback"):
            self._callbacks.append((at, message["StatusCallback"], message["sid"], status, code))

    def _post_callbacks(self) -> None:
        """Post the status callbacks that are due, signed as Twilio signs them."""
        import requests

        from ivr.twilio import signatures

        session = requests.Session()
        while self.server is not None:
            now = time.time()
            with self._lock:
                due = sorted(c for c in self._callbacks if c[0] <= now)
                self._callbacks = [c for c in self._callbacks if c[0] > now]
            for _, url, sid, status, code in due:
                form = {"MessageSid": sid, "MessageStatus": status, "AccountSid": "AC" + "0" * 32}
                if code:
                    form["ErrorCode"] = str(code)
                headers = {signatures.HEADER: signatures.sign(self.callback_token, url, form)}
                try:
                    session.post(url, data=form, headers=headers, timeout=10)
                except requests.RequestException:
                    pass
            time.sleep(0.02)

    def delete(self, path: str):
        """Delete a recording: 204, or a scripted failure keyed by the recording's SID."""
        with self._lock:
            self.requests.append(("DELETE", path))
        sid = path.rsplit("/", 1)[-1].removesuffix(".json")
        if "/Recordings/" not in path:
            return 404, _error(404, 20404, "The requested resource was not found")
        failure = self._take_failure(sid)
        if failure is not None and failure.status != DROP:
            return failure.status, _error(failure.status, failure.code, failure.message)
        with self._lock:
            self.deleted_recordings.append(sid)
        return 204, None

    def create_call(self, form: dict[str, str]):
        """Accept an outbound call (To, From, Url required) and remember when it came."""
        if not form.get("To") or not form.get("From") or not form.get("Url"):
            return 400, _error(400, 21205, "To, From and Url are required.")
        failure = self._take_failure(form["To"])
        if failure is not None and failure.status != DROP:
            return failure.status, _error(failure.status, failure.code, failure.message)
        with self._lock:
            sid = f"CA{next(self._ids):032x}"
            call = {**form, "sid": sid, "at": time.time(),
                    "date_created": datetime.now(timezone.utc).isoformat()}
            self.calls.append(call)
        time.sleep(self.latency)
        if failure is not None:
            return DROP
        return 201, {"sid": sid, "to": form["To"], "from": form["From"], "status": "queued",
                     "date_created": format_datetime(datetime.now(timezone.utc))}

    def list(self, path: str, query: dict[str, str]):
        with self._lock:
            self.requests.append(("GET", path))
            found = list(reversed(self.calls if path.endswith("/Calls.json") else self.messages))
        if path.endswith("/Calls.json"):
            found = [c for c in found if c["To"] == query.get("To", c["To"])]
            return 200, {"calls": [{"sid": c["sid"], "to": c["To"], "from": c["From"]} for c in found[:20]],
                         "page": 0, "page_size": 20, "next_page_uri": None, "uri": path}
        if not path.endswith("/Messages.json"):
            return 404, _error(404, 20404, "The requested resource was not found")
        if "To" in query:
            found = [m for m in found if m["To"] == query["To"]]
        if "From" in query:
            found = [m for m in found if m.get("From") == query["From"]]
        after = query.get("DateSent>")
        if after:  # as Twilio: a message still waiting in its queue has no DateSent yet
            found = []
        page_size = int(query.get("PageSize", 50))
        return 200, {
            "messages": [_resource(m) for m in found[:page_size]],
            "page": 0,
            "page_size": page_size,
            "next_page_uri": None,
            "uri": path,
        }

    def busiest_second(self) -> int:
        """The most message segments accepted within any one second (a sliding window)."""
        with self._lock:
            events = sorted((m["accepted"], m["segments"]) for m in self.messages)
        most = total = start = 0
        for end in range(len(events)):
            total += events[end][1]
            while events[end][0] - events[start][0] >= 1.0:
                total -= events[start][1]
                start += 1
            most = max(most, total)
        return most

    def stats(self) -> dict:
        """Counts for a benchmark: accepted, distinct recipients, first and last 201 answer."""
        with self._lock:
            times = [m["answered"] for m in self.messages if "answered" in m]
            return {
                "calls": [c["at"] for c in self.calls],
                "accepted": len(self.messages),
                "recipients": len({m["To"] for m in self.messages}),
                "first": min(times, default=None),
                "last": max(times, default=None),
            }

    def __post_init__(self) -> None:
        self._rng.seed(self.seed)

    def reset(self) -> None:
        with self._lock:
            self.messages.clear()
            self.calls.clear()
            self.requests.clear()
            self.failures.clear()
            self._free_at.clear()
            self._sticky.clear()
            self._callbacks.clear()

    def _take_failure(self, to: str) -> Failure | None:
        with self._lock:
            failure = self.failures.get(to)
            if failure is None:
                return None
            if failure.times is not None:
                failure.times -= 1
                if failure.times <= 0:
                    del self.failures[to]
            return failure


def _resource(message: dict[str, str]) -> dict:
    created = datetime.fromisoformat(message["date_created"])
    return {
        "sid": message["sid"],
        "to": message["To"],
        "from": message.get("From"),
        "messaging_service_sid": message.get("MessagingServiceSid"),
        "body": message.get("Body"),
        "status": "queued",
        "num_segments": str(message.get("segments", 1)),
        "date_created": format_datetime(created),
        "date_sent": None,  # Twilio fills it in once the message leaves its queue
    }


def _error(status: int, code: int, message: str) -> dict:
    return {"code": code, "message": message, "status": status, "more_info": ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    args = parser.parse_args()
    fake = FakeTwilio(latency=args.latency).start(args.port)
    print(f"fake Twilio on {fake.url} (latency {args.latency}s); Ctrl-C stops it")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
