"""The front page, health check, headers and error pages."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker


def test_the_front_page_explains_café_and_offers_a_join_box(client):
    page = client.get("/").get_data(as_text=True)
    assert "You do not need an account" in page
    assert '<form method="get" action="/join"' in page
    assert 'name="code"' in page
    assert 'href="/login"' in page


def test_every_page_has_the_layout_landmarks(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en-GB">' in page
    assert 'name="viewport"' in page
    assert '<link rel="icon" href="data:,">' in page
    assert 'href="#main"' in page
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in page
    assert 'role="status"' in page


def test_pages_carry_no_inline_styles_or_scripts(client, joinable):
    for url in ("/", "/join", "/login", f"/j/{joinable.join_code}/about-you"):
        client.get(f"/j/{joinable.join_code}")
        page = client.get(url).get_data(as_text=True)
        assert "style=" not in page, url
        assert "<script>" not in page, url


def test_security_headers_are_set(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_does_not_answer(client, monkeypatch, tmp_path):
    from cafe.db import db as database

    broken = create_engine(f"sqlite:///{tmp_path / 'missing' / 'nowhere.sqlite'}")
    monkeypatch.setattr(database, "factory", sessionmaker(broken))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unavailable"}


def test_an_unknown_page_gets_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_the_staff_home_needs_a_sign_in(client):
    response = client.get("/home")
    assert response.headers["Location"].startswith("/login")


def test_the_staff_home_sends_organisers_to_the_workspace(facilitator_client):
    assert facilitator_client.get("/home").headers["Location"] == "/workspace/"


@pytest.fixture
def failing_app(app):
    @app.get("/fails")
    def fails():
        raise RuntimeError("secret detail in a traceback")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def test_a_server_error_shows_a_page_without_the_traceback(failing_app):
    response = failing_app.test_client().get("/fails")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, something went wrong" in page
    assert "secret detail" not in page
    assert "Traceback" not in page


def test_the_front_page_sets_no_cookie(client):
    response = client.get("/")
    assert "Set-Cookie" not in response.headers
