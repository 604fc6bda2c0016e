"""The app factory, its configuration and the health check."""
from __future__ import annotations

from ivr import config, create_app


def test_database_url_defaults_to_sqlite_in_instance():
    assert config.database_url(None, "/srv/instance") == "sqlite:////srv/instance/buurtlijn.sqlite3"


def test_postgres_scheme_is_rewritten():
    url = config.database_url("postgres://u:p@db:5432/lijn", "/x")
    assert url == "postgresql://u:p@db:5432/lijn"


def test_environment_names(monkeypatch, tmp_path):
    env = {
        "DATABASE_URL": "postgres://db/lijn",
        "TWILIO_ACCOUNT_SID": "AC1",
        "TWILIO_AUTH_TOKEN": "tok",
        "TWILIO_PHONE_NUMBER": "+3197010000000",
        "TWILIO_API_URL": "http://127.0.0.1:4010",
        "PUBLIC_URL": "https://lijn.example.nl/",
    }
    cfg = config.from_environ(str(tmp_path), env)
    assert cfg["DATABASE_URL"] == "postgresql://db/lijn"
    assert cfg["PUBLIC_URL"] == "https://lijn.example.nl"
    assert (cfg["TWILIO_ACCOUNT_SID"], cfg["TWILIO_AUTH_TOKEN"]) == ("AC1", "tok")
    assert cfg["TWILIO_API_URL"] == "http://127.0.0.1:4010"


def test_health_ok(client):
    response = client.get("/health")
    assert response.status_code == 200 and response.json["database"] == "ok"


def test_health_says_when_the_database_is_down(tmp_path):
    bad = f"sqlite:///{tmp_path}/no/such/dir/db.sqlite3"
    app = create_app({"TESTING": True, "DATABASE_URL": bad, "SWEEP_ON_START": False})
    response = app.test_client().get("/health")
    assert response.status_code == 503 and response.json["database"] == "unavailable"


def test_unknown_path_is_404(client):
    assert client.get("/twilio/nothing").status_code == 404
