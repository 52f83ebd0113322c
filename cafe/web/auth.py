"""Staff sign-in and sign-out."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user

from ..db import db
from ..domain import users
from ..domain.errors import Forbidden
from ..extensions import limiter
from ..models import User
from .forms import LoginForm
from .identity import StaffPrincipal

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    """Check the password, record the login, and start a fresh signed-in session."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(landing_page(current_user.user))
    form = LoginForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("auth/login.html", form=form), status
    try:
        user = _authenticate(form.email.data, form.password.data)
    except Forbidden as error:
        db.session.commit()  # the failure count is what locks a guessed account
        form.form_errors.append(error.message)
        return render_template("auth/login.html", form=form), 401
    staff_login = users.start_login(db.session, user)
    db.session.commit()
    session.clear()  # a new session on sign-in: nothing set before it survives
    login_user(StaffPrincipal(user, staff_login.token))
    return redirect(safe_next(request.args.get("next")) or landing_page(user))


@bp.post("/logout")
def logout():
    """Revoke this browser's login, so an old copy of the cookie is worthless."""
    if current_user.is_authenticated:
        users.end_login(db.session, current_user.login_token)
        db.session.commit()
        logout_user()
    flash("You are signed out.")
    return redirect(url_for("pages.home"))


def _authenticate(email: str, password: str) -> User:
    config = current_app.config
    return users.authenticate(
        db.session,
        email,
        password,
        max_failures=config["LOGIN_MAX_FAILURES"],
        lockout=timedelta(minutes=config["LOGIN_LOCKOUT_MINUTES"]),
    )


def landing_page(user: User) -> str:
    if user.can_run_sessions:
        return url_for("workspace.events_list")
    return url_for("pages.staff_home")


def safe_next(target: str | None) -> str | None:
    """A path on this site to go back to after signing in, or None."""
    if not target or any(c.isspace() or ord(c) < 32 for c in target):
        return None
    target = target.replace("\\", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        return None
    if target.startswith("//"):
        return None
    return target
