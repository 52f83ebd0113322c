"""Template filters shared by every page."""

from __future__ import annotations

from datetime import datetime

from flask import Flask

from ..domain import joincodes


def init_app(app: Flask) -> None:
    app.add_template_filter(when)
    app.add_template_filter(joincodes.spaced, "spaced")


def when(value: datetime | None) -> str:
    """A local wall-clock time the way people in the UK read it."""
    if value is None:
        return ""
    return f"{value:%a} {value.day} {value:%B %Y}, {value:%H:%M}"
