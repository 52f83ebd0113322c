"""QR codes drawn on the server as small SVG files (no script on the phone)."""

from __future__ import annotations

import io

import segno
from flask import Response, url_for

from ..models import LiveSession


def join_url(live: LiveSession) -> str:
    """The absolute address a QR code and a printed poster point to."""
    return url_for("join.by_code", code=live.join_code, _external=True)


def svg_response(live: LiveSession, *, public: bool) -> Response:
    """An SVG image of the QR code for the session's join address."""
    buffer = io.BytesIO()
    segno.make(join_url(live), error="m").save(
        buffer,
        kind="svg",
        scale=8,
        dark="#000",
        light="#fff",
        xmldecl=False,
        title=f"QR code to join {live.title}",
    )
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.cache_control.max_age = 300
    response.cache_control.public = public
    response.cache_control.private = not public
    return response
