"""The public café programme: events by series, event pages, calendar and feed.

Only published and closed events appear; drafts are never public.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for

from ..db import db
from ..domain import programme, stories
from ..models import Event, EventStatus, SessionState
from .feeds import atom_feed, ics_calendar, session_times
from .localtime import local_now
from .templating import when

bp = Blueprint("programme", __name__)
bp.add_app_template_global(session_times, "session_times")


@bp.get("/events")
def index():
    """Upcoming and past events, grouped by series."""
    listed = programme.programme(db.session, local_now())
    return render_template("programme/index.html", programme=listed)


@bp.get("/events/<int:event_id>")
def event(event_id: int):
    """An event's details, agenda, join buttons while live, and its stories."""
    found = programme.public_event(db.session, event_id)
    return render_template(
        "programme/event.html",
        event=found,
        live_sessions=joinable_sessions(found),
        stories=stories.published_stories(db.session, [found.id]),
        ended=found.ends_at < local_now(),
    )


@bp.get("/events/<int:event_id>.ics")
def event_calendar(event_id: int):
    """The event as an iCalendar file, for any calendar app."""
    found = programme.public_event(db.session, event_id)
    page = url_for(".event", event_id=found.id, _external=True)
    body = ics_calendar(found, url=page, host=request.host.split(":")[0])
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="cafe-event-{found.id}.ics"'
    )
    return response


@bp.get("/events.atom")
def feed():
    """Upcoming events as an Atom feed."""
    upcoming = programme.upcoming_events(db.session, local_now())
    body = atom_feed(
        upcoming,
        title="Café: upcoming events",
        self_url=url_for(".feed", _external=True),
        page_url=url_for(".index", _external=True),
        url_for_event=lambda e: url_for(".event", event_id=e.id, _external=True),
        describe=_summary,
    )
    return Response(body, mimetype="application/atom+xml")


@bp.get("/series/<int:series_id>")
def series(series_id: int):
    """A series: its upcoming and past events, and the stories told at them."""
    found, listed = programme.public_series(db.session, series_id)
    now = local_now()
    return render_template(
        "programme/series.html",
        series=found,
        upcoming=[e for e in listed if e.ends_at >= now],
        past=[e for e in reversed(listed) if e.ends_at < now],
        stories=stories.published_stories(db.session, [e.id for e in listed]),
    )


def joinable_sessions(event: Event) -> list:
    """The sessions people can join now: live ones of a published event."""
    if event.status != EventStatus.PUBLISHED:
        return []
    return [s for s in event.sessions if s.state == SessionState.LIVE]


def _summary(event: Event) -> str:
    where = event.place or ("Online" if event.online_url else "")
    return f"{when(event.starts_at)}" + (f" · {where}" if where else "")
