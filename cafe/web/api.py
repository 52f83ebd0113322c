"""The read-only JSON API: summaries for holders of a personal API token."""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify, request

from ..db import db
from ..domain import api_tokens, summary_access
from ..domain.actors import Actor
from ..domain.errors import DomainError, Forbidden, NotFound
from ..exports.json_export import summary_dict
from ..exports.series import series_summary
from ..exports.summary import event_summary, session_summary
from ..exports.tables import Summary
from ..extensions import csrf
from .api_schema import OPENAPI
from .summaries import summary_options

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # no cookies are read here: a bearer token is the only credential

_STATUS = ((NotFound, 404), (Forbidden, 403))


@bp.before_request
def _authenticate():
    """Every route but the API description needs a valid bearer token."""
    if request.endpoint == "api.openapi":
        return None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    user = None
    if scheme.lower() == "bearer":
        user = api_tokens.user_for_token(db.session, secret.strip())
    if user is None:
        response = _error(
            401, "unauthorised", "Send a valid API token as a Bearer token."
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="cafe"'
        return response
    db.session.commit()  # when the token was last used
    g.api_actor = Actor.staff(user)
    return None


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError):
    db.session.rollback()
    status = next((s for kind, s in _STATUS if isinstance(error, kind)), 400)
    return _error(status, error.code, error.message)


def _error(status: int, code: str, message: str) -> Response:
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API."""
    return jsonify(OPENAPI)


@bp.get("/events/<int:event_id>/summary")
def event(event_id: int):
    """An event's summary as JSON."""
    found = summary_access.readable_event(db.session, g.api_actor, event_id)
    summary = event_summary(db.session, found, summary_options())
    return _answer(found, summary)


@bp.get("/sessions/<int:session_id>/summary")
def session(session_id: int):
    """A session's summary as JSON."""
    live = summary_access.readable_session(db.session, g.api_actor, session_id)
    return _answer(live, session_summary(db.session, live, summary_options()))


@bp.get("/series/<int:series_id>/summary")
def series(series_id: int):
    """A series' summary, event by event, as JSON."""
    found, events = summary_access.readable_series(db.session, g.api_actor, series_id)
    summary = series_summary(db.session, found, events, summary_options())
    return _answer(found, summary)


def _answer(target, summary: Summary) -> Response:
    summary_access.record_download(db.session, g.api_actor, target, "api")
    db.session.commit()
    return jsonify(summary_dict(summary))
