"""Error pages, and domain errors that reach the edge turned into responses."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..db import db
from ..domain.errors import Conflict, DomainError, Forbidden, NotFound, RateLimited

PAGES = (400, 403, 404, 429, 500)

_DOMAIN_STATUS = (
    (NotFound, 404),
    (Forbidden, 403),
    (Conflict, 409),
    (RateLimited, 429),
)

CSRF_MESSAGE = (
    "This form was open too long or came from another site, so it was not sent. "
    "Go back, reload the page and try again."
)


def init_app(app: Flask) -> None:
    for code in PAGES:
        app.register_error_handler(code, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(DomainError, _domain_error)


def error_page(status: int, message: str | None = None):
    """The error page for a status, with an optional message of our own."""
    page = status if status in PAGES else 400
    return render_template(f"errors/{page}.html", message=message), status


def _http_error(error: HTTPException):
    # Werkzeug's description is not shown: the page says it in plain words.
    return error_page(error.code or 500)


def _csrf_error(_error: CSRFError):
    return error_page(400, CSRF_MESSAGE)


def _domain_error(error: DomainError):
    db.session.rollback()
    status = next((s for kind, s in _DOMAIN_STATUS if isinstance(error, kind)), 400)
    return error_page(status, error.message)
