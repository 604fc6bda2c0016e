"""The coordinators' page: login (good, bad, lockout, CSRF), cookie flags, refusal, CSV."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from ivr import db
from ivr.services.accounts import create
from ivr.storage.models import Coordinator

HTTPS = "https://localhost"  # the session cookie is Secure: it only travels over https
EMAIL, PASSWORD = "wijkagent@gemeente.example.nl", "lang-en-geheim-42"


@pytest.fixture
def account(app):
    with db.unit_of_work(app, dispatch=False) as session:
        create(session, EMAIL, PASSWORD)


def csrf(client) -> str:
    page = client.get("/coordinator/login", base_url=HTTPS).get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def log_in(client, password=PASSWORD, email=EMAIL, token=None):
    token = csrf(client) if token is None else token
    return client.post("/coordinator/login", base_url=HTTPS,
                       data={"csrf": token, "email": email, "password": password})


def test_refused_without_logging_in(client, account):
    for path in ("/coordinator", "/coordinator/report.csv"):
        response = client.get(path, base_url=HTTPS)
        assert response.status_code == 302 and "/coordinator/login" in response.location


def test_good_login_shows_the_groups_and_csv(client, account, molenwijk):
    response = log_in(client)
    assert response.status_code == 302 and response.location.endswith("/coordinator")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/coordinator", base_url=HTTPS).get_data(as_text=True)
    assert "Molenwijk" in page and "Meldingen per week" in page and "+31" not in page
    csv = client.get("/coordinator/report.csv", base_url=HTTPS)
    assert csv.mimetype == "text/csv" and csv.get_data(as_text=True).startswith("groep,gebied,beheerders")


@pytest.mark.parametrize("email, password", [(EMAIL, "verkeerd-wachtwoord"), ("iemand@example.nl", PASSWORD)])
def test_bad_login(client, account, email, password):
    response = log_in(client, password, email)
    assert response.status_code == 401 and "klopt niet" in response.get_data(as_text=True)
    assert client.get("/coordinator", base_url=HTTPS).status_code == 302


def test_lockout_after_five_failures(app, client, account):
    for _ in range(5):
        assert log_in(client, "fout-fout-fout").status_code == 401
    locked = log_in(client)  # the right password, too late
    assert locked.status_code == 429 and "15 minuten" in locked.get_data(as_text=True)
    assert client.get("/coordinator", base_url=HTTPS).status_code == 302


@pytest.mark.parametrize("token", ["", "vervalst"])
def test_login_needs_the_csrf_token(client, account, token):
    csrf(client)  # the session has a token; the form does not send it
    response = log_in(client, token=token)
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)


def test_logout(client, account):
    log_in(client)
    page = client.get("/coordinator", base_url=HTTPS).get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    client.post("/coordinator/logout", base_url=HTTPS, data={"csrf": token})
    assert client.get("/coordinator", base_url=HTTPS).status_code == 302


def test_create_command_hashes_the_password(app, runner):
    result = runner.invoke(args=["coordinator", "create", "Ambtenaar@Example.nl", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    with db.unit_of_work(app, dispatch=False) as session:
        stored = session.scalar(select(Coordinator))
        assert stored.email == "ambtenaar@example.nl" and PASSWORD not in stored.password_hash
    assert "10 characters" in runner.invoke(args=["coordinator", "create", "b@example.nl", "--password", "kort"]).output


# --- safety: sessions that end, guessing that stops the guesser, exports that run nothing ----

def page_csrf(client) -> str:
    page = client.get("/coordinator", base_url=HTTPS).get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def cookie_of(client) -> str:
    return client.get_cookie("session", domain="localhost").value


def replay(app, cookie: str) -> int:
    """What a copy of a session cookie gets, from another browser."""
    other = app.test_client()
    other.set_cookie("session", cookie, domain="localhost", secure=True)
    return other.get("/coordinator", base_url=HTTPS).status_code


def test_logout_ends_every_copy_of_the_session(app, client, account):
    log_in(client)
    copied = cookie_of(client)
    assert replay(app, copied) == 200
    client.post("/coordinator/logout", base_url=HTTPS, data={"csrf": page_csrf(client)})
    assert replay(app, copied) == 302


def test_a_password_change_ends_every_session(app, client, runner, account):
    log_in(client)
    copied = cookie_of(client)
    result = runner.invoke(args=["coordinator", "password", EMAIL, "--password", "een-nieuw-wachtwoord"])
    assert result.exit_code == 0, result.output
    assert replay(app, copied) == 302
    assert log_in(app.test_client(), "een-nieuw-wachtwoord").status_code == 302


def from_client(client, address: str):
    """Requests as if from `address` (one proxy in front: X-Forwarded-For)."""
    client.environ_base["HTTP_X_FORWARDED_FOR"] = address
    return client


def test_the_guesser_is_stopped_and_the_owner_is_not(app, account):
    guesser = from_client(app.test_client(), "203.0.113.7")
    for _ in range(5):
        assert log_in(guesser, "fout-fout-fout").status_code == 401
    assert log_in(guesser).status_code == 429  # even the right password, from there
    owner = from_client(app.test_client(), "198.51.100.1")
    assert log_in(owner).status_code == 302


def test_wrong_passwords_from_many_clients_never_keep_the_owner_out(app, account):
    for n in range(5):  # a stranger who knows the coordinator's e-mail, from anywhere
        assert log_in(from_client(app.test_client(), f"203.0.113.{n + 10}"), "fout-fout-fout").status_code == 401
    for _ in range(5):
        log_in(from_client(app.test_client(), "203.0.113.99"), "fout-fout-fout")
    assert log_in(from_client(app.test_client(), "198.51.100.1")).status_code == 302  # at once


def distributed(app, email: str, clients: int) -> list[int]:
    """One wrong password from each of `clients` addresses: what a botnet does."""
    return [log_in(from_client(app.test_client(), f"10.9.{n // 250}.{n % 250}"), "fout-fout-fout", email).status_code
            for n in range(clients)]


def test_a_distributed_attack_slows_the_account_down_and_never_locks_it(app, account, monkeypatch):
    from ivr.services import accounts

    monkeypatch.setattr(accounts, "ACCOUNT_CEILING", 10)
    assert distributed(app, EMAIL, 12) == [401] * 12  # every client's first check is made
    # Past the ceiling each client has one check a quarter hour: a second guess waits ...
    again = from_client(app.test_client(), "10.9.0.3")
    assert log_in(again, "fout-fout-fout").status_code == 429
    # ... a new client's first still counts, and the owner, from their own address, logs in at once.
    assert log_in(from_client(app.test_client(), "10.9.7.7"), "fout-fout-fout").status_code == 401
    assert log_in(from_client(app.test_client(), "198.51.100.1")).status_code == 302


def test_a_distributed_attack_on_an_unknown_address_is_answered_as_on_a_known_one(app, account, monkeypatch):
    from ivr.services import accounts

    monkeypatch.setattr(accounts, "ACCOUNT_CEILING", 3)
    known = distributed(app, EMAIL, 5) + [log_in(from_client(app.test_client(), "10.9.0.1"), "x" * 12).status_code]
    unknown = distributed(app, "niemand@example.nl", 5) + [
        log_in(from_client(app.test_client(), "10.9.0.1"), "x" * 12, "niemand@example.nl").status_code]
    assert known == unknown == [401] * 5 + [429]


def test_an_unknown_address_is_answered_and_throttled_as_a_known_one(app, account, monkeypatch):
    from ivr.services import accounts

    checks = []
    real = accounts.check_password_hash
    monkeypatch.setattr(accounts, "check_password_hash", lambda h, p: checks.append(h) or real(h, p))
    known = [log_in(from_client(app.test_client(), "203.0.113.8"), "fout-fout-fout") for _ in range(6)]
    unknown = [log_in(from_client(app.test_client(), "203.0.113.8"), "fout-fout-fout", "niemand@example.nl")
               for _ in range(6)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [401] * 5 + [429]
    def page(response) -> str:  # the form's CSRF token is each session's own
        return re.sub(r'name="csrf" value="[^"]+"', "", response.get_data(as_text=True))

    assert [page(r) for r in known[4:]] == [page(r) for r in unknown[4:]]
    assert len(checks) == 10  # a hash checked for every allowed try, known address or not


@pytest.mark.parametrize("evil", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_every_csv_neutralises_formulas(app, client, runner, account, evil):
    from ivr.services import membership
    from ivr.storage import groups
    from tests.helpers import Phone, Twilio

    with db.unit_of_work(app, dispatch=False) as session:
        group = groups.add_group(session, "Wijk" + evil[:1] + "X")
        group.name = evil
        membership.add_member(session, group, "06-12345678", name=evil, is_admin=True)
    Phone(Twilio(client), "+31612345678").send(f"BORD {evil}")
    log_in(client)
    exports = {
        "page": client.get("/coordinator/report.csv", base_url=HTTPS).get_data(as_text=True),
        "report": runner.invoke(args=["report", "--format", "csv"]).output,
        "registry": runner.invoke(args=["registry", "export"]).output,
    }
    import csv as csvlib
    import io

    for name, body in exports.items():
        cells = [cell for row in csvlib.reader(io.StringIO(body)) for cell in row]
        assert cells, name
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], name
        assert any(c == "'" + evil for c in cells), name


# --- the page as a Dutch coordinator reads it (issue 14) ------------------------------------


def _alerts(app, group_id: int, called: list[str]) -> None:
    from tests.helpers import store_alert

    with db.unit_of_work(app, dispatch=False) as session:
        for value in called:
            store_alert(session, group_id, value)


def test_the_page_writes_numbers_the_dutch_way_and_shows_the_area(app, client, runner, account, molenwijk):
    assert runner.invoke(args=["group", "area", "Molenwijk", "3511ab", "3512"]).exit_code == 0
    _alerts(app, molenwijk, ["yes", "yes", "no"])
    log_in(client)
    page = client.get("/coordinator", base_url=HTTPS).get_data(as_text=True)
    row = re.search(r"<tr>\s*<td>Molenwijk</td>.*?</tr>", page, re.S).group(0)
    assert '<td class="area">3511AB, 3512</td>' in row
    assert "<td>66,7%</td>" in row and "<td>33,3%</td>" in row and "<td>0,0%</td>" in row
    assert "66.7" not in page and "67%" not in page


def test_the_chart_keeps_every_label_inside_it(app, client, account, molenwijk):
    import xml.etree.ElementTree as ET

    _alerts(app, molenwijk, ["yes"] * 7)  # this week's bar is the tallest
    log_in(client)
    page = client.get("/coordinator", base_url=HTTPS).get_data(as_text=True)
    svg = ET.fromstring(re.search(r"<svg id=\"chart\".*?</svg>", page, re.S).group(0))
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    texts = [el for el in svg.iter() if el.tag.endswith("text")]
    assert texts and "7" in [t.text for t in texts] and any((t.text or "").startswith("wk ") for t in texts)
    for label in texts:
        y, size = float(label.get("y")), float(label.get("font-size"))
        assert y - size >= 0 and y <= height, f"{label.text!r} at y={y} is clipped"
        assert 0 <= float(label.get("x")) <= width
    bars = [el for el in svg.iter() if el.tag.endswith("rect")]
    top_label = min(float(t.get("y")) for t in texts)
    assert all(float(b.get("y")) + float(b.get("height")) < min(float(t.get("y")) for t in texts if t.text.startswith("wk"))
               for b in bars) and top_label > 0


def test_the_page_csv_and_the_registry_speak_one_language(client, runner, account, molenwijk):
    log_in(client)
    page_csv = client.get("/coordinator/report.csv", base_url=HTTPS).get_data(as_text=True)
    registry = runner.invoke(args=["registry", "export"]).output
    english = {"group", "area", "admins", "active", "alerts", "invited"}
    for body in (page_csv, registry):
        header = set(body.splitlines()[0].split(","))
        assert {"groep", "gebied", "beheerders"} <= header and not header & english


def _groups(app, names_and_alerts: dict[str, int], postcodes: dict[str, str] | None = None) -> None:
    from ivr.storage import groups
    from ivr.storage.models import GroupPostcode
    from tests.helpers import store_alert

    with db.unit_of_work(app, dispatch=False) as session:
        for name, alerts in names_and_alerts.items():
            group = groups.add_group(session, name)
            session.flush()
            for code in (postcodes or {}).get(name, "").split():
                session.add(GroupPostcode(group_id=group.id, pc4=int(code[:4]), letters=code[4:]))
            for _ in range(alerts):
                store_alert(session, group.id, "yes")


def _names(page: str) -> list[str]:
    return re.findall(r"<tr>\s*<td>([^<]+)</td><td class=\"area\">", page)


def test_the_overview_shows_fifty_groups_a_page(app, client, account):
    _groups(app, {f"Wijk {n:03d}": 0 for n in range(120)})
    log_in(client)
    first = client.get("/coordinator", base_url=HTTPS).get_data(as_text=True)
    assert "Groepen (120)" in first and "Pagina 1 van 3" in first
    assert _names(first) == [f"Wijk {n:03d}" for n in range(50)]
    last = client.get("/coordinator?page=3", base_url=HTTPS).get_data(as_text=True)
    assert _names(last) == [f"Wijk {n:03d}" for n in range(100, 120)] and 'id="next"' not in last
    # A page past the end, or no number at all, is answered with a page that exists.
    for odd in ("99", "-1", "abc", "0"):
        response = client.get(f"/coordinator?page={odd}", base_url=HTTPS)
        assert response.status_code == 200 and _names(response.get_data(as_text=True))


def test_the_overview_sorts_by_most_alerts(app, client, account):
    _groups(app, {"Akkerwijk": 1, "Bosrand": 3, "Centrum": 0, "Dorp": 2})
    log_in(client)
    page = client.get("/coordinator?sort=alerts", base_url=HTTPS).get_data(as_text=True)
    assert _names(page) == ["Bosrand", "Dorp", "Akkerwijk", "Centrum"]
    assert _names(client.get("/coordinator?sort=nonsense", base_url=HTTPS).get_data(as_text=True)) == [
        "Akkerwijk", "Bosrand", "Centrum", "Dorp"]


def test_the_overview_searches_names_and_postcodes(app, client, account):
    _groups(app, {"Molenkwartier": 0, "Oude Molen": 0, "Haven": 0, "Dijk": 0},
            {"Haven": "3511AB 3512", "Dijk": "1234"})
    log_in(client)

    def found(query: str) -> list[str]:
        return _names(client.get("/coordinator", query_string={"q": query}, base_url=HTTPS).get_data(as_text=True))

    assert found("molen") == ["Molenkwartier", "Oude Molen"]
    assert found("351") == ["Haven"] and found("3512") == ["Haven"] and found("3511 ab") == ["Haven"]
    assert found("3511XY") == [] and found("12") == ["Dijk"]
    page = client.get("/coordinator", query_string={"q": "%_<script>"}, base_url=HTTPS).get_data(as_text=True)
    assert _names(page) == [] and "Geen groep gevonden" in page and "<script>" not in page


def test_a_coordinator_sees_only_the_groups_of_their_area(app, client, runner):
    _groups(app, {"Utrecht-Oost": 2, "Utrecht-West": 1, "Amsterdam-Noord": 5, "Zonder gebied": 1},
            {"Utrecht-Oost": "3581 3582AB", "Utrecht-West": "3531", "Amsterdam-Noord": "1021"})
    created = runner.invoke(args=["coordinator", "create", "wijkagent@utrecht.example.nl", "--password",
                                  PASSWORD, "--postcode", "358", "--postcode", "3530-3539"])
    assert created.exit_code == 0 and "3530-3539 3580-3589" in created.output, created.output
    log_in(client, email="wijkagent@utrecht.example.nl")
    page = client.get("/coordinator", base_url=HTTPS).get_data(as_text=True)
    assert _names(page) == ["Utrecht-Oost", "Utrecht-West"] and "Groepen (2)" in page
    assert "Amsterdam" not in page and "3530-3539 3580-3589" in page
    svg = re.search(r"<svg id=\"chart\".*?</svg>", page, re.S).group(0)
    assert ">3<" in svg and ">9<" not in svg  # this week: 2 + 1 alerts of the area, not all 9
    csv = client.get("/coordinator/report.csv", base_url=HTTPS).get_data(as_text=True)
    assert [line.split(",")[0] for line in csv.splitlines()[1:]] == ["Utrecht-Oost", "Utrecht-West"]
    assert _names(client.get("/coordinator?q=1021", base_url=HTTPS).get_data(as_text=True)) == []


def test_an_account_without_an_area_sees_every_group_and_a_bad_area_is_refused(app, client, runner, account):
    _groups(app, {"Utrecht-Oost": 0, "Zonder gebied": 0}, {"Utrecht-Oost": "3581"})
    log_in(client)
    assert _names(client.get("/coordinator", base_url=HTTPS).get_data(as_text=True)) == ["Utrecht-Oost", "Zonder gebied"]
    for bad in ("12345", "0123", "13x", "1399-1300", "13-1399"):
        refused = runner.invoke(args=["coordinator", "create", f"x{len(bad)}@example.nl", "--password", PASSWORD,
                                      "--postcode", bad])
        assert refused.exit_code != 0 and bad in refused.output, (bad, refused.output)
