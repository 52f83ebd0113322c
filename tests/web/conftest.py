"""Shared pieces for test-client tests: CSRF tokens, sign-in, a joinable session."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from sqlalchemy import func, select

from cafe.domain import events, sessions, users
from cafe.domain.actors import Actor
from cafe.domain.events import EventDetails
from cafe.domain.sessions import SessionDetails
from tests.conftest import PASSWORD

CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, page_url: str) -> str:
    """The CSRF token from the hidden input of the form on a page."""
    page = client.get(page_url)
    match = CSRF_INPUT.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {page_url} ({page.status_code})"
    return match.group(1)


def submit(client, page_url: str, data: dict, action_url: str | None = None):
    """Post a form the way a browser does: with the token from the page."""
    token = csrf_token(client, page_url)
    return client.post(action_url or page_url, data={"csrf_token": token, **data})


def sign_in(client, email: str, password: str = PASSWORD, next_url: str = ""):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return submit(client, url, {"email": email, "password": password})


def refresh(store) -> None:
    """Forget what the store has loaded, to see what the app has committed since."""
    store.rollback()
    store.expire_all()


def count(store, model) -> int:
    refresh(store)
    return store.scalar(select(func.count()).select_from(model))


@pytest.fixture
def store(app):
    """A session of its own on the app's database, to arrange and check data.

    It is not the request's session, so what a view leaves uncommitted is
    invisible here, as it would be to any other request.
    """
    from cafe.db import db as database

    session = database.factory()
    yield session
    session.close()


@pytest.fixture
def organiser(store):
    user = users.create_user(store, "fac@example.org", PASSWORD, "facilitator", "Fran")
    store.commit()
    return user


@pytest.fixture
def commissioner_user(store):
    user = users.create_user(store, "com@example.org", PASSWORD, "commissioner", "Cam")
    store.commit()
    return user


@pytest.fixture
def facilitator_client(client, organiser):
    response = sign_in(client, organiser.email)
    assert response.status_code == 302
    return client


@pytest.fixture
def commissioner_client(client, commissioner_user):
    response = sign_in(client, commissioner_user.email)
    assert response.status_code == 302
    return client


def make_event(store, user, title="Recovery café", publish=False, sessions_titles=()):
    actor = Actor.staff(user)
    details = EventDetails(
        title=title,
        starts_at=datetime(2030, 6, 14, 18, 0),
        ends_at=datetime(2030, 6, 14, 20, 0),
        place="Central Library, room 2",
        accessibility_notes="Step-free entrance on Park Street.",
    )
    event = events.create_event(store, actor, details)
    for session_title in sessions_titles:
        sessions.create_session(store, actor, event.id, SessionDetails(session_title))
    if publish:
        events.change_event_status(store, actor, event.id, "publish")
    store.commit()
    return event


@pytest.fixture
def joinable(store, organiser):
    """A session of a published event, ready to be joined with its code."""
    event = make_event(store, organiser, publish=True, sessions_titles=["Open Q&A"])
    return event.sessions[0]
