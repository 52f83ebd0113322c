"""Rate limits on signing in and on looking up join codes."""

from __future__ import annotations

import pytest

from cafe.models import Base
from tests.web.conftest import sign_in


@pytest.fixture
def app(tmp_path):
    """The app with low limits, and rate limiting switched on explicitly.

    Flask-Limiter keeps `enabled` on its one shared instance, so an app made
    earlier with limiting off must not decide it for this one.
    """
    from cafe import create_app
    from cafe.db import db as database

    app = create_app(
        {
            "TESTING": True,
            "ASYNC_MODE": "threading",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'limits.sqlite'}",
            "SECRET_KEY": "test-secret-key-0123456789",
            "RATELIMIT_ENABLED": True,
            "LOGIN_RATE_LIMIT": "2 per minute",
            "JOIN_RATE_LIMIT": "3 per minute",
        }
    )
    Base.metadata.create_all(database.engine)
    yield app
    database.engine.dispose()


def test_too_many_sign_in_attempts_get_429(client, organiser):
    for _ in range(2):
        assert sign_in(client, organiser.email, "wrong password").status_code == 401
    response = sign_in(client, organiser.email)
    assert response.status_code == 429
    assert "Please wait a moment" in response.get_data(as_text=True)


def test_guessing_codes_is_stopped_with_a_friendly_429(client, joinable):
    for guess in ("AAA222", "AAA223", "AAA224"):
        assert client.get(f"/j/{guess}").status_code == 404
    response = client.get(f"/j/{joinable.join_code}")
    assert response.status_code == 429
    assert "Please wait a moment" in response.get_data(as_text=True)


def test_guesses_count_across_every_way_of_typing_a_code(client, joinable):
    client.get("/join", query_string={"code": "AAA222"})
    client.get("/j/AAA223/lobby")
    client.get("/j/AAA224/qr.svg")
    assert client.get("/join", query_string={"code": "AAA225"}).status_code == 429


def test_successful_joins_do_not_use_up_the_guessing_allowance(app, joinable):
    for _ in range(5):
        browser = app.test_client()
        assert browser.get(f"/j/{joinable.join_code}").status_code == 302


def test_guesses_from_one_address_do_not_block_another(app, joinable):
    guesser = app.test_client()
    for guess in ("AAA222", "AAA223", "AAA224"):
        guesser.get(f"/j/{guess}", environ_base={"REMOTE_ADDR": "10.0.0.1"})
    response = app.test_client().get(
        f"/j/{joinable.join_code}", environ_base={"REMOTE_ADDR": "10.0.0.2"}
    )
    assert response.status_code == 302
