"""An event's summary: sessions added up, no session's small count revealed."""

from __future__ import annotations

from cafe.exports.summary import event_summary, session_summary
from cafe.models import PollKind, QuestionStatus
from tests.exports import factories as f
from tests.exports.factories import shown


def _event(db, second_session_roles):
    event = f.make_event(db, "Spring café")
    first = f.make_session(db, event, "Morning")
    second = f.make_session(db, event, "Afternoon")
    f.add_people(
        db,
        first,
        {"person_in_recovery": 8, "frontline_worker": 5, "family_or_carer": 3},
    )
    f.add_people(db, second, second_session_roles)
    return event, first, second


def _role_column(summary) -> dict[str, str]:
    return {row[0]: row[1] for row in shown(summary, "participation_by_role")}


def test_roles_are_added_up_across_sessions(db, options):
    event, _, _ = _event(
        db, {"person_in_recovery": 6, "frontline_worker": 7, "family_or_carer": 1}
    )
    roles = _role_column(event_summary(db, event, options))
    assert roles["Person in recovery"] == "14"
    assert roles["Frontline worker"] == "12"
    assert roles["Family member or carer"] == "<5"
    assert roles["All who joined"] == "30"


def test_each_session_is_listed_with_the_event_total(db, options):
    event, _, _ = _event(
        db, {"person_in_recovery": 6, "frontline_worker": 7, "family_or_carer": 1}
    )
    assert shown(event_summary(db, event, options), "participation_by_session") == [
        ["Morning", "16", "Not recorded"],
        ["Afternoon", "14", "Not recorded"],
        ["All sessions", "30", ""],
    ]


def test_an_event_total_that_would_reveal_a_small_session_is_withheld(db, options):
    event, _, _ = _event(db, {"person_in_recovery": 3})
    sessions = shown(event_summary(db, event, options), "participation_by_session")
    assert sessions[1] == ["Afternoon", "<5", "Not recorded"]
    assert sessions[2][1] == "[c]"


def test_a_role_total_that_would_reveal_a_small_session_count_is_withheld(db, options):
    # Afternoon shows 2 people in recovery as "<5" and Morning shows 8: an event
    # total of 10 would give the 2 away.
    event, first, second = _event(db, {"person_in_recovery": 2, "frontline_worker": 9})
    afternoon = _role_column(session_summary(db, second, options))
    morning = _role_column(session_summary(db, first, options))
    assert (morning["Person in recovery"], afternoon["Person in recovery"]) == (
        "8",
        "<5",
    )
    assert (
        _role_column(event_summary(db, event, options))["Person in recovery"] == "[c]"
    )


def test_the_session_by_role_grid_repeats_each_sessions_own_figures(db, options):
    event, first, second = _event(
        db, {"person_in_recovery": 6, "frontline_worker": 7, "family_or_carer": 1}
    )
    grid = shown(event_summary(db, event, options), "participation_by_session_and_role")
    for column, live in ((1, first), (2, second)):
        own = _role_column(session_summary(db, live, options))
        assert {row[0]: row[column] for row in grid} == {
            role: count for role, count in own.items() if role != "All who joined"
        }


def test_polls_are_numbered_across_sessions_and_name_their_session(db, options):
    event, first, second = _event(db, {"frontline_worker": 5})
    f.add_poll(db, first, PollKind.SINGLE, "First?", ["Yes", "No"])
    f.add_poll(db, second, PollKind.SINGLE, "Second?", ["Yes", "No"])
    summary = event_summary(db, event, options)
    polls = [s for s in summary.sections if s.key.startswith("poll_")]
    assert [(s.title, s.paragraphs) for s in polls] == [
        ("Poll 1: First?", ["Asked in the session “Morning”."]),
        ("Poll 2: Second?", ["Asked in the session “Afternoon”."]),
    ]


def test_questions_from_every_session_are_ranked_together(db, options):
    event, first, second = _event(db, {"frontline_worker": 5})
    people = f.add_people(db, second, {"frontline_worker": 6})
    f.add_question(db, first, "Morning question", upvoters=people[:1])
    f.add_question(db, second, "Afternoon question", upvoters=people)
    rows = shown(event_summary(db, event, options), "questions")
    assert [row[1:4] for row in rows] == [
        ["Afternoon question", "Afternoon", "6"],
        ["Morning question", "Morning", "<5"],
    ]


def test_moderation_sums_are_withheld_when_they_would_reveal_a_session(db, options):
    event, first, second = _event(db, {"frontline_worker": 5})
    for live, hidden in ((first, 2), (second, 6)):
        for n in range(hidden):
            f.add_question(
                db,
                live,
                f"Hidden {n}",
                status=QuestionStatus.HIDDEN,
                hidden_reason="Abuse",
            )
    rows = dict(map(tuple, shown(event_summary(db, event, options), "moderation")))
    assert rows["Questions hidden: Abuse"] == "[c]"


def test_an_event_without_sessions_still_has_a_summary(db, options):
    event = f.make_event(db, "Empty")
    summary = event_summary(db, event, options)
    assert shown(summary, "participation")[0] == [
        "People who joined (a session at a time)",
        "<5",
    ]
    assert shown(summary, "questions") == []
