"""Poll figures of kinds the hand-worked session does not cover."""

from __future__ import annotations

from cafe.exports.facts import AnswerFact, PollFact
from cafe.exports.groups import RoleLabels
from cafe.exports.poll_roles import role_tables
from cafe.exports.poll_tables import poll_figures
from cafe.exports.tables import display
from cafe.models import PollKind, PollStatus, ResponseStatus

LABELS = RoleLabels((("peer", "Peer"), ("worker", "Worker")))


def _poll(kind, answers, options=(), scale_max=None) -> PollFact:
    return PollFact(
        id=1,
        kind=kind,
        question="Q?",
        status=PollStatus.CLOSED,
        options=tuple(enumerate(options, start=1)),
        scale_max=scale_max,
        scale_min_label="",
        scale_max_label="",
        answers=tuple(answers),
    )


def _answer(role=None, ids=(), rating=None):
    return AnswerFact(role, tuple(ids), rating, None, ResponseStatus.VISIBLE)


def _rows(table):
    return [[display(v) for v in row] for row in table.rows]


def test_multiple_choice_percentages_use_people_who_answered():
    answers = [_answer(ids=(1, 2))] * 6 + [_answer(ids=(1,))] * 4
    figures = poll_figures(_poll(PollKind.MULTIPLE, answers, ["A", "B"]), 1, 5)
    assert _rows(figures.tables[1]) == [
        ["A", "10", "100"],
        ["B", "6", "60"],
        ["People who answered", "10", "100"],
    ]


def test_multiple_choice_small_counts_need_no_partner_as_they_do_not_add_up():
    answers = [_answer(ids=(1, 2))] * 6 + [_answer(ids=(1, 3))] * 2
    figures = poll_figures(_poll(PollKind.MULTIPLE, answers, ["A", "B", "C"]), 1, 5)
    assert [r[1] for r in _rows(figures.tables[1])] == ["8", "6", "<5", "8"]


def test_a_rating_average_is_withheld_when_a_scale_point_is_small():
    answers = [_answer(rating=4)] * 5 + [_answer(rating=5)] * 6
    figures = poll_figures(_poll(PollKind.RATING, answers, scale_max=5), 1, 5)
    # Nobody chose 1, 2 or 3: those zeros show as "<5", so the average would
    # let them be worked out.
    assert _rows(figures.tables[0])[-1] == ["Average rating", "[c]"]


def test_an_average_of_a_clean_distribution_is_given_to_one_place():
    answers = [_answer(rating=1)] * 5 + [_answer(rating=2)] * 6
    figures = poll_figures(_poll(PollKind.RATING, answers, scale_max=2), 1, 5)
    assert _rows(figures.tables[0])[-1] == ["Average rating", "1.5"]


def test_a_ranking_of_two_options_treats_points_as_counts_of_people():
    answers = [_answer(ids=(1, 2))] * 9 + [_answer(ids=(2, 1))] * 2
    figures = poll_figures(_poll(PollKind.RANKING, answers, ["A", "B"]), 1, 5)
    assert _rows(figures.tables[1]) == [
        ["A", "[c]"],
        ["B", "<5"],
        ["People who answered", "11"],
    ]


def test_a_poll_with_fewer_than_k_answers_shows_no_results():
    figures = poll_figures(_poll(PollKind.SINGLE, [_answer(ids=(1,))] * 4, ["A"]), 1, 5)
    assert [t.key for t in figures.tables] == ["poll_1_summary"]
    assert "Fewer than 5 people answered" in figures.tables[0].notes[0]


def test_hidden_answers_are_not_counted():
    hidden = AnswerFact(None, (1,), None, None, ResponseStatus.HIDDEN)
    answers = [_answer(ids=(1,))] * 5 + [hidden] * 3
    figures = poll_figures(_poll(PollKind.SINGLE, answers, ["A"]), 1, 5)
    assert figures.n == 5


def test_a_role_breakdown_of_ratings_gives_averages_for_clean_groups_only():
    answers = (
        [_answer("peer", rating=1)] * 5
        + [_answer("peer", rating=2)] * 5
        + [_answer("worker", rating=1)] * 5
        + [_answer("worker", rating=2)] * 1
        + [_answer("worker", rating=2)] * 4
    )
    figures = poll_figures(_poll(PollKind.RATING, answers, scale_max=2), 1, 5)
    tables = {t.key: _rows(t) for t in role_tables(figures, 5, LABELS)}
    assert tables["poll_1_average_by_role"] == [
        ["Peer", "10", "1.5"],
        ["Worker", "10", "1.5"],
    ]


def test_a_ranking_breakdown_gives_borda_points_per_group():
    answers = [_answer("peer", ids=(1, 2, 3))] * 5 + [
        _answer("worker", ids=(3, 2, 1))
    ] * 5
    figures = poll_figures(_poll(PollKind.RANKING, answers, ["A", "B", "C"]), 1, 5)
    (table,) = role_tables(figures, 5, LABELS)
    assert _rows(table) == [
        ["A", "10", "0", "10"],
        ["B", "5", "5", "10"],
        ["C", "0", "10", "10"],
        ["People who answered", "5", "5", "10"],
    ]
