"""The coordinators' page: a read-only view of the groups for officials, behind a login.

The login form carries a CSRF token kept in the session. Guessing is throttled twice: by
Flask-Limiter per client (LOGIN_RATE), and in the database per e-mail address and client (five
password checks a quarter hour, atomic across processes; see services/accounts.py), so the
guesser is stopped and the owner, coming from elsewhere, is not. A logout or a password change
voids every copy of the session cookie. The cookie is HttpOnly, SameSite=Lax and (outside
development) Secure. Nothing here shows a phone number or what an alert said.
"""
from __future__ import annotations

import hmac
import secrets
from datetime import timedelta
from functools import wraps

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from ivr import db
from ivr.extensions import current
from ivr.flows import postcodes, text
from ivr.services import accounts, figures
from ivr.storage import overview

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator", template_folder="templates")
# Created once, init_app-ed per app: per client, whatever the e-mail address tried.
limiter = Limiter(key_func=get_remote_address)
LOGIN_RATE = "30 per minute"
LOCKED = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."


def csrf_token() -> str:
    """The session's CSRF token, for the forms."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _check_csrf() -> None:
    sent = request.form.get("csrf", "")
    if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
        abort(400, description="Het formulier is verlopen of ongeldig (CSRF). Laad de pagina opnieuw.")


def login_required(view):
    """Send a visitor who is not logged in to the login page first."""

    @wraps(view)
    def checked(*args, **kwargs):
        account = accounts.session_account(db.session(), session.get("coordinator_id"), session.get("gen"))
        if account is None:  # never logged in, logged out elsewhere, or the password changed
            session.clear()
            return redirect(url_for("coordinator.login", next=request.path))
        g.coordinator = account
        return view(*args, **kwargs)

    return checked


@bp.app_context_processor
def _template_helpers():
    return {"csrf_token": csrf_token}


# The page is Dutch: 66,7% and 12,5 s, as its readers write them.
bp.add_app_template_filter(text.dutch_percent, "percent")
bp.add_app_template_filter(text.dutch_number, "number")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_RATE, methods=["POST"])
def login():
    """Log in with e-mail and password."""
    if request.method == "GET":
        return render_template("coordinator/login.html", error=None)
    _check_csrf()
    dbs = db.session()
    email, password = request.form.get("email", ""), request.form.get("password", "")
    client = get_remote_address() or "unknown"
    allowed = accounts.count_try(dbs, email, client)
    dbs.commit()  # the count is in before the password is checked
    if not allowed:
        return render_template("coordinator/login.html", error=LOCKED), 429
    result = accounts.check_login(dbs, email, password, client)
    dbs.commit()
    if result.account is None:
        return render_template("coordinator/login.html", error="E-mailadres of wachtwoord klopt niet."), 401
    session.clear()
    session["coordinator_id"] = result.account.id
    session["gen"] = result.account.session_generation
    session["csrf"] = secrets.token_urlsafe(32)
    target = request.args.get("next", "")
    safe = target.startswith("/coordinator") and not target.startswith("//")
    return redirect(target if safe else url_for("coordinator.overview"))


@bp.errorhandler(429)
def _too_many(_error):
    return render_template("coordinator/login.html", error=LOCKED), 429


@bp.post("/logout")
def logout():
    """End the session, and every copy of it."""
    _check_csrf()
    dbs = db.session()
    if isinstance(session.get("coordinator_id"), int):
        accounts.end_sessions(dbs, session["coordinator_id"])
        dbs.commit()
    session.clear()
    return redirect(url_for("coordinator.login"))


SEARCH_LENGTH = 80  # a group's name is at most 80 characters


@bp.get("", endpoint="overview")
@login_required
def overview_page():
    """The groups and their figures, a page of 50 at a time, alerts per week, open sign requests."""
    dbs, timezone = db.session(), current().config["TIMEZONE"]
    search = request.args.get("q", "")[:SEARCH_LENGTH]
    number = request.args.get("page", "1")
    within = accounts.area_of(g.coordinator)
    page = figures.overview_page(
        dbs, timezone, search, request.args.get("sort", "name"), int(number) if number.isdigit() else 1, within
    )
    return render_template(
        "coordinator/overview.html",
        page=page,
        area=postcodes.scope_text(within) if within else None,
        signs=overview.open_signs(dbs, within),
        weeks=figures.alerts_per_week(dbs, timezone, within=within),
        email=g.coordinator.email,
    )


@bp.get("/report.csv")
@login_required
def report_csv() -> Response:
    """The same figures as CSV, to open in a spreadsheet."""
    dbs = db.session()
    ids = overview.group_ids(dbs, accounts.area_of(g.coordinator))
    body = figures.as_csv(figures.group_report(dbs, current().config["TIMEZONE"], ids=ids))
    return Response(
        body, mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=buurtlijn-groepen.csv"},
    )


def init_app(app: Flask) -> None:
    """Register the page and set its session cookie's safety flags."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", None)
    if not app.config["RATELIMIT_STORAGE_URI"]:
        broker = app.config.get("CELERY_BROKER_URL") or ""
        # Shared by every web process in the scaled mode; one process needs no more than memory.
        app.config["RATELIMIT_STORAGE_URI"] = broker if broker.startswith("redis") else "memory://"
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)  # a lost Redis must not stop logins
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
    app.register_blueprint(bp)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    # Secure cookies everywhere but on a developer's own http://localhost.
    app.config["SESSION_COOKIE_SECURE"] = app.config.get("BUURTLIJN_ENV") != "development"
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=8)
