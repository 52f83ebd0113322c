"""Socket fixtures: a live session, participants and hosts on the test client."""

from __future__ import annotations

from datetime import datetime

import pytest

from cafe.domain import events, participants, sessions, users
from cafe.domain.actors import Actor
from cafe.extensions import socketio
from cafe.live import publisher
from tests.conftest import PASSWORD


@pytest.fixture
def staff(app_db):
    user = users.create_user(app_db, "host@example.org", PASSWORD, "facilitator", "Hal")
    app_db.commit()
    return user


@pytest.fixture
def live(app_db, staff):
    """A live session of a published event, with the post-moderation default."""
    actor = Actor.staff(staff)
    event = events.create_event(
        app_db,
        actor,
        events.EventDetails(
            "Recovery café", datetime(2026, 12, 1, 18), datetime(2026, 12, 1, 20)
        ),
    )
    events.change_event_status(app_db, actor, event.id, "publish")
    session = sessions.create_session(
        app_db, actor, event.id, sessions.SessionDetails("Open forum")
    )
    sessions.change_session_state(app_db, actor, session.id, "start")
    app_db.commit()
    return session


@pytest.fixture
def connect_participant(app, app_db, live):
    """Join as a new participant (as the join page would) and open a socket."""

    def connect(session=None, name=None):
        session = session or live
        participant, token = participants.join(app_db, session)
        participant.display_name = name
        app_db.commit()
        http = app.test_client()
        with http.session_transaction() as cookie:
            cookie["participants"] = {str(session.id): token}
        client = socketio.test_client(
            app,
            flask_test_client=http,
            auth={"session_id": session.id, "view": "participant"},
        )
        client.participant_id = participant.id
        client.http = http
        return client

    return connect


@pytest.fixture
def connect_staff(app, app_db, live):
    """Sign a member of staff in (a StaffLogin in the cookie) and open a socket."""

    def connect(user, view="host", session=None):
        session = session or live
        login = users.start_login(app_db, user)
        app_db.commit()
        http = app.test_client()
        with http.session_transaction() as cookie:
            cookie["_user_id"] = login.token
            cookie["_fresh"] = True
        client = socketio.test_client(
            app, flask_test_client=http, auth={"session_id": session.id, "view": view}
        )
        client.login_token = login.token
        client.http = http
        return client

    return connect


@pytest.fixture
def host(connect_staff, staff):
    return connect_staff(staff)


def received(client, name):
    """The payloads of every `name` event the client got since the last call."""
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


def events_by_name(client):
    found = {}
    for message in client.get_received():
        found.setdefault(message["name"], []).append(message["args"][0])
    return found


def flush():
    """Run one coalescing round now instead of waiting for the timer."""
    publisher.flush()
