"""HTTP layer: blueprints with thin views, forms, security headers."""

from __future__ import annotations

from flask import Flask

from . import (
    accounts,
    admin,
    api,
    auth,
    console,
    errors,
    guests,
    health,
    identity,
    join,
    moderation_log,
    pages,
    participate,
    present,
    programme,
    receipts,
    security,
    stories,
    story_pages,
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
    app.register_blueprint(programme.bp)
    app.register_blueprint(guests.bp)
    app.register_blueprint(stories.bp)
    app.register_blueprint(story_pages.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(moderation_log.bp)
    app.register_blueprint(receipts.bp)
