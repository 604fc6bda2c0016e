"""The coordinators' page: a read-only view of the groups for officials, behind a login.

The login form carries a CSRF token kept in the session; five wrong passwords lock the account
for 15 minutes; the session cookie is HttpOnly, SameSite=Lax and (outside development)
Secure. Nothing here shows a phone number or what an alert said.
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
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ivr import db
from ivr.extensions import current
from ivr.services import accounts, figures
from ivr.storage import overview
from ivr.storage.models import Coordinator

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator", template_folder="templates")


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
        if not session.get("coordinator_id"):
            return redirect(url_for("coordinator.login", next=request.path))
        return view(*args, **kwargs)

    return checked


@bp.app_context_processor
def _template_helpers():
    return {"csrf_token": csrf_token}


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in with e-mail and password."""
    error, status = None, 200
    if request.method == "POST":
        _check_csrf()
        dbs = db.session()
        result = accounts.check_login(dbs, request.form.get("email", ""), request.form.get("password", ""))
        dbs.commit()
        if result.account is not None:
            session.clear()
            session["coordinator_id"] = result.account.id
            session["csrf"] = secrets.token_urlsafe(32)
            target = request.args.get("next", "")
            return redirect(target if target.startswith("/coordinator") else url_for("coordinator.overview"))
        if result.locked:
            error, status = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.", 429
        else:
            error, status = "E-mailadres of wachtwoord klopt niet.", 401
    return render_template("coordinator/login.html", error=error), status


@bp.post("/logout")
def logout():
    """End the session."""
    _check_csrf()
    session.clear()
    return redirect(url_for("coordinator.login"))


@bp.get("", endpoint="overview")
@login_required
def overview_page():
    """The groups and their figures, alerts per week, open sign requests."""
    dbs, timezone = db.session(), current().config["TIMEZONE"]
    return render_template(
        "coordinator/overview.html",
        rows=figures.group_report(dbs, timezone),
        signs=overview.open_signs(dbs),
        weeks=figures.alerts_per_week(dbs, timezone),
        email=dbs.get(Coordinator, session["coordinator_id"]).email,
    )


@bp.get("/report.csv")
@login_required
def report_csv() -> Response:
    """The same figures as CSV, to open in a spreadsheet."""
    body = figures.as_csv(figures.group_report(db.session(), current().config["TIMEZONE"]))
    return Response(
        body, mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=buurtlijn-groepen.csv"},
    )


def init_app(app: Flask) -> None:
    """Register the page and set its session cookie's safety flags."""
    app.register_blueprint(bp)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    # Secure cookies everywhere but on a developer's own http://localhost.
    app.config["SESSION_COOKIE_SECURE"] = app.config.get("BUURTLIJN_ENV") != "development"
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=8)
