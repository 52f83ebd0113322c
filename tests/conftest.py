"""Fixtures shared by every tier: a database, the app, staff users."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from cafe.db import make_engine
from cafe.domain import users
from cafe.domain.actors import Actor
from cafe.models import Base

PASSWORD = "correct horse battery"


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'domain.sqlite'}")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine):
    """A session for domain tests; whatever a test writes is rolled back."""
    session = Session(engine, expire_on_commit=False)
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def facilitator(db):
    return users.create_user(db, "fac@example.org", PASSWORD, "facilitator", "Fran")


@pytest.fixture
def as_facilitator(facilitator):
    return Actor.staff(facilitator)


@pytest.fixture
def commissioner(db):
    return users.create_user(db, "com@example.org", PASSWORD, "commissioner", "Cam")


@pytest.fixture
def app(tmp_path):
    from cafe import create_app

    app = create_app(
        {
            "TESTING": True,
            "ASYNC_MODE": "threading",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'app.sqlite'}",
            "SECRET_KEY": "test-secret-key-0123456789",
        }
    )
    from cafe.db import db as database

    Base.metadata.create_all(database.engine)
    yield app
    database.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def app_db(app):
    """A session bound to the app's database, for arranging and checking data."""
    from cafe.db import db as database

    with app.app_context():
        yield database.session


def _postgres_admin_url() -> str | None:
    """CAFE_TEST_POSTGRES_URL, or the local server if one answers."""
    import os
    import socket

    url = os.environ.get("CAFE_TEST_POSTGRES_URL")
    if url:
        return url
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return None
    return "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def postgres_url():
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = _postgres_admin_url()
    if admin_url is None:
        pytest.skip(
            "PostgreSQL is not running on 127.0.0.1:5432 and "
            "CAFE_TEST_POSTGRES_URL is not set"
        )
    name = f"cafe_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
