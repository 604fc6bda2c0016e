"""One sending process of bench/delivery.py, run inside the checkout under test (PYTHONPATH).

It uses only what every version of the line has (create_app, the storage helpers, the
broadcast), so the same scenario runs against today's code path and the new one:

    python bench/delivery_line.py seed --groups '{"Groot": 1000, "Klein": 20}' --invitations 300
    python bench/delivery_line.py alert GROUP        # store an alert, as a confirmed call does
    python bench/delivery_line.py send [--until-idle] # send what is due, as web or worker do
    python bench/delivery_line.py serve --port P --send   # the embedded line: webhooks and sending
    python bench/delivery_line.py callers --base URL --token T --seconds 30   # time voice steps

Configuration comes from the environment (DATABASE_URL, TWILIO_API_URL, SMS_PER_SECOND, ...).
"""
from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import threading
import time

from sqlalchemy import insert

from ivr import create_app, db, migrate
from ivr.flows import phones
from ivr.storage import deliveries, groups
from ivr.storage.models import Base, DeliveryKind, Member, utcnow

CALLERS_GROUP = "Bellers"


DIGIT = {1: "2", 2: "3", 3: "6", 90: "4", 99: "5"}  # group number -> the digit after 06: +3162..., +3163...


def _numbers(group_no: int, count: int) -> list[str]:
    """Valid Dutch mobile numbers, one range per group (bench/delivery.py waits on the prefix)."""
    return [f"+316{DIGIT[group_no]}{n:07d}" for n in range(count)]


def seed(app, sizes: dict[str, int], invitations: int, landlines: int) -> None:
    with app.app_context():
        with app.db_engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Every table, also those of a newer checkout's schema that this one does not know.
                conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            else:
                Base.metadata.drop_all(conn)
                conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        migrate.upgrade(app)
    with db.unit_of_work(app, dispatch=False) as session:
        for group_no, (name, size) in enumerate(sizes.items(), start=1):
            group = groups.add_group(session, name)
            rows = [{"group_id": group.id, "phone": p, "status": "active", "is_admin": n == 0,
                     "number_kind": phones.NumberKind.MOBILE, "channel": "sms", "created_at": utcnow()}
                    for n, p in enumerate(_numbers(group_no, size))]
            rows += [{"group_id": group.id, "phone": f"+31206{n:06d}", "status": "active",
                      "is_admin": False, "number_kind": phones.NumberKind.FIXED, "channel": "voice",
                      "created_at": utcnow()} for n in range(landlines if group_no == 1 else 0)]
            if rows:
                session.execute(insert(Member), rows)
        if invitations:
            group = groups.add_group(session, "Uitgenodigd")
            session.execute(insert(Member), [
                {"group_id": group.id, "phone": p, "status": "invited", "is_admin": False,
                 "number_kind": phones.NumberKind.MOBILE, "channel": "sms", "created_at": utcnow(),
                 "invited_at": utcnow()} for p in _numbers(90, invitations)])
            session.flush()
            for member in group.members:
                deliveries.queue_one(session, member, "Buurtpreventie Uitgenodigd nodigt u uit. Antwoord JA "
                                     "om mee te doen.", DeliveryKind.INVITATION)


def alert(app, name: str) -> None:
    from ivr.services import reporting

    # Not dispatched here: this short process would claim rows and exit; `send` processes send.
    with db.unit_of_work(app, dispatch=False) as session:
        group = groups.find_group(session, name)
        report = reporting.Report(group.id, None, "voice", "person", "Molenstraat", "Man in blauwe jas", "yes")
        stored, _ = reporting.store(session, report, app.config["TIMEZONE"])
        print(json.dumps({"alert": stored.id, "at": time.time()}), flush=True)


def send(app, until_idle: bool) -> None:
    """Send what is due; with --until-idle, go on until nothing is queued for a while."""
    idle_since = None
    while True:
        stats = app.broadcast.run()
        if not until_idle:
            return
        if stats.sent or stats.failed:
            idle_since = None
        idle_since = idle_since or time.monotonic()
        if time.monotonic() - idle_since > 3:
            return
        time.sleep(0.1)


def serve(app, port: int, send_too: bool) -> None:
    """Serve the line over HTTP (webhooks, status callbacks), sending in-process (embedded)."""
    from werkzeug.serving import make_server

    def send_forever() -> None:  # as the embedded sweeper does, every SEND_SWEEP_SECONDS
        while True:
            app.broadcast.run()
            time.sleep(app.config["SEND_SWEEP_SECONDS"])

    if send_too:
        threading.Thread(target=send_forever, daemon=True).start()
    make_server("127.0.0.1", port, app, threaded=True).serve_forever()


def callers(base: str, token: str, seconds: float, count: int, pause: float = 0.0) -> None:
    """`count` callers stepping through calls for `seconds`, about `pause` seconds between an
    answer and the next key, each at their own pace and starting at their own moment (0: all
    at once and as fast as the line answers); print the steps' p50 and p99."""
    import requests

    from ivr.twilio import signatures

    timings: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def post(session, path, form):
        url = path if path.startswith("http") else base + path
        started = time.perf_counter()
        answer = session.post(url, data=form, headers={signatures.HEADER: signatures.sign(token, url, form)},
                              timeout=30)
        with lock:
            timings.append(time.perf_counter() - started)
        return answer.text

    def caller(n: int) -> None:
        session = requests.Session()
        pace = random.Random(n)  # callers press keys at their own pace, not in step
        time.sleep(pace.uniform(0, 5 * pause))  # nor do they all call at the same moment
        number = _numbers(99, count)[n]
        call = 0
        while time.monotonic() < stop_at:
            call += 1
            form = {"CallSid": f"CA{n:04d}{call:08d}" + "0" * 20, "From": number, "To": "+3197010000000"}
            body = post(session, "/twilio/voice", form)
            for key, speech in (("1", None), ("1", None), ("1", None), (None, "Man in een blauwe jas")):
                action = re.search(r'<Gather[^>]*action="([^"]+)"', body)
                if action is None:
                    break
                extra = {"Digits": key} if key else {"SpeechResult": speech, "Confidence": "0.9"}
                time.sleep(pace.uniform(0.5, 1.5) * pause)  # a person hears the question first
                body = post(session, html.unescape(action.group(1)), {**form, **extra})
            # The caller hangs up before confirming: no new alert, only the steps are timed.

    threads = [threading.Thread(target=caller, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.sort()
    print(json.dumps({"steps": len(timings), "p50": timings[len(timings) // 2],
                      "p99": timings[int(len(timings) * 0.99)]}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="what", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--groups", required=True)
    s.add_argument("--invitations", type=int, default=0)
    s.add_argument("--landlines", type=int, default=0)
    s.add_argument("--callers", type=int, default=0)
    a = sub.add_parser("alert")
    a.add_argument("group")
    d = sub.add_parser("send")
    d.add_argument("--until-idle", action="store_true")
    v = sub.add_parser("serve")
    v.add_argument("--port", type=int, required=True)
    v.add_argument("--send", action="store_true", help="send in this process too (the embedded mode)")
    c = sub.add_parser("callers")
    c.add_argument("--base", required=True)
    c.add_argument("--token", required=True)
    c.add_argument("--seconds", type=float, default=30)
    c.add_argument("--count", type=int, default=20)
    c.add_argument("--pause", type=float, default=0.0)
    args = parser.parse_args()
    if args.what == "callers":  # a client only: no app in this process
        callers(args.base, args.token, args.seconds, args.count, args.pause)
        sys.exit(0)
    app = create_app({"SWEEP_ON_START": False})
    if args.what == "seed":
        sizes = json.loads(args.groups)
        if args.callers:
            sizes[CALLERS_GROUP] = 0
        seed(app, sizes, args.invitations, args.landlines)
        if args.callers:
            with db.unit_of_work(app, dispatch=False) as session:
                group = groups.find_group(session, CALLERS_GROUP)
                session.execute(insert(Member), [
                    {"group_id": group.id, "phone": p, "status": "active", "is_admin": False,
                     "number_kind": phones.NumberKind.MOBILE, "channel": "sms", "created_at": utcnow(),
                     "street": "Molenstraat"} for p in _numbers(99, args.callers)])
    elif args.what == "alert":
        alert(app, args.group)
    elif args.what == "send":
        send(app, args.until_idle)
    else:
        serve(app, args.port, args.send)
    app.dispatcher.stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
