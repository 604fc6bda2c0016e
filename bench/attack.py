"""Attack the line as a careless or hostile admin, a spammer or a guesser would, and print
what happened: `make attack` (or `python bench/attack.py [--database URL]`).

Everything runs in-process against a fresh database (SQLite in a temporary folder unless
--database says otherwise), through the real webhooks signed as Twilio signs them, the real
CLI and the real coordinators' page. Nothing leaves this machine.
"""
from __future__ import annotations

import argparse
import csv
import io
import itertools
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, select, text  # noqa: E402

from ivr import create_app, db, migrate  # noqa: E402
from ivr.services import accounts, membership  # noqa: E402
from ivr.storage import groups  # noqa: E402
from ivr.storage.models import Base, Delivery  # noqa: E402
from ivr.twilio import signatures  # noqa: E402

TOKEN = "attack-token"
ANNIE, HENK, BERT = "+31612345678", "+31623456789", "+31641234567"
HTTPS = "https://localhost"
_sids = itertools.count(1)


class Line:
    """The app under attack, and the ways in."""

    def __init__(self, url: str):
        self.app = create_app({
            "DATABASE_URL": url, "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_PHONE_NUMBER": "+3197010000000",
            "BUURTLIJN_ENV": "production", "SWEEP_ON_START": False, "SECRET_KEY": "attack",
            "TESTING": True,
        })
        self.client = self.app.test_client()

    def post(self, path: str, form: dict, client=None):
        signature = signatures.sign(TOKEN, "http://localhost" + path, form)
        return (client or self.client).post(path, data=form, headers={signatures.HEADER: signature})

    def sms(self, sender: str, body: str) -> str:
        response = self.post("/twilio/sms", {"MessageSid": f"SM{next(_sids):032d}", "From": sender, "Body": body})
        message = ET.fromstring(response.get_data(as_text=True)).find("Message")
        return message.text if message is not None else ""

    def queued(self, kinds=("invitation", "voice_invitation")) -> int:
        with db.unit_of_work(self.app, dispatch=False) as session:
            return len(session.scalars(select(Delivery).where(Delivery.kind.in_(kinds))).all())

    def cli(self, *args: str):
        return self.app.test_cli_runner().invoke(args=list(args))


def seed(line: Line) -> None:
    with db.unit_of_work(line.app, dispatch=False) as session:
        molenwijk = groups.add_group(session, "Molenwijk")
        membership.add_member(session, molenwijk, ANNIE, name="Annie", is_admin=True)
        membership.add_member(session, molenwijk, HENK, name="Henk")
        centrum = groups.add_group(session, "Centrum")
        membership.add_member(session, centrum, BERT, name="Bert", is_admin=True)
        accounts.create(session, "wijkagent@example.nl", "lang-en-geheim-42")


def login(line: Line, address: str, password: str):
    client = line.app.test_client()
    client.environ_base["HTTP_X_FORWARDED_FOR"] = address
    page = client.get("/coordinator/login", base_url=HTTPS).get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    response = client.post("/coordinator/login", base_url=HTTPS,
                           data={"csrf": token, "email": "wijkagent@example.nl", "password": password})
    return client, response


def attacks(line: Line) -> list[tuple[str, str, str]]:
    table = []
    refused = "Buurtlijn belt en sms't alleen Nederlandse mobiele en vaste nummers."
    for label, command in (
        ("LID premium 0900 number", "LID 0900-1234567 Pomp"),
        ("LID shared-cost 087 number", "LID 087-1234567"),
        ("LID satellite +881 number", "LID +881612345678"),
        ("LID M2M 097 number", "LID +3197012345678"),
        ("LID the line's own number", "LID +3197010000000"),
        ("LID foreign mobile (BE) by default", "LID +32470123456"),
        ("LID 0906 ... SPRAAK (a call)", "LID 0906-1234567 Pomp SPRAAK"),
        ("BEHEERDER premium number", "BEHEERDER 0909-1234567"),
    ):
        before = line.queued()
        reply = line.sms(ANNIE, command)
        table.append((label, "refused with the reason, nothing queued",
                      f"{'refused' if reply == refused else repr(reply)}, {line.queued() - before} queued"))
    result = line.cli("member", "add", "Molenwijk", "0900-1234567")
    table.append(("CLI member add 0900", "exit non-zero with the reason",
                  f"exit {result.exit_code}: {result.output.strip()[-60:]}"))
    before = line.queued()
    for n in range(100):
        line.sms(ANNIE, f"LID 06-50{n:06d}")
    cap = line.app.config["INVITES_PER_ADMIN_PER_HOUR"]
    table.append(("100 LID in a burst", f"at most {cap} invitations", f"{line.queued() - before} invitations"))
    before = line.queued(("test",))
    for _ in range(20):
        line.sms(ANNIE, "TEST")
    table.append(("20 TEST in a burst", f"at most {line.app.config['TESTS_PER_ADMIN_PER_HOUR']} sent",
                  f"{line.queued(('test',)) - before} queued"))
    # Consent: a NEE, then invitations again, from the same and from another group.
    line.sms(BERT, "LID 06-77777777 Kees")
    line.sms("+31677777777", "NEE")
    before = line.queued()
    line.sms(BERT, "LID 06-77777777 Kees")
    table.append(("re-invite right after NEE", "0 new invitations", f"{line.queued() - before} new invitations"))
    line.sms(HENK, "STOP")
    before = line.queued()
    line.sms(BERT, "LID 06-23456789 Henk")
    table.append(("other group invites a STOP number", "0 invitations", f"{line.queued() - before} invitations"))
    # A cross-group probe: is this number known to the line?
    known = line.sms(ANNIE, "VERWIJDER 06-41234567").replace("+31641234567", "N")
    stranger = line.sms(ANNIE, "VERWIJDER 06-49999999").replace("+31649999999", "N")
    table.append(("probe another group's number (VERWIJDER)", "the stranger's reply",
                  "the same reply" if known == stranger else f"differs: {known!r}"))
    # CSV formulas from an admin's text.
    line.sms(BERT, 'BORD =HYPERLINK("http://evil.example")')
    with db.unit_of_work(line.app, dispatch=False) as session:
        groups.find_group(session, "Centrum").area = "=1+1"
    exported = line.cli("registry", "export").output + line.cli("report", "--format", "csv").output
    cells = [c for row in csv.reader(io.StringIO(exported)) for c in row]
    live = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    table.append(("formulas in CSV exports", "0 live formula cells", f"{len(live)} live formula cells"))
    # Session replay and guessing.
    owner, _ = login(line, "198.51.100.1", "lang-en-geheim-42")
    copied = owner.get_cookie("session", domain="localhost").value
    page = owner.get("/coordinator", base_url=HTTPS).get_data(as_text=True)
    owner.post("/coordinator/logout", base_url=HTTPS,
               data={"csrf": re.search(r'name="csrf" value="([^"]+)"', page).group(1)})
    thief = line.app.test_client()
    thief.set_cookie("session", copied, domain="localhost", secure=True)
    table.append(("replay a session cookie after logout", "302 to the login page",
                  str(thief.get("/coordinator", base_url=HTTPS).status_code)))
    codes = [login(line, "203.0.113.9", f"gok-{n:04d}-fout")[1].status_code for n in range(10)]
    table.append(("10 guesses from one client", "401 x5, then 429", " ".join(map(str, codes))))
    table.append(("the owner from elsewhere, meanwhile", "302 (logged in)",
                  str(login(line, "198.51.100.2", "lang-en-geheim-42")[1].status_code)))
    unknown = [login(line, "203.0.113.10", "x")[1].status_code for _ in range(6)]
    table.append(("6 guesses for an unknown e-mail", "the same: 401 x5, then 429", " ".join(map(str, unknown))))
    # Hostile values in signed webhooks.
    statuses = set()
    for form in (
        {"CallSid": "CA" + "1" * 32, "From": ANNIE, "Digits": "²"},
        {"CallSid": "CA" + "1" * 32, "From": "\x00" * 50},
        {"MessageSid": "SM" + "9" * 32, "MessageStatus": "failed", "ErrorCode": "9" * 60},
        {"MessageSid": "SM" + "8" * 32, "From": ANNIE, "Body": "x" * 100_000},
        {"CallSid": "x" * 5000},
    ):
        for path in ("/twilio/voice", "/twilio/voice/step?state=alarmeer", "/twilio/sms", "/twilio/status"):
            statuses.add(line.post(path, form).status_code)
    table.append(("hostile values on 4 webhooks x 5 forms", "no 5xx", " ".join(map(str, sorted(statuses)))))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=None, help="a database URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{folder}/attack.sqlite3"
        engine = create_engine(url)
        with engine.begin() as conn:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
        line = Line(url)
        migrate.upgrade(line.app)
        seed(line)
        rows = attacks(line)
        line.app.db_engine.dispose()
    print("| attack | expected | got |\n|---|---|---|")
    for attack, expected, got in rows:
        print(f"| {attack} | {expected} | {got} |")


if __name__ == "__main__":
    main()
