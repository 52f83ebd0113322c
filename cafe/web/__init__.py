"""HTTP layer: blueprints with thin views, forms, security headers."""

from __future__ import annotations

from flask import Flask

from . import (
    accounts,
    api,
    auth,
    console,
    errors,
    health,
    identity,
    join,
    pages,
    participate,
    present,
    security,
    summaries,
    templating,
    workspace,
    you_said,
)


def init_app(app: Flask) -> None:
    security.init_app(app)
    identity.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(workspace.bp)
    app.register_blueprint(join.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(participate.bp)
    app.register_blueprint(console.bp)
    app.register_blueprint(present.bp)
    app.register_blueprint(summaries.bp)
    app.register_blueprint(you_said.bp)
    app.register_blueprint(accounts.bp)
    app.register_blueprint(api.bp)
