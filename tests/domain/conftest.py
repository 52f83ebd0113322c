"""Factories for domain tests: every row is made through the domain API."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from types import SimpleNamespace

import pytest
from werkzeug.security import generate_password_hash

from cafe.db import make_engine
from cafe.domain import events, participants, polls, questions, sessions, users
from cafe.domain.actors import Actor
from cafe.domain.events import EventDetails
from cafe.domain.polls import PollDraft
from cafe.domain.sessions import SessionDetails
from cafe.models import Base
from tests.conftest import PASSWORD

# Factory polls show results from the first answer; tests of the minimum set it.
DRAFTS = {
    "single": {"question": "Which day suits you?", "options": ["Mon", "Wed", "Sat"]},
    "multiple": {
        "question": "What helps you most?",
        "options": ["Peers", "Groups", "Walks", "Art"],
    },
    "rating": {"question": "How useful was today?", "scale_max": 5},
    "word_cloud": {"question": "One word for recovery?"},
    "open_text": {"question": "What should we change?"},
    "ranking": {"question": "Rank these services", "options": ["Cafe", "Gym", "Choir"]},
}


def _quick_hash(password: str) -> str:
    return generate_password_hash(password, method="pbkdf2:sha256:1")


def build_host(db) -> Actor:
    """A facilitator account, as the actor that runs sessions."""
    user = users.create_user(db, "host@example.org", PASSWORD, "facilitator", "Hana")
    return Actor.staff(user)


def build_session(db, host, *, moderation: str = "post", start: bool = True):
    """A published event with one session, started unless asked not to."""
    starts = datetime(2030, 5, 1, 18, 0)
    details = EventDetails(
        title="Recovery café", starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    event = events.create_event(db, host, details)
    events.change_event_status(db, host, event.id, "publish")
    session_details = SessionDetails(title="Open floor", moderation_mode=moderation)
    live = sessions.create_session(db, host, event.id, session_details)
    if start:
        sessions.change_session_state(db, host, live.id, "start")
    return live


def build_poll(db, host, live, kind: str = "single", *, open: bool = True, **fields):
    """A poll of a kind with sample wording, opened unless asked not to."""
    payload = {"kind": kind, "min_responses": 0, **DRAFTS[kind], **fields}
    poll = polls.create_poll(db, host, live.id, PollDraft.from_dict(payload))
    if open:
        polls.open_poll(db, host, poll.id)
    return poll


@pytest.fixture
def quick_hashing(monkeypatch):
    """Password strength is not under test here; a cheap hash keeps tests fast."""
    monkeypatch.setattr(users, "generate_password_hash", _quick_hash)


@pytest.fixture
def builders(quick_hashing):
    """The builders, for tests that make data in a database of their own."""
    return SimpleNamespace(
        host=build_host,
        session=build_session,
        poll=build_poll,
        join=lambda db, live: participants.join(db, live)[0],
    )


@pytest.fixture
def pg_engine(postgres_url):
    """An engine on a fresh PostgreSQL database with the schema created."""
    engine = make_engine(postgres_url)
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def host(db, quick_hashing):
    return build_host(db)


@pytest.fixture
def draft():
    """A well-formed poll payload of a kind, with some fields changed."""

    def make(kind: str = "single", **fields) -> dict:
        return {"kind": kind, **DRAFTS[kind], **fields}

    return make


@pytest.fixture
def make_session(db, host):
    """Make a session: make_session(moderation="pre", start=False)."""
    return partial(build_session, db, host)


@pytest.fixture
def live(make_session):
    return make_session()


@pytest.fixture
def pre_live(make_session):
    return make_session(moderation="pre")


@pytest.fixture
def join(db, live):
    """Join a session (the live one unless given), optionally choosing a name."""

    def make(session=None, *, name: str | None = None):
        participant, _token = participants.join(db, session or live)
        if name:
            participants.set_profile(db, participant, name, None, ())
        return participant

    return make


@pytest.fixture
def participant(join):
    return join()


@pytest.fixture
def ask(db, participant):
    """Ask a question as the given participant (the default one unless given)."""

    def make(body: str = "When is the next café?", *, by=None):
        return questions.ask_question(db, by or participant, body)

    return make


@pytest.fixture
def make_poll(db, host, live):
    """Make a poll: make_poll("rating", session=other, open=False, scale_max=10)."""

    def make(kind: str = "single", *, session=None, **fields):
        return build_poll(db, host, session or live, kind, **fields)

    return make


@pytest.fixture(params=["participant", "commissioner", "anonymous"])
def outsider(request, db, quick_hashing, participant):
    """Someone who may not host a session."""
    if request.param == "participant":
        return Actor.participant(participant)
    if request.param == "commissioner":
        user = users.create_user(db, "com@example.org", PASSWORD, "commissioner")
        return Actor.staff(user)
    return Actor("anonymous", 0, "anonymous")
