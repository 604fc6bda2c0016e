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
    Response,
    abort,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ivr import coordinators, db
from ivr.storage.models import Alert, Coordinator, Group, SignRequest, utcnow

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
WEEKS = 12


def create(db_session, email: str, password: str) -> Coordinator:
    """Add a coordinator account (the password is stored hashed)."""
    email = email.strip().lower()
    if "@" not in email:
        raise ValueError("that is not an e-mail address")
    if len(password) < 10:
        raise ValueError("a password has at least 10 characters")
    if db_session.scalar(select(Coordinator.id).where(Coordinator.email == email)):
        raise ValueError(f"{email} exists already")
    account = Coordinator(email=email, password_hash=generate_password_hash(password))
    db_session.add(account)
    db_session.flush()
    return account


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
        email = request.form.get("email", "").strip().lower()
        password = request.form.get("password", "")
        dbs = db.session()
        account = dbs.scalar(select(Coordinator).where(Coordinator.email == email).with_for_update())
        now = utcnow()
        if account is not None and account.locked_until and account.locked_until > now:
            error, status = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.", 429
        elif account is not None and check_password_hash(account.password_hash, password):
            account.failed_logins, account.locked_until = 0, None
            dbs.commit()
            session.clear()
            session["coordinator_id"] = account.id
            session["csrf"] = secrets.token_urlsafe(32)
            target = request.args.get("next", "")
            return redirect(target if target.startswith("/coordinator") else url_for("coordinator.overview"))
        else:
            if account is not None:
                account.failed_logins += 1
                if account.failed_logins >= MAX_FAILURES:
                    account.locked_until, account.failed_logins = now + LOCKOUT, 0
                dbs.commit()
            error, status = "E-mailadres of wachtwoord klopt niet.", 401
    return render_template("coordinator/login.html", error=error), status


@bp.post("/logout")
def logout():
    _check_csrf()
    session.clear()
    return redirect(url_for("coordinator.login"))


@bp.get("")
@login_required
def overview():
    """The groups and their figures, alerts per week, open sign requests."""
    dbs = db.session()
    rows = coordinators.group_report(dbs)
    signs = dbs.execute(
        select(Group.name, SignRequest.street, SignRequest.created_at)
        .join(Group, Group.id == SignRequest.group_id)
        .where(SignRequest.status == "open")
        .order_by(SignRequest.created_at)
    ).all()
    return render_template(
        "coordinator/overview.html", rows=rows, signs=signs, weeks=_alerts_per_week(dbs),
        email=dbs.get(Coordinator, session["coordinator_id"]).email,
    )


@bp.get("/report.csv")
@login_required
def report_csv() -> Response:
    """The same figures as CSV, to open in a spreadsheet."""
    body = coordinators.as_csv(coordinators.group_report(db.session()))
    return Response(
        body, mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=buurtlijn-groepen.csv"},
    )


def _alerts_per_week(dbs) -> list[tuple[str, int]]:
    """Alert counts for the last WEEKS weeks (ISO weeks, oldest first)."""
    start = utcnow() - timedelta(weeks=WEEKS - 1)
    start = start - timedelta(days=start.weekday())
    counts: dict[str, int] = {}
    for (created,) in dbs.execute(select(Alert.created_at).where(Alert.created_at >= start.replace(hour=0, minute=0))):
        year, week, _ = created.astimezone(coordinators.ZONE).isocalendar()
        counts[f"{year}-W{week:02d}"] = counts.get(f"{year}-W{week:02d}", 0) + 1
    labels = []
    for n in range(WEEKS):
        year, week, _ = (start + timedelta(weeks=n)).isocalendar()
        labels.append(f"{year}-W{week:02d}")
    return [(label, counts.get(label, 0)) for label in labels]


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    # Secure cookies everywhere but on a developer's own http://localhost.
    app.config["SESSION_COOKIE_SECURE"] = app.config.get("BUURTLIJN_ENV") != "development"
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=8)
