"""The line for all of the Netherlands: 10,000 groups, 500,000 members, 30 days of history.

Seeds PostgreSQL in bulk (INSERT ... SELECT generate_series, not the CLI), then times what
people do on that data, in-process through the real app and its signed webhooks:

    python bench/scale.py                      # BENCH_DATABASE_URL, default .../buurtlijn_scale
    python bench/scale.py --groups 2000 --members 100000 --history-days 30   # smaller

Goals (issue 15): every webhook p99 at most 100 ms, the coordinators' overview at most 1 s,
the nightly purge at most 60 s. `--explain` prints the plans of the hot queries.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

DATABASE = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/buurtlijn_scale")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
TOKEN = "scale-token"
BASE = "https://lijn.example.nl"
RUN = f"{int(time.time()) % 10**11:011d}"  # SIDs of this run: a call session is keyed by its CallSid


def ensure_database(url: str) -> None:
    server, name = url.rsplit("/", 1)
    engine = create_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def make_app():
    from ivr import create_app

    return create_app({
        "TESTING": True, "DATABASE_URL": DATABASE, "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_ACCOUNT_SID": None,
        "TWILIO_PHONE_NUMBER": "+3197010000000", "PUBLIC_URL": BASE, "BUURTLIJN_ENV": "production",
        # The scaled mode, as a national line runs: this web process publishes what a confirm
        # queued to the broker, and the workers (not running here) send it. Sending in this
        # process, as the embedded mode does, would time the sending, not the webhooks.
        "SWEEP_ON_START": False, "CELERY_BROKER_URL": REDIS, "SECRET_KEY": "scale",
        "DB_STATEMENT_TIMEOUT_MS": 0,
    })


def seed(app, n_groups: int, n_members: int, days: int) -> None:
    """Bulk: groups, members (every 10th a landline, 2 admins a group), alerts and deliveries."""
    from ivr import migrate
    from ivr.storage.models import Base

    with app.db_engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    with app.app_context():
        migrate.upgrade(app)
    per_group = n_members // n_groups
    alerts_per_group = max(1, days // 7)  # about one a week
    started = time.perf_counter()
    with app.db_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO groups (id, name, created_at) SELECT g, 'Wijk ' || g, now() - interval '400 days' "
            "FROM generate_series(1, :n) g"), {"n": n_groups})
        conn.execute(text("SELECT setval('groups_id_seq', :n)"), {"n": n_groups})
        conn.execute(text(
            "INSERT INTO group_postcodes (group_id, pc4, letters) "
            "SELECT g, 1000 + (g % 9000), '' FROM generate_series(1, :n) g"), {"n": n_groups})
        conn.execute(text(
            "INSERT INTO members (id, group_id, phone, name, street, is_admin, status, number_kind, channel, "
            "created_at, consent_at) "
            "SELECT m, 1 + (m - 1) / :per, "
            "  CASE WHEN m % 10 = 0 THEN '+31206' || lpad(m::text, 6, '0') ELSE '+3161' || lpad(m::text, 7, '0') END, "
            "  'Lid ' || m, 'Straat ' || (m % 300), ((m - 1) % :per) < 2, 'active', "
            "  CASE WHEN m % 10 = 0 THEN 'fixed' ELSE 'mobile' END, CASE WHEN m % 10 = 0 THEN 'voice' ELSE 'sms' END, "
            "  now() - interval '300 days', now() - interval '300 days' "
            "FROM generate_series(1, :total) m"), {"per": per_group, "total": per_group * n_groups})
        conn.execute(text("SELECT setval('members_id_seq', :n)"), {"n": per_group * n_groups})
        conn.execute(text(
            "INSERT INTO alerts (id, group_id, reporter_id, channel, category, location, description, "
            "emergency_called, status, sms_body, created_at, sent_at) "
            "SELECT a, 1 + (a - 1) % :groups, NULL, 'voice', 'person', 'Straat 1', 'Man in blauwe jas', 'yes', "
            "  'sent', 'Buurtpreventie test', now() - (((a - 1) / :groups) * :step || ' days')::interval, now() "
            "FROM generate_series(1, :count) a"),
            {"groups": n_groups, "count": n_groups * alerts_per_group, "step": max(1, days // alerts_per_group)})
        conn.execute(text("SELECT setval('alerts_id_seq', :n)"), {"n": n_groups * alerts_per_group})
        conn.execute(text(
            "INSERT INTO deliveries (alert_id, member_id, to_phone, channel, kind, state, sid, attempts, verify, "
            "created_at, updated_at, sent_at, final_at) "
            "SELECT a.id, m.id, m.phone, m.channel, 'alert', 'delivered', 'SM' || a.id || 'x' || m.id, 1, false, "
            "  a.created_at, a.created_at, a.created_at + interval '20 seconds', a.created_at + interval '30 seconds' "
            "FROM alerts a JOIN members m ON m.group_id = a.group_id"))
        conn.execute(text("ANALYZE"))
    counts = {}
    with app.db_engine.connect() as conn:
        for table in ("groups", "members", "alerts", "deliveries"):
            counts[table] = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
    print(f"seeded in {time.perf_counter() - started:.0f} s: {counts}", file=sys.stderr)


def timed(fn, repeat: int) -> list[float]:
    out = []
    for n in range(repeat):
        started = time.perf_counter()
        fn(n)
        out.append(time.perf_counter() - started)
    return out


def summary(name: str, times: list[float], goal: str) -> str:
    times = sorted(times)
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return f"| {name} | {p50 * 1000:.0f} ms | {p99 * 1000:.0f} ms | {goal} |"


def measure(app, repeat: int, explain: bool) -> list[str]:
    from ivr import jobs
    from tests.helpers import Twilio

    client = app.test_client()
    twilio = Twilio(client, token=TOKEN, base=BASE)
    with app.db_engine.connect() as conn:
        sizes = dict(conn.execute(text("SELECT group_id, count(*) FROM members GROUP BY group_id")).all())
        members = [phone for (phone,) in conn.execute(text(
            "SELECT phone FROM members WHERE channel = 'sms' AND NOT is_admin ORDER BY id DESC LIMIT :n"), {"n": repeat})]
        reporters = [phone for (phone,) in conn.execute(text(  # one a group: no group limit is hit
            "SELECT DISTINCT ON (group_id) phone FROM members WHERE channel = 'sms' AND NOT is_admin "
            "AND group_id > 1000 ORDER BY group_id, id DESC LIMIT :n"), {"n": repeat})]
        admins = [phone for (phone,) in conn.execute(text(
            "SELECT phone FROM members WHERE is_admin AND channel = 'sms' ORDER BY id LIMIT :n"), {"n": repeat})]
    rows = []

    def voice(n):
        form = {"CallSid": f"CA{RUN}s{n:020d}", "From": members[n], "To": "+3197010000000"}
        assert "<Gather" in twilio.post("/twilio/voice", form).get_data(as_text=True)

    def step(n):
        form = {"CallSid": f"CA{RUN}s{n:020d}", "From": members[n], "To": "+3197010000000", "Digits": "1"}
        assert "<Response>" in twilio.post("/twilio/voice/step?state=alarmeer", form).get_data(as_text=True)

    rows.append(summary("first voice request (a member calls)", timed(voice, repeat), "p99 100 ms"))
    rows.append(summary("voice step (112 called: 1)", timed(step, repeat), "p99 100 ms"))

    def keyword(n):
        form = {"MessageSid": f"SM{RUN}k{n:020d}", "From": members[n], "To": "+3197010000000", "Body": "HELP"}
        assert twilio.post("/twilio/sms", form).status_code == 200

    def status(n):
        form = {"MessageSid": f"SM{RUN}t{n:020d}", "From": admins[n], "To": "+3197010000000", "Body": "STATUS"}
        assert twilio.post("/twilio/sms", form).status_code == 200

    rows.append(summary("SMS keyword (HELP)", timed(keyword, repeat), "p99 100 ms"))
    rows.append(summary("STATUS (admin, latest alert's counts)", timed(status, repeat), "p99 100 ms"))

    def confirm(n):
        caller = reporters[n]
        sid = f"CA{RUN}c{n:020d}"
        form = {"CallSid": sid, "From": caller, "To": "+3197010000000"}
        twilio.post("/twilio/voice", form)
        for path, extra in (("alarmeer", {"Digits": "1"}), ("what", {"Digits": "1"}), ("where", {"Digits": "1"}),
                            ("description", {"Digits": "1"})):
            twilio.post(f"/twilio/voice/step?state={path}", {**form, **extra})
        started = time.perf_counter()
        body = twilio.post("/twilio/voice/step?state=confirm", {**form, "Digits": "1"}).get_data(as_text=True)
        confirms.append(time.perf_counter() - started)
        assert "Verstuurd" in body, body

    confirms: list[float] = []
    timed(confirm, min(repeat, 100))
    rows.append(summary(f"confirm, a {statistics.median(sizes.values()):.0f}-member group (stores the alert and its rows)",
                        confirms, "p99 100 ms"))

    from ivr.services import figures

    page = coordinator_client(app)

    def overview(query):
        def get(_):
            body = page.get(f"/coordinator{query}", base_url="https://localhost").get_data(as_text=True)
            assert "Meldingen per week" in body, body[:300]
        return get

    for query, what in (("", "by name, page 1"), ("?sort=alerts", "by most alerts"),
                        ("?sort=name&page=100", "page 100"), ("?q=10", "searched by postcode 10..")):
        rows.append(summary(f"coordinators' overview page, {what} (HTTP)", timed(overview(query), 10), "1 s"))

    with app.app_context():
        from ivr import db

        def report(_):
            with db.unit_of_work(app, dispatch=False) as session:
                figures.as_csv(figures.group_report(session, "Europe/Amsterdam"))

        rows.append(summary("`report`, every group (CSV)", timed(report, 2), "-"))

        def registry(_):
            with db.unit_of_work(app, dispatch=False) as session:
                figures.registry_csv(session, "Europe/Amsterdam")

        rows.append(summary("registry export", timed(registry, 2), "-"))
    rows.append(summary("nightly purge, 30 days of history", timed(lambda _: jobs.run_purge(app), 1), "60 s"))
    if explain:
        explain_claims(app)
    return rows


def coordinator_client(app):
    """A test client logged in to the coordinators' page, as a browser would be."""
    import re

    from ivr import db
    from ivr.services import accounts

    email, password = f"bench{RUN}@gemeente.example.nl", "lang-en-geheim-42"
    with db.unit_of_work(app, dispatch=False) as session:
        accounts.create(session, email, password)
    client = app.test_client()
    login = client.get("/coordinator/login", base_url="https://localhost").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', login).group(1)
    answer = client.post("/coordinator/login", base_url="https://localhost",
                         data={"csrf": token, "email": email, "password": password})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


def explain_claims(app) -> None:
    """The plan of the send queue's claim, for the README's index notes."""
    with app.db_engine.connect() as conn:
        for sql in (
            "SELECT kind, alert_id, count(*) FROM deliveries WHERE state = 'queued' AND channel = 'sms' "
            "GROUP BY kind, alert_id",
            "SELECT id FROM deliveries WHERE state = 'queued' AND channel = 'sms' AND kind = 'alert' "
            "AND alert_id = 1 ORDER BY id LIMIT 20",
        ):
            print("\n".join(r[0] for r in conn.execute(text("EXPLAIN ANALYZE " + sql))), file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=500_000)
    parser.add_argument("--history-days", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--no-seed", action="store_true", help="measure the data seeded last time")
    args = parser.parse_args()
    ensure_database(DATABASE)
    app = make_app()
    if not args.no_seed:
        seed(app, args.groups, args.members, args.history_days)
    print(f"{args.groups} groups, {args.members} members, {args.history_days} days of history; PostgreSQL")
    print()
    print("| what | p50 | p99 | goal |")
    print("|---|---:|---:|---|")
    for row in measure(app, args.repeat, args.explain):
        print(row, flush=True)
    app.dispatcher.stop()
    app.dispatcher.wait_idle(timeout=60)


if __name__ == "__main__":
    main()
