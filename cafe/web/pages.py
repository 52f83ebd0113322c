"""The front page, and the home page of staff who do not run sessions."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from ..db import db
from ..domain import events
from ..models import EventStatus
from .forms import JoinForm
from .identity import staff_actor, staff_required

bp = Blueprint("pages", __name__)

_VISIBLE_TO_COMMISSIONERS = {EventStatus.PUBLISHED, EventStatus.CLOSED}


@bp.get("/")
def home():
    """What Café is, a box for the join code, and the way in for staff."""
    # The box sends a GET, so no CSRF token and no cookie for a first visit.
    form = JoinForm(formdata=None, meta={"csrf": False})
    return render_template("pages/home.html", form=form)


@bp.get("/home")
@staff_required
def staff_home():
    """Organisers go to their workspace; other staff see what they can do."""
    if current_user.user.can_run_sessions:
        return redirect(url_for("workspace.events_list"))
    listed = [
        event
        for event in events.list_events(db.session, staff_actor())
        if event.status in _VISIBLE_TO_COMMISSIONERS
    ]
    return render_template("pages/staff_home.html", events=listed)
