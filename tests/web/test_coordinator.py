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
    assert csv.mimetype == "text/csv" and csv.get_data(as_text=True).startswith("group,area,admins")


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
