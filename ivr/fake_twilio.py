"""A local Twilio-compatible fake of the Messages API, for tests, benchmarks and offline runs.

Point TWILIO_API_URL at it. It answers like Twilio (201 and JSON with a unique SID), after an
optional per-request latency, and can be told to fail for chosen numbers with a Twilio error.
Run it alone with: python -m ivr.fake_twilio --port 8099 --latency 0.1
"""
from __future__ import annotations

import argparse
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass
class FakeTwilio:
    """The fake's state: what it accepted, and which numbers should fail with which error."""

    latency: float = 0.0
    messages: list[dict[str, str]] = field(default_factory=list)
    failures: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # to -> (http, code, msg)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self, port: int = 0) -> "FakeTwilio":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                status, payload = fake.handle(self.path, form)
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def handle(self, path: str, form: dict[str, str]) -> tuple[int, dict]:
        if self.latency:
            time.sleep(self.latency)
        if not path.endswith("/Messages.json"):
            return 404, {"code": 20404, "message": "not found", "status": 404}
        if not form.get("To") or not (form.get("Body") or form.get("MediaUrl")):
            return 400, {"code": 21604, "message": "A 'To' and a 'Body' are required", "status": 400}
        failure = self.failures.get(form["To"])
        if failure:
            status, code, message = failure
            return status, {"code": code, "message": message, "status": status}
        with self._lock:
            sid = f"SM{next(self._ids):032x}"
            self.messages.append({**form, "sid": sid})
        return 201, {
            "sid": sid,
            "to": form["To"],
            "from": form.get("From"),
            "body": form.get("Body"),
            "status": "queued",
            "num_segments": "1",
        }


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
