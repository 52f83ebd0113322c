"""Poll results, checked against numbers worked out by hand."""

from __future__ import annotations

import pytest

from cafe.domain import polls, tallies, votes
from cafe.models import (
    Poll,
    PollKind,
    PollOption,
    PollResponse,
    PollStatus,
    ResponseStatus,
    ResultsVisibility,
)


def poll_of(kind, labels=(), **fields):
    """A poll in memory; option ids are 1, 2, 3 ... in label order."""
    values = {
        "status": PollStatus.OPEN,
        "results_visibility": ResultsVisibility.LIVE,
        "min_responses": 0,
        **fields,
    }
    options = [PollOption(id=i, label=label) for i, label in enumerate(labels, 1)]
    return Poll(id=1, kind=PollKind(kind), options=options, **values)


def answered(*answers, status=ResponseStatus.VISIBLE):
    made = []
    for i, answer in enumerate(answers, 1):
        made.append(PollResponse(id=i, status=status, **answer))
    return made


def chose(*option_lists):
    return answered(*({"option_ids": ids} for ids in option_lists))


def counts(results):
    return [(o["id"], o["count"], o["percent"]) for o in results["options"]]


# Choices


def test_a_single_choice_counts_each_option_with_a_percentage():
    poll = poll_of("single", ["Mon", "Wed", "Sat"])
    results = tallies.full_results(poll, chose([1], [1], [2]))
    assert results["n"] == 3
    assert counts(results) == [(1, 2, 66.7), (2, 1, 33.3), (3, 0, 0.0)]


def test_an_option_carries_its_label():
    poll = poll_of("single", ["Mon", "Wed"])
    options = tallies.full_results(poll, chose([2]))["options"]
    assert [o["label"] for o in options] == ["Mon", "Wed"]


def test_multiple_choice_percentages_are_of_respondents():
    poll = poll_of("multiple", ["Peers", "Groups", "Walks", "Art"])
    results = tallies.full_results(poll, chose([1, 2], [1], [1, 3], [2, 3, 4]))
    assert counts(results) == [(1, 3, 75.0), (2, 2, 50.0), (3, 2, 50.0), (4, 1, 25.0)]


def test_a_poll_nobody_answered_has_zero_percentages():
    results = tallies.full_results(poll_of("single", ["Mon", "Wed"]), [])
    assert (results["n"], counts(results)) == (0, [(1, 0, 0.0), (2, 0, 0.0)])


# Ratings


def test_a_rating_average_is_rounded_to_two_decimals():
    poll = poll_of("rating", scale_max=5)
    ratings = answered({"rating": 1}, {"rating": 2}, {"rating": 2})
    assert tallies.full_results(poll, ratings)["average"] == 1.67


def test_a_rating_distribution_covers_the_whole_scale():
    poll = poll_of("rating", scale_max=5)
    ratings = answered({"rating": 5}, {"rating": 2}, {"rating": 5}, {"rating": 4})
    results = tallies.full_results(poll, ratings)
    assert results["average"] == 4.0
    assert results["distribution"] == [
        {"value": 1, "count": 0},
        {"value": 2, "count": 1},
        {"value": 3, "count": 0},
        {"value": 4, "count": 1},
        {"value": 5, "count": 2},
    ]


def test_a_ten_point_scale_has_ten_values():
    results = tallies.full_results(poll_of("rating", scale_max=10), [])
    assert [d["value"] for d in results["distribution"]] == list(range(1, 11))


def test_a_rating_nobody_answered_has_no_average():
    assert tallies.full_results(poll_of("rating", scale_max=5), [])["average"] is None


# Word clouds and open text


def test_word_cloud_answers_are_counted_in_one_form():
    poll = poll_of("word_cloud")
    words = answered(
        {"text": "Hope"}, {"text": " hope"}, {"text": "Hope  Now"}, {"text": "hope now"}
    )
    assert tallies.full_results(poll, words)["words"] == [
        {"word": "hope", "count": 2},
        {"word": "hope now", "count": 2},
    ]


def test_words_are_sorted_by_count_then_alphabetically():
    poll = poll_of("word_cloud")
    texts = ["peer", "calm", "peer", "art", "calm", "peer"]
    words = tallies.full_results(poll, answered(*({"text": t} for t in texts)))
    assert [(w["word"], w["count"]) for w in words["words"]] == [
        ("peer", 3),
        ("calm", 2),
        ("art", 1),
    ]


def test_a_word_cloud_keeps_the_top_fifty_words():
    poll = poll_of("word_cloud")
    texts = [f"word{i:03}" for i in range(60)] + ["word059"]
    words = tallies.full_results(poll, answered(*({"text": t} for t in texts)))
    assert len(words["words"]) == 50
    assert words["words"][0] == {"word": "word059", "count": 2}


def open_text_answers():
    return [
        PollResponse(id=1, text="More evenings", status=ResponseStatus.VISIBLE),
        PollResponse(id=2, text="Call me on 0777", status=ResponseStatus.HIDDEN),
        PollResponse(id=3, text="A quiet room", status=ResponseStatus.PENDING),
    ]


def test_hosts_get_every_open_text_answer_with_its_status():
    results = tallies.full_results(poll_of("open_text"), open_text_answers())
    assert results["answers"] == [
        {"id": 1, "text": "More evenings", "status": "visible"},
        {"id": 2, "text": "Call me on 0777", "status": "hidden"},
        {"id": 3, "text": "A quiet room", "status": "pending"},
    ]


def test_others_get_only_visible_open_text_answers():
    poll = poll_of("open_text")
    full = tallies.full_results(poll, open_text_answers())
    public = tallies.public_results(poll, full)
    assert public["answers"] == [{"id": 1, "text": "More evenings"}]


# Ranking


def test_a_ranking_gives_borda_points_and_counts_per_place():
    poll = poll_of("ranking", ["Cafe", "Gym", "Choir"])
    results = tallies.full_results(poll, chose([1, 2, 3], [2, 1, 3], [1, 3, 2]))
    assert [(o["id"], o["borda"], o["positions"]) for o in results["options"]] == [
        (1, 5, [2, 1, 0]),
        (2, 3, [1, 1, 1]),
        (3, 1, [0, 1, 2]),
    ]


def test_borda_points_add_up_to_a_fixed_total_per_respondent():
    poll = poll_of("ranking", ["A", "B", "C", "D"])
    results = tallies.full_results(poll, chose([4, 3, 2, 1], [1, 2, 3, 4]))
    assert sum(o["borda"] for o in results["options"]) == 2 * (3 + 2 + 1)


def test_a_ranking_ignores_options_that_no_longer_exist():
    poll = poll_of("ranking", ["A", "B"])
    results = tallies.full_results(poll, chose([2, 9, 1]))
    assert [(o["id"], o["borda"]) for o in results["options"]] == [(1, 0), (2, 1)]


# What others may see


def test_hosts_always_see_results():
    poll = poll_of("single", ["A", "B"], results_visibility=ResultsVisibility.HIDDEN)
    full = tallies.full_results(poll, chose([1]))
    assert (full["shown"], full["withheld_reason"]) == (True, None)


def test_live_results_are_shown_to_everyone():
    poll = poll_of("single", ["A", "B"])
    full = tallies.full_results(poll, chose([1]))
    assert tallies.public_results(poll, full) == full


def test_hidden_results_are_withheld_from_others_with_the_count():
    poll = poll_of("single", ["A", "B"], results_visibility=ResultsVisibility.HIDDEN)
    public = tallies.public_results(poll, tallies.full_results(poll, chose([1], [2])))
    assert public == {"n": 2, "shown": False, "withheld_reason": "hidden"}


def test_results_after_close_are_withheld_while_the_poll_is_open():
    poll = poll_of(
        "rating", scale_max=5, results_visibility=ResultsVisibility.AFTER_CLOSE
    )
    public = tallies.public_results(poll, tallies.full_results(poll, []))
    assert public["withheld_reason"] == "after_close"


def test_results_after_close_are_shown_once_closed():
    poll = poll_of(
        "rating",
        scale_max=5,
        results_visibility=ResultsVisibility.AFTER_CLOSE,
        status=PollStatus.CLOSED,
    )
    public = tallies.public_results(poll, tallies.full_results(poll, []))
    assert (public["shown"], public["average"]) == (True, None)


def test_results_are_withheld_until_enough_people_answered():
    poll = poll_of("single", ["A", "B"], min_responses=3)
    public = tallies.public_results(poll, tallies.full_results(poll, chose([1], [2])))
    assert public == {"n": 2, "shown": False, "withheld_reason": "too_few"}


def test_results_are_shown_when_the_minimum_is_reached():
    poll = poll_of("single", ["A", "B"], min_responses=3)
    full = tallies.full_results(poll, chose([1], [2], [2]))
    assert tallies.public_results(poll, full)["shown"] is True


@pytest.mark.parametrize(
    ("visibility", "reason"),
    [
        (ResultsVisibility.HIDDEN, "hidden"),
        (ResultsVisibility.AFTER_CLOSE, "after_close"),
    ],
)
def test_a_visibility_rule_is_reported_before_too_few_answers(visibility, reason):
    poll = poll_of("single", ["A", "B"], min_responses=5, results_visibility=visibility)
    public = tallies.public_results(poll, tallies.full_results(poll, []))
    assert public["withheld_reason"] == reason


def test_results_for_a_poll_are_loaded_from_the_database(db, make_poll, join):
    poll = make_poll()
    for position in (0, 0, 2):
        votes.cast_vote(
            db, join(), poll.id, {"option_ids": [poll.options[position].id]}
        )
    results = tallies.results_for_poll(db, poll)
    assert [o["count"] for o in results["options"]] == [2, 0, 1]


def test_a_reopened_poll_counts_earlier_answers(db, host, make_poll, join):
    poll = make_poll("rating")
    votes.cast_vote(db, join(), poll.id, {"rating": 3})
    polls.close_poll(db, host, poll.id)
    polls.reopen_poll(db, host, poll.id)
    votes.cast_vote(db, join(), poll.id, {"rating": 4})
    assert tallies.results_for_poll(db, poll)["average"] == 3.5
