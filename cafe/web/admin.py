"""Admin pages: the safeguarding lists and each event's retention period.

Every change is a small form that posts and comes back to its page (PRG), with
the domain's message shown when it refuses.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..db import db
from ..domain import moderation, retention, safeguarding
from ..domain.errors import DomainError
from ..domain.safeguarding import Signpost
from ..extensions import login_manager
from ..models import StaffRole, utcnow
from .identity import staff_actor

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def _admins_only():
    """Only signed-in, active admins."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.user.role != StaffRole.ADMIN:
        abort(403)
    return None


@bp.get("/")
def safeguarding_page():
    """The crisis list, signposting, moderation reasons and names to redact."""
    safeguarding.seed_defaults(db.session)
    db.session.commit()
    return render_template(
        "admin/safeguarding.html",
        terms=safeguarding.list_crisis_terms(db.session),
        signposts=safeguarding.signposts(db.session),
        reasons=moderation.list_reasons(db.session),
        names=safeguarding.list_redacted_names(db.session),
    )


@bp.post("/crisis-terms")
def add_term():
    """Add a word or phrase to the crisis list."""
    phrase = request.form.get("phrase", "")
    return _change(
        lambda a: safeguarding.add_crisis_term(db.session, a, phrase),
        f"“{phrase.strip()}” is on the crisis list.",
    )


@bp.post("/crisis-terms/<int:term_id>/remove")
def remove_term(term_id: int):
    """Take a term off the crisis list."""
    return _change(
        lambda a: safeguarding.remove_crisis_term(db.session, a, term_id),
        "The term was removed.",
    )


@bp.post("/signposts")
def add_signpost():
    """Add a helpline or local service."""
    form = request.form
    entry = Signpost(
        name=form.get("name", ""),
        contact=form.get("contact", ""),
        opening_times=form.get("opening_times", ""),
        description=form.get("description", ""),
    )
    return _change(
        lambda a: safeguarding.add_signpost(db.session, a, entry),
        "The service was added to the signposting list.",
    )


@bp.post("/signposts/<int:entry_id>/remove")
def remove_signpost(entry_id: int):
    """Remove a service from the signposting list."""
    return _change(
        lambda a: safeguarding.remove_signpost(db.session, a, entry_id),
        "The service was removed.",
    )


@bp.post("/reasons")
def add_reason():
    """Add a reason hosts may give for hiding something."""
    return _change(
        lambda a: moderation.add_reason(db.session, a, request.form.get("label", "")),
        "The reason was added.",
    )


@bp.post("/reasons/<int:reason_id>/remove")
def remove_reason(reason_id: int):
    """Remove a moderation reason."""
    return _change(
        lambda a: moderation.remove_reason(db.session, a, reason_id),
        "The reason was removed.",
    )


@bp.post("/names")
def add_name():
    """List a person or place that must never be named on screen or in exports."""
    return _change(
        lambda a: safeguarding.add_redacted_name(
            db.session, a, request.form.get("name", "")
        ),
        "The name will be redacted everywhere, including what was already posted.",
    )


@bp.post("/names/<int:name_id>/remove")
def remove_name(name_id: int):
    """Stop redacting a name."""
    return _change(
        lambda a: safeguarding.remove_redacted_name(db.session, a, name_id),
        "The name is no longer redacted.",
    )


@bp.get("/retention")
def retention_page():
    """Each event's retention period, and what a purge would remove today."""
    now = utcnow()
    return render_template(
        "admin/retention.html",
        events=retention.list_retention(db.session, now),
        plans=retention.plan_purge(db.session, now),
        max_days=retention.MAX_RETENTION_DAYS,
    )


@bp.post("/events/<int:event_id>/retention")
def set_retention(event_id: int):
    """Change how long an event's data is kept."""
    days = request.form.get("retention_days", "")
    return _change(
        lambda a: retention.set_retention_days(
            db.session, a, event_id, int(days) if days.isdigit() else days
        ),
        "The retention period was saved.",
        to="admin.retention_page",
    )


def _change(act: Callable, done: str, to: str = "admin.safeguarding_page"):
    """Run one admin change, commit, and go back with its outcome."""
    try:
        act(staff_actor())
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for(to))
