"""HTTP layer: blueprints with thin views, forms, security headers."""

from __future__ import annotations

from flask import Flask

from . import identity, security


def init_app(app: Flask) -> None:
    security.init_app(app)
    identity.init_app(app)
