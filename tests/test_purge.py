"""`cafe purge` and the daily purge task."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cafe.domain import events, participants, questions, sessions, users
from cafe.domain.actors import Actor
from cafe.models import Participant, Question
from cafe.schedule import DailyPurge, run_purge
from tests.conftest import PASSWORD


@pytest.fixture
def old_event(app_db):
    """A closed event whose retention ended long ago, with a question in it."""
    user = users.create_user(app_db, "fac@example.org", PASSWORD, "facilitator")
    actor = Actor.staff(user)
    starts = datetime(2020, 1, 7, 18)
    event = events.create_event(
        app_db,
        actor,
        events.EventDetails("Old café", starts, starts + timedelta(hours=2)),
    )
    events.change_event_status(app_db, actor, event.id, "publish")
    live = sessions.create_session(
        app_db, actor, event.id, sessions.SessionDetails("Q&A")
    )
    sessions.change_session_state(app_db, actor, live.id, "start")
    person, _token = participants.join(app_db, live)
    questions.ask_question(app_db, person, "Will the café reopen?")
    events.change_event_status(app_db, actor, event.id, "close")
    event.closed_at = starts + timedelta(hours=2)
    app_db.commit()
    return event


def test_a_dry_run_lists_what_would_go_and_keeps_it(app, app_db, old_event):
    result = app.test_cli_runner().invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0
    assert "Would remove from event" in result.output
    assert "“Old café”" in result.output and "questions 1" in result.output
    app_db.expire_all()
    assert app_db.query(Question).one().body == "Will the café reopen?"


def test_purge_deletes_free_text_and_people(app, app_db, old_event):
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0
    assert "Removed from event" in result.output
    app_db.expire_all()
    assert app_db.query(Question).one().body == ""
    assert app_db.query(Participant).one().pseudonym == ""


def test_with_nothing_due_purge_says_so(app):
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.output.strip() == "Nothing is due."


def test_the_daily_task_purges_as_of_the_time_it_is_given(app, app_db, old_event):
    with app.app_context():
        assert run_purge(now=datetime(2020, 1, 8)) == []
        [plan] = run_purge(now=datetime(2021, 1, 8))
    assert plan.event_id == old_event.id


class FakeSocketIO:
    def __init__(self) -> None:
        self.started = []

    def start_background_task(self, target, *args):
        self.started.append(target)


def test_the_daily_task_is_off_while_testing(app):
    fake = FakeSocketIO()
    DailyPurge().init_app(app, fake)
    app.test_client().get("/")
    assert fake.started == []


def test_when_enabled_the_daily_task_starts_once_on_the_first_request(app):
    app.config["PURGE_SCHEDULE_ENABLED"] = True
    fake, task = FakeSocketIO(), DailyPurge()
    task.init_app(app, fake)
    client = app.test_client()
    client.get("/")
    client.get("/")
    assert len(fake.started) == 1
