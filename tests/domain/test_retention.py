"""Retention with a frozen clock: free text and people go; every figure stays."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from cafe.config import DEFAULT_PARTICIPANT_ROLES
from cafe.domain import (
    events,
    moderation,
    participants,
    questions,
    receipts,
    responses,
    retention,
    sessions,
    support,
    votes,
)
from cafe.exports.groups import RoleLabels
from cafe.exports.summary import Options, event_summary
from cafe.models import (
    AuditEntry,
    Participant,
    ParticipantMute,
    PollResponse,
    Question,
    Receipt,
    SupportAlert,
)

CLOSED = datetime(2030, 5, 1, 21, 0)
DAY_BEFORE = CLOSED + timedelta(days=89, hours=23)
DUE = CLOSED + timedelta(days=90)
ROLES = ["person_in_recovery", "frontline_worker", "family_or_carer"]
# Tables made of the words people wrote: their rows go with the words.
FREE_TEXT_TABLES = ("_words", "_answers", "_frequent_words", "_frequent_phrases")


@pytest.fixture
def closed_event(db, host, live, make_poll):
    """A session with every kind of contribution, in an event closed at CLOSED."""
    crowd = []
    for i in range(12):
        person, _token = participants.join(db, live)
        participants.set_profile(db, person, None, ROLES[i % 3], ROLES)
        crowd.append(person)
    asked = [
        questions.ask_question(db, crowd[0], "Can the drop-in open later?"),
        questions.ask_question(db, crowd[1], "Ring me on 07700 900123 about groups"),
        questions.ask_question(db, crowd[2], "I relapsed last week"),
    ]
    for person in crowd[3:9]:
        questions.upvote(db, person, asked[0].id)
    questions.edit_question(db, host, asked[0].id, "Can the drop-in stay open later?")
    questions.reply_to_question(db, host, asked[0].id, "We will ask the venue.")
    choice = make_poll("single")
    words = make_poll("word_cloud")
    ideas = make_poll("open_text")
    for i, person in enumerate(crowd):
        option = choice.options[i % 3].id
        votes.cast_vote(db, person, choice.id, {"option_ids": [option]})
        votes.cast_vote(db, person, words.id, {"text": ["hope", "peace"][i % 2]})
        votes.cast_vote(db, person, ideas.id, {"text": f"More groups, idea {i}"})
    alert = support.request_support(db, crowd[4], "Can we talk?")
    support.reply_to_support(db, host, live, alert.id, "Yes, by the door")
    moderation.mute_participant(db, host, live, crowd[5])
    code = receipts.issue_receipt(db, crowd[6])
    event = live.event
    sessions.change_session_state(db, host, live.id, "end")
    events.change_event_status(db, host, event.id, "close")
    event.closed_at = CLOSED
    answered = responses.record_response(
        db,
        host,
        event.id,
        responses.YouSaidDetails(
            question_ids=[asked[1].id],
            reason="Groups now run on Tuesdays.",
            decided_on=date(2030, 6, 1),
        ),
    )
    db.flush()
    return SimpleNamespace(
        event=event, asked=asked, code=code, answered=answered, crowd=crowd
    )


def figures(db, event) -> dict[str, list[list]]:
    """Every figure of the event's summary: the cells of its number columns."""
    options = Options(k=5, roles=RoleLabels(DEFAULT_PARTICIPANT_ROLES), now=DUE)
    summary = event_summary(db, event, options)
    found = {}
    for table in summary.tables():
        if table.key.endswith(FREE_TEXT_TABLES) or table.key == "method":
            continue
        numeric = [i for i, c in enumerate(table.columns) if c.kind != "text"]
        found[table.key] = [[str(row[i]) for i in numeric] for row in table.rows]
    return found


def count(db, model, *where) -> int:
    return db.scalar(select(func.count()).select_from(model).where(*where))


def test_nothing_is_due_before_the_retention_period_ends(db, closed_event):
    assert retention.plan_purge(db, DAY_BEFORE) == []
    assert retention.purge(db, DAY_BEFORE) == []


def test_a_dry_run_lists_what_would_go_and_changes_nothing(db, closed_event):
    [plan] = retention.plan_purge(db, DUE)
    assert (plan.event_id, plan.due_since) == (closed_event.event.id, DUE)
    assert plan.participants == 12
    # One request for support, and the alert the held question raised.
    assert (plan.support_requests, plan.mutes, plan.receipts) == (2, 1, 1)
    assert plan.answers == 24  # a word and an idea from each of twelve people
    assert closed_event.asked[0].body == "Can the drop-in stay open later?"
    assert count(db, SupportAlert) == 2


def test_the_purge_removes_free_text_and_people(db, closed_event):
    retention.purge(db, DUE)
    dropped, kept, held = closed_event.asked
    assert (dropped.body, dropped.reply, dropped.original_body) == ("", None, None)
    assert held.body == ""
    assert count(db, PollResponse, PollResponse.text.is_not(None)) == 0
    names = db.scalars(select(Participant.pseudonym).distinct())
    assert list(names) == [""]
    for model in (SupportAlert, ParticipantMute, Receipt):
        assert count(db, model) == 0


def test_a_question_a_you_said_response_answers_keeps_only_its_published_words(
    db, closed_event
):
    retention.purge(db, DUE)
    kept = closed_event.asked[1]
    assert kept.body == "Ring me on [phone number] about groups"
    assert kept.original_body is None


def test_every_summary_figure_is_the_same_after_the_purge(db, closed_event):
    before = figures(db, closed_event.event)
    retention.purge(db, DUE)
    db.expire_all()
    assert figures(db, closed_event.event) == before


def test_roles_survive_so_breakdowns_stay(db, closed_event):
    retention.purge(db, DUE)
    roles = db.scalars(select(Participant.role).order_by(Participant.id))
    assert list(roles) == [ROLES[i % 3] for i in range(12)]


def test_the_log_keeps_actions_but_not_the_words(db, closed_event):
    retention.purge(db, DUE)
    details = db.scalars(
        select(AuditEntry.details).where(AuditEntry.action == "question.edit")
    )
    assert list(details) == [{}]


def test_a_receipt_code_stops_working(db, closed_event):
    retention.purge(db, DUE)
    with pytest.raises(Exception, match="No contributions"):
        receipts.contributions(db, closed_event.code)


def test_purging_again_finds_nothing_more(db, closed_event):
    assert retention.purge(db, DUE)
    assert retention.purge(db, DUE + timedelta(days=1)) == []
    assert retention.plan_purge(db, DUE + timedelta(days=1)) == []


def test_an_event_with_a_shorter_retention_is_due_sooner(db, closed_event):
    closed_event.event.retention_days = 30
    assert retention.plan_purge(db, CLOSED + timedelta(days=30))


def test_an_event_nobody_closed_counts_from_its_end(db, host, make_session, join):
    live = make_session()
    join(live)
    ends = live.event.ends_at
    assert retention.plan_purge(db, ends + timedelta(days=89)) == []
    [plan] = retention.plan_purge(db, ends + timedelta(days=90))
    assert plan.event_id == live.event.id


def test_the_purge_is_recorded_with_its_counts(db, closed_event):
    retention.purge(db, DUE)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "retention.purge"))
    assert entry.details["participants"] == 12
    assert entry.actor_label == "system:system"


def test_held_and_counted_questions_stay_counted(db, closed_event):
    retention.purge(db, DUE)
    assert count(db, Question) == 3
