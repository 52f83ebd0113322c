"""The facilitator's workspace: events, series, sessions, join codes and QR codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ..db import db
from ..domain import events, sessions
from ..domain.errors import DomainError
from ..models import Event, EventStatus, SessionState
from . import qr
from .forms import (
    EventForm,
    SeriesForm,
    SessionForm,
    choices,
    show_error,
    status_for,
)
from .identity import organiser_required, staff_actor

bp = Blueprint("workspace", __name__, url_prefix="/workspace")

EVENT_DONE = {
    EventStatus.PUBLISHED: "Published: people can now join its sessions with a code.",
    EventStatus.CLOSED: "Closed: its sessions can no longer be joined.",
    EventStatus.ARCHIVED: "Archived.",
}
SESSION_DONE = {
    SessionState.LIVE: "The session is live: people in the lobby can now go in.",
    SessionState.ENDED: "The session has ended.",
}


@bp.before_request
@organiser_required
def _organisers_only() -> None:
    """Every workspace page is for facilitators and admins alone."""


@bp.get("/")
def events_list():
    """All events, newest first, with their sessions."""
    listed = events.list_events(db.session, staff_actor())
    return render_template("workspace/events.html", events=listed)


@bp.route("/events/new", methods=["GET", "POST"])
def new_event():
    """Create a draft event, optionally in a series."""
    form = _event_form(series_id=request.args.get("series_id", type=int))
    return _save(
        form,
        "workspace/event_form.html",
        lambda: events.create_event(db.session, staff_actor(), form.details()),
        lambda event: _to_event(event, "Event created as a draft."),
    )


@bp.get("/events/<int:event_id>")
def event(event_id: int):
    """One event: its status, actions and sessions with codes and QR codes."""
    return _event_page(events.get_event(db.session, event_id))


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
def edit_event(event_id: int):
    """Change an event's details."""
    existing = events.get_event(db.session, event_id)
    form = _event_form(obj=existing)
    return _save(
        form,
        "workspace/event_form.html",
        lambda: events.update_event(
            db.session, staff_actor(), event_id, form.details()
        ),
        lambda event: _to_event(event, "Event saved."),
        event=existing,
    )


@bp.post("/events/<int:event_id>/status")
def event_status(event_id: int):
    """Publish, close or archive an event."""
    existing = events.get_event(db.session, event_id)
    action = request.form.get("action", "")
    try:
        changed = events.change_event_status(
            db.session, staff_actor(), event_id, action
        )
    except DomainError as error:
        db.session.rollback()
        return _event_page(existing, error)
    db.session.commit()
    return redirect(_to_event(changed, EVENT_DONE[changed.status]))


@bp.route("/series/new", methods=["GET", "POST"])
def new_series():
    """Create a series, then go back to creating an event in it."""
    form = SeriesForm()
    return _save(
        form,
        "workspace/series_form.html",
        lambda: events.create_series(
            db.session,
            staff_actor(),
            form.title.data or "",
            form.description.data or "",
        ),
        lambda series: url_for(".new_event", series_id=series.id),
    )


@bp.route("/events/<int:event_id>/sessions/new", methods=["GET", "POST"])
def new_session(event_id: int):
    """Add a session, with its own join code, to an event."""
    existing = events.get_event(db.session, event_id)
    form = SessionForm()
    return _save(
        form,
        "workspace/session_form.html",
        lambda: sessions.create_session(
            db.session, staff_actor(), event_id, form.details()
        ),
        lambda live: _to_event(live.event, "Session added."),
        event=existing,
    )


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit_session(session_id: int):
    """Change a session's details; its join code stays the same."""
    live = sessions.get_session(db.session, session_id)
    form = SessionForm(obj=live)
    return _save(
        form,
        "workspace/session_form.html",
        lambda: sessions.update_session(
            db.session, staff_actor(), session_id, form.details()
        ),
        lambda saved: _to_event(saved.event, "Session saved."),
        event=live.event,
        live=live,
    )


@bp.post("/sessions/<int:session_id>/state")
def session_state(session_id: int):
    """Start or end a session."""
    live = sessions.get_session(db.session, session_id)
    action = request.form.get("action", "")
    try:
        sessions.change_session_state(db.session, staff_actor(), session_id, action)
    except DomainError as error:
        db.session.rollback()
        return _event_page(live.event, error)
    db.session.commit()
    return redirect(_to_event(live.event, SESSION_DONE[live.state]))


@bp.get("/sessions/<int:session_id>/qr.svg")
def session_qr(session_id: int):
    """The QR code that opens the session's join page."""
    return qr.svg_response(sessions.get_session(db.session, session_id), public=False)


def _event_form(**kwargs: Any) -> EventForm:
    form = EventForm(**kwargs)
    listed = [(series.id, series.title) for series in events.list_series(db.session)]
    form.series_id.choices = choices([("", "No series"), *listed])
    return form


def _event_page(event: Event, error: DomainError | None = None):
    page = render_template(
        "workspace/event.html",
        event=event,
        error=error,
        join_url=qr.join_url,
    )
    return page, status_for(error) if error else 200


def _to_event(event: Event, message: str) -> str:
    flash(message)
    return url_for(".event", event_id=event.id)


def _save(
    form: FlaskForm,
    template: str,
    write: Callable[[], Any],
    done: Callable[[Any], str],
    **context: Any,
):
    """Validate, write, commit and go on; or show the form again with its errors."""
    status = 200
    if form.validate_on_submit():
        try:
            saved = write()
        except DomainError as error:
            db.session.rollback()
            status = show_error(form, error)
        else:
            db.session.commit()
            return redirect(done(saved))
    elif form.is_submitted():
        status = 400
    return render_template(template, form=form, **context), status
