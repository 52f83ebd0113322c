"""The benchmark's data: schema, a live session with an open poll, participants.

Everything goes through the domain API against the database the servers use, so
the servers see an ordinary session; only the HTTP join (rate-limited per
address) is skipped, by signing each participant's session cookie here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, func, select

from cafe.domain import events, participants, polls, questions, sessions, users
from cafe.domain.actors import Actor
from cafe.models import PollResponse, Question, Upvote

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
SEEDED_QUESTIONS = 5


@dataclass
class Scenario:
    session_id: int
    poll_id: int
    option_ids: list[int]
    question_ids: list[int]
    cookies: list[str]


def upgrade_schema(url: str) -> None:
    """What `cafe db upgrade` does, without a second process."""
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    engine.dispose()


def create(app, count: int) -> Scenario:
    """A live session, an open single-choice poll shown live, and `count` joiners."""
    from cafe.db import db

    with db.session_scope() as session:
        actor = Actor.staff(_host(session))
        live = _live_session(session, actor)
        poll = _open_poll(session, actor, live.id)
        joined = [participants.join(session, live) for _ in range(count)]
        asked = [
            questions.ask_question(session, person, f"Seeded question {i + 1}?")
            for i, (person, _) in enumerate(joined[:SEEDED_QUESTIONS])
        ]
        serializer = app.session_interface.get_signing_serializer(app)
        cookies = [
            serializer.dumps({"participants": {str(live.id): token}})
            for _, token in joined
        ]
        return Scenario(
            live.id,
            poll.id,
            [o.id for o in poll.options],
            [q.id for q in asked],
            cookies,
        )


def _host(session):
    email = f"bench-{random.SystemRandom().randrange(10**9)}@example.org"
    return users.create_user(
        session, email, "bench password 123", "facilitator", "Bench"
    )


def _live_session(session, actor):
    details = events.EventDetails(
        "Load test", datetime(2030, 1, 1, 18), datetime(2030, 1, 1, 20)
    )
    event = events.create_event(session, actor, details)
    events.change_event_status(session, actor, event.id, "publish")
    live = sessions.create_session(
        session, actor, event.id, sessions.SessionDetails("Load test")
    )
    sessions.change_session_state(session, actor, live.id, "start")
    return live


def _open_poll(session, actor, session_id: int):
    draft = polls.PollDraft(
        kind="single",
        question="Which works best for you?",
        options=["Mornings", "Afternoons", "Evenings", "Weekends"],
        results_visibility="live",
        min_responses=0,
    )
    poll = polls.create_poll(session, actor, session_id, draft)
    return polls.open_poll(session, actor, poll.id)


def counts(url: str, scenario: Scenario) -> dict[str, int]:
    """What reached the database: votes, questions asked live, upvotes."""
    engine = create_engine(url)
    with engine.connect() as connection:
        votes = connection.scalar(
            select(func.count(PollResponse.id)).where(
                PollResponse.poll_id == scenario.poll_id
            )
        )
        asked = connection.scalar(
            select(func.count(Question.id)).where(
                Question.session_id == scenario.session_id
            )
        )
        upvotes = connection.scalar(
            select(func.count(Upvote.id))
            .join(Question, Upvote.question_id == Question.id)
            .where(Question.session_id == scenario.session_id)
        )
    engine.dispose()
    return {
        "votes": votes,
        "questions": asked - len(scenario.question_ids),
        "upvotes": upvotes,
    }
