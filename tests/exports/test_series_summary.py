"""A series: the figures of each event side by side, as each event shows them."""

from __future__ import annotations

from datetime import datetime

import pytest

from cafe.exports.series import series_summary
from cafe.exports.summary import event_summary
from cafe.models import PollKind, QuestionStatus
from tests.exports import factories as f
from tests.exports.factories import shown


@pytest.fixture
def series(db):
    series = f.make_series(db, "Monthly café")
    march = f.make_event(db, "Café", series=series, starts_at=datetime(2030, 3, 4, 18))
    april = f.make_event(db, "Café", series=series, starts_at=datetime(2030, 4, 1, 18))
    for event, roles, picks in (
        (march, {"person_in_recovery": 9, "frontline_worker": 6}, (10, 5)),
        (april, {"person_in_recovery": 3, "frontline_worker": 8}, (4, 7)),
    ):
        live = f.make_session(db, event)
        people = f.add_people(db, live, roles)
        poll = f.add_poll(
            db, live, PollKind.SINGLE, "Which day suits you?", ["Mon", "Sat"]
        )
        f.answer_many(db, poll, people[: picks[0]], choose=["Mon"])
        f.answer_many(db, poll, people[picks[0] :], choose=["Sat"])
        f.add_question(
            db,
            live,
            f"Top question in {event.starts_at:%B}",
            upvoters=people[:6],
            status=QuestionStatus.ANSWERED,
        )
    return series, [march, april]


def test_each_event_is_a_column_named_by_title_and_date(db, series, options):
    summary = series_summary(db, *series, options)
    columns = [c.label for c in f.table(summary, "participation_by_role").columns]
    assert columns == ["", "Café (2030-03-04)", "Café (2030-04-01)", "All events"]


def test_event_figures_match_each_events_own_summary(db, series, options):
    summary = series_summary(db, *series, options)
    grid = shown(summary, "participation_by_role")
    for column, event in enumerate(series[1], start=1):
        own = {
            row[0]: row[1]
            for row in shown(event_summary(db, event, options), "participation_by_role")
        }
        assert {row[0]: row[column] for row in grid} == {
            k: v for k, v in own.items() if k != "All who joined"
        }


def test_a_total_across_events_is_withheld_when_any_part_is(db, series, options):
    rows = {
        row[0]: row
        for row in shown(series_summary(db, *series, options), "participation_by_role")
    }
    assert rows["Person in recovery"][1:] == ["9", "<5", "[c]"]
    # In March no one chose any other role, so the zeros ("<5") would add up
    # exactly; March's frontline workers are withheld to protect them.
    assert rows["Frontline worker"][1:] == ["[c]", "8", "[c]"]


def test_the_events_table_adds_up_people_and_questions_when_all_are_shown(
    db, series, options
):
    rows = shown(series_summary(db, *series, options), "events")
    assert rows == [
        ["Café (2030-03-04)", "Closed", "1", "15", "1", "1", "1"],
        ["Café (2030-04-01)", "Closed", "1", "11", "1", "1", "1"],
        ["All events", "", "2", "26", "2", "2", "2"],
    ]


def test_a_poll_asked_at_several_events_is_set_side_by_side(db, series, options):
    summary = series_summary(db, *series, options)
    assert shown(summary, "repeated_poll_1") == [
        ["Mon", "10", "<5"],
        ["Sat", "5", "[c]"],
        ["People who answered", "15", "11"],
    ]


def test_top_questions_are_listed_for_each_event(db, series, options):
    rows = shown(series_summary(db, *series, options), "top_questions")
    assert rows == [
        ["Café (2030-03-04)", "Top question in March", "6", "Answered"],
        ["Café (2030-04-01)", "Top question in April", "6", "Answered"],
    ]


def test_only_the_events_given_are_summarised(db, series, options):
    summary = series_summary(db, series[0], series[1][:1], options)
    assert [row[0] for row in shown(summary, "events")] == [
        "Café (2030-03-04)",
        "All events",
    ]
