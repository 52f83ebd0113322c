"""Summary downloads for staff: a session, an event or a series, in four formats."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template

from ..db import db
from ..domain import summary_access
from ..exports import csv_zip, json_export, pdf, xlsx
from ..exports.groups import RoleLabels
from ..exports.series import series_summary
from ..exports.summary import DEFAULT_K, Options, event_summary, session_summary
from ..exports.tables import Summary
from .identity import staff_actor, staff_required

bp = Blueprint("summaries", __name__, url_prefix="/summaries")

# Format in the URL -> (encoder module, file extension).
FORMATS = {
    "csv": (csv_zip, "csv.zip"),
    "xlsx": (xlsx, "xlsx"),
    "pdf": (pdf, "pdf"),
    "json": (json_export, "json"),
}
FORMAT_NAMES = {
    "pdf": "PDF report",
    "xlsx": "Excel workbook",
    "csv": "CSV files (zip)",
    "json": "JSON",
}
_FMT = "<any(csv, xlsx, pdf, json):fmt>"


@bp.before_request
@staff_required
def _staff_only() -> None:
    """Every page here is for signed-in staff; each view checks the event too."""


def summary_options() -> Options:
    """k and the role labels from the configuration."""
    return Options(
        k=int(current_app.config.get("SUMMARY_MIN_COUNT", DEFAULT_K)),
        roles=RoleLabels(tuple(current_app.config["PARTICIPANT_ROLES"])),
    )


def download(summary: Summary, fmt: str, stem: str) -> Response:
    """The encoded summary as an attachment that no cache keeps."""
    encoder, extension = FORMATS[fmt]
    response = Response(encoder.encode(summary), mimetype=encoder.MEDIA_TYPE)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{stem}.{extension}"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
def index():
    """The events (and series) whose summaries this person may download."""
    listed = summary_access.readable_events(db.session, staff_actor())
    series = {e.series.id: e.series for e in listed if e.series is not None}
    return render_template(
        "summaries/index.html",
        events=listed,
        series=list(series.values()),
        formats=FORMAT_NAMES,
    )


@bp.get("/events/<int:event_id>")
def event_page(event_id: int):
    """Downloads for an event and each of its sessions."""
    event = summary_access.readable_event(db.session, staff_actor(), event_id)
    return render_template("summaries/event.html", event=event, formats=FORMAT_NAMES)


@bp.get(f"/events/<int:event_id>/summary.{_FMT}")
def event_download(event_id: int, fmt: str):
    """One event's summary."""
    actor = staff_actor()
    event = summary_access.readable_event(db.session, actor, event_id)
    summary = event_summary(db.session, event, summary_options())
    _note(event, fmt)
    return download(summary, fmt, f"cafe-event-{event.id}-summary")


@bp.get(f"/sessions/<int:session_id>/summary.{_FMT}")
def session_download(session_id: int, fmt: str):
    """One session's summary."""
    live = summary_access.readable_session(db.session, staff_actor(), session_id)
    summary = session_summary(db.session, live, summary_options())
    _note(live, fmt)
    return download(summary, fmt, f"cafe-session-{live.id}-summary")


@bp.get(f"/series/<int:series_id>/summary.{_FMT}")
def series_download(series_id: int, fmt: str):
    """A series, event by event."""
    series, events = summary_access.readable_series(
        db.session, staff_actor(), series_id
    )
    summary = series_summary(db.session, series, events, summary_options())
    _note(series, fmt)
    return download(summary, fmt, f"cafe-series-{series.id}-summary")


def _note(target, fmt: str) -> None:
    summary_access.record_download(db.session, staff_actor(), target, fmt)
    db.session.commit()
