"""Café: live consultation sessions and café events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from .config import build_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Assemble the app: configuration, database, extensions, blueprints, CLI."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.update(build_config(app.instance_path, overrides=config))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from . import cli, live, web
    from .db import db
    from .extensions import csrf, limiter, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    web.init_app(app)
    live.init_app(app)
    cli.init_app(app)
    if app.config["PROXY_COUNT"]:
        # Rate limits key on the client address; trust only our own proxies.
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    return app
