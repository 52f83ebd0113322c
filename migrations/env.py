"""Alembic environment: runs with the app's engine, or a URL given by a test."""

import logging
from logging.config import fileConfig

from alembic import context

from cafe.models import Base

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")


def _engine():
    connection = config.attributes.get("connection")
    if connection is not None:
        return connection
    from flask import current_app

    return current_app.extensions["migrate"].db.get_engine()


def run_migrations_online() -> None:
    target = _engine()
    options = dict(
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite needs batch mode to alter tables
        compare_type=True,
    )
    if hasattr(target, "connect"):
        with target.connect() as connection:
            context.configure(connection=connection, **options)
            with context.begin_transaction():
                context.run_migrations()
    else:
        context.configure(connection=target, **options)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
