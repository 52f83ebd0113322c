"""Voting rules: answers by poll kind, retries, changes, and moderation."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cafe.domain import polls, sessions, votes
from cafe.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from cafe.domain.profanity import ProfanityFilter
from cafe.models import AuditEntry, Participant, PollResponse, ResponseStatus


def ids(poll, *positions):
    return [poll.options[p].id for p in positions]


def responses(db):
    return db.scalar(select(func.count(PollResponse.id)))


# Answers by kind


def test_a_single_choice_is_stored(db, make_poll, participant):
    poll = make_poll()
    response = votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 1)})
    assert response.option_ids == ids(poll, 1)


def test_a_multiple_choice_is_stored_in_the_polls_order(db, make_poll, participant):
    poll = make_poll("multiple")
    answer = {"option_ids": ids(poll, 3, 0)}
    response = votes.cast_vote(db, participant, poll.id, answer)
    assert response.option_ids == ids(poll, 0, 3)


def test_a_rating_is_stored(db, make_poll, participant):
    poll = make_poll("rating", scale_max=10)
    assert votes.cast_vote(db, participant, poll.id, {"rating": 10}).rating == 10


def test_a_ranking_keeps_the_order_given(db, make_poll, participant):
    poll = make_poll("ranking")
    answer = {"option_ids": ids(poll, 2, 0, 1)}
    assert votes.cast_vote(db, participant, poll.id, answer).option_ids == ids(
        poll, 2, 0, 1
    )


def test_a_word_cloud_answer_keeps_its_original_text(db, make_poll, participant):
    poll = make_poll("word_cloud")
    response = votes.cast_vote(db, participant, poll.id, {"text": "  Hope  Now "})
    assert response.text == "Hope  Now"


def test_open_text_is_visible_at_once_in_a_post_moderated_session(
    db, make_poll, participant
):
    poll = make_poll("open_text")
    response = votes.cast_vote(db, participant, poll.id, {"text": "More evenings"})
    assert response.status == ResponseStatus.VISIBLE


def test_open_text_waits_for_approval_in_a_pre_moderated_session(
    db, make_poll, join, pre_live
):
    poll = make_poll("open_text", session=pre_live)
    response = votes.cast_vote(db, join(pre_live), poll.id, {"text": "More evenings"})
    assert response.status == ResponseStatus.PENDING


def test_a_single_choice_in_a_pre_moderated_session_is_visible(
    db, make_poll, join, pre_live
):
    poll = make_poll(session=pre_live)
    answer = {"option_ids": ids(poll, 0)}
    assert votes.cast_vote(db, join(pre_live), poll.id, answer).status == "visible"


@pytest.mark.parametrize("kind", ["word_cloud", "open_text"])
def test_text_answers_with_swear_words_are_refused(db, make_poll, participant, kind):
    poll = make_poll(kind)
    with pytest.raises(InvalidInput, match="without swearing"):
        votes.cast_vote(
            db,
            participant,
            poll.id,
            {"text": "b0ll0cks"},
            profanity=ProfanityFilter.default(),
        )
    assert responses(db) == 0


MALFORMED = {
    "single": [
        {},
        {"option_ids": []},
        {"option_ids": "first"},
        {"option_ids": [0, 1]},
        {"option_ids": [999]},
        {"option_ids": [True]},
        {"option_ids": [1.0]},
        {"rating": 1},
    ],
    "multiple": [
        {"option_ids": []},
        {"option_ids": [0, 0]},
        {"option_ids": [0, 1, 2]},
        {"option_ids": [None]},
    ],
    "rating": [{"rating": 0}, {"rating": 6}, {"rating": "3"}, {"rating": True}]
    + [{"rating": 2.5}, {"rating": None}, {"text": "5"}],
    "word_cloud": [{"text": ""}, {"text": "   "}, {"text": "x" * 41}]
    + [{"text": 5}, {"text": "a\x00b"}, {"text": ["hope"]}],
    "open_text": [{"text": "x" * 501}, {}, {"text": None}],
    "ranking": [
        {"option_ids": [0, 1]},
        {"option_ids": [0, 1, 1]},
        {"option_ids": [0, 1, 2, 2]},
        {"option_ids": [0, 1, 999]},
    ],
}
CASES = [(kind, answer) for kind, answers in MALFORMED.items() for answer in answers]


def with_real_ids(poll, answer):
    """Option positions in a case stand for the poll's real option ids."""
    option_ids = answer.get("option_ids")
    if not isinstance(option_ids, list):
        return answer
    real = [
        poll.options[i].id if type(i) is int and 0 <= i < len(poll.options) else i
        for i in option_ids
    ]
    return {**answer, "option_ids": real}


@pytest.mark.parametrize(("kind", "answer"), CASES)
def test_a_malformed_answer_is_refused_and_nothing_is_stored(
    db, make_poll, participant, kind, answer
):
    poll = make_poll(kind, max_choices=2) if kind == "multiple" else make_poll(kind)
    with pytest.raises(InvalidInput):
        votes.cast_vote(db, participant, poll.id, with_real_ids(poll, answer))
    assert responses(db) == 0


@pytest.mark.parametrize("answer", [None, [], "A", 3])
def test_an_answer_that_is_not_an_object_is_refused(db, make_poll, participant, answer):
    with pytest.raises(InvalidInput):
        votes.cast_vote(db, participant, make_poll().id, answer)


def test_a_word_cloud_answer_of_40_characters_is_accepted(db, make_poll, participant):
    poll = make_poll("word_cloud")
    assert len(votes.cast_vote(db, participant, poll.id, {"text": "x" * 40}).text) == 40


# Retries and changes


def test_sending_the_same_answer_again_changes_nothing(db, make_poll, participant):
    poll = make_poll()
    first = votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 0)})
    updated = first.updated_at
    again = votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 0)})
    assert (again.id, again.updated_at, responses(db)) == (first.id, updated, 1)


def test_the_same_choices_in_another_order_count_as_a_retry(db, make_poll, participant):
    poll = make_poll("multiple", allow_change=False)
    votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 0, 2)})
    again = votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 2, 0)})
    assert again.option_ids == ids(poll, 0, 2)


def test_a_retry_is_accepted_when_changes_are_not_allowed(db, make_poll, participant):
    poll = make_poll("rating", allow_change=False)
    votes.cast_vote(db, participant, poll.id, {"rating": 4})
    assert votes.cast_vote(db, participant, poll.id, {"rating": 4}).rating == 4


def test_a_different_answer_replaces_the_first_when_allowed(db, make_poll, participant):
    poll = make_poll()
    first = votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 0)})
    second = votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 2)})
    assert (second.id, second.option_ids, responses(db)) == (first.id, ids(poll, 2), 1)


def test_a_different_answer_is_refused_when_changes_are_not_allowed(
    db, make_poll, participant
):
    poll = make_poll(allow_change=False)
    votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 0)})
    with pytest.raises(Conflict, match="cannot be changed"):
        votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 1)})
    assert votes.my_answers(db, participant) == {poll.id: {"option_ids": ids(poll, 0)}}


def test_changed_open_text_waits_for_approval_again(
    db, host, make_poll, join, pre_live
):
    poll = make_poll("open_text", session=pre_live)
    voter = join(pre_live)
    response = votes.cast_vote(db, voter, poll.id, {"text": "More evenings"})
    votes.moderate_response(db, host, response.id, "approve")
    votes.cast_vote(db, voter, poll.id, {"text": "More weekends"})
    assert response.status == ResponseStatus.PENDING


def test_a_first_answer_racing_an_identical_one_is_absorbed(
    db, make_poll, participant, monkeypatch
):
    poll = make_poll()
    answer = {"option_ids": ids(poll, 0)}
    first = votes.cast_vote(db, participant, poll.id, answer)
    real = votes._response_of
    calls = []

    def missed_once(*args):
        # The first look misses the row another request has just written.
        calls.append(1)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(votes, "_response_of", missed_once)
    again = votes.cast_vote(db, participant, poll.id, answer)
    assert (again.id, responses(db)) == (first.id, 1)


@pytest.mark.postgres
def test_a_vote_race_on_postgresql_keeps_one_answer_and_the_transaction_usable(
    pg_engine, builders, monkeypatch
):
    with Session(pg_engine, expire_on_commit=False) as setup:
        host = builders.host(setup)
        live = builders.session(setup, host)
        voter = builders.join(setup, live)
        poll = builders.poll(setup, host, live, "single")
        rating = builders.poll(setup, host, live, "rating")
        answer = {"option_ids": [poll.options[0].id]}
        setup.commit()
    with Session(pg_engine) as first, Session(pg_engine) as second:
        votes.cast_vote(second, second.get(Participant, voter.id), poll.id, answer)
        second.commit()
        real = votes._response_of
        calls = []

        def missed_once(*args):
            # The first request looked before the second committed its answer.
            calls.append(1)
            return None if len(calls) == 1 else real(*args)

        monkeypatch.setattr(votes, "_response_of", missed_once)
        me = first.get(Participant, voter.id)
        votes.cast_vote(first, me, poll.id, answer)
        votes.cast_vote(first, me, rating.id, {"rating": 4})
        first.commit()
    with Session(pg_engine) as check:
        assert votes.my_answers(check, check.get(Participant, voter.id)) == {
            poll.id: answer,
            rating.id: {"rating": 4},
        }


def test_a_racing_answer_that_cannot_be_seen_yet_asks_for_a_retry(
    db, make_poll, participant, monkeypatch
):
    poll = make_poll()
    answer = {"option_ids": ids(poll, 0)}
    votes.cast_vote(db, participant, poll.id, answer)
    monkeypatch.setattr(votes, "_response_of", lambda *args: None)
    with pytest.raises(Conflict, match="try again"):
        votes.cast_vote(db, participant, poll.id, answer)
    assert responses(db) == 1


# When answers are taken


def test_a_late_vote_to_a_closed_poll_is_refused(db, host, make_poll, participant):
    poll = polls.close_poll(db, host, make_poll().id)
    with pytest.raises(Conflict, match="closed"):
        votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 0)})
    assert responses(db) == 0


def test_a_vote_to_a_draft_poll_is_refused(db, make_poll, participant):
    poll = make_poll(open=False)
    with pytest.raises(Conflict, match="not open yet"):
        votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 0)})


def test_a_vote_after_the_session_ended_is_refused(
    db, host, live, make_poll, participant
):
    poll = make_poll()
    sessions.change_session_state(db, host, live.id, "end")
    with pytest.raises(Conflict):
        votes.cast_vote(db, participant, poll.id, {"option_ids": ids(poll, 0)})


def test_a_poll_of_another_session_is_not_found(db, make_poll, make_session, join):
    poll = make_poll()
    with pytest.raises(NotFound):
        votes.cast_vote(db, join(make_session()), poll.id, {"option_ids": ids(poll, 0)})


@pytest.mark.parametrize("poll_id", [12345, None, "1", 2**80, True])
def test_an_unknown_poll_is_not_found(db, participant, poll_id):
    with pytest.raises(NotFound):
        votes.cast_vote(db, participant, poll_id, {"option_ids": [1]})


# Moderation and my answers


@pytest.fixture
def open_text_answer(db, make_poll, join, pre_live):
    poll = make_poll("open_text", session=pre_live)
    return votes.cast_vote(db, join(pre_live), poll.id, {"text": "More evenings"})


@pytest.mark.parametrize(
    ("action", "status"), [("approve", "visible"), ("hide", "hidden")]
)
def test_a_host_approves_or_hides_open_text(db, host, open_text_answer, action, status):
    votes.moderate_response(db, host, open_text_answer.id, action)
    assert open_text_answer.status == status


def test_moderating_an_answer_is_recorded_in_the_audit_log(db, host, open_text_answer):
    votes.moderate_response(db, host, open_text_answer.id, "hide")
    entry = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.target_id) == ("response.hide", open_text_answer.id)


@pytest.mark.parametrize("action", ["delete", "", None])
def test_an_unknown_moderation_action_is_refused(db, host, open_text_answer, action):
    with pytest.raises(InvalidInput):
        votes.moderate_response(db, host, open_text_answer.id, action)


def test_only_open_text_answers_are_moderated(db, host, make_poll, participant):
    poll = make_poll("rating")
    response = votes.cast_vote(db, participant, poll.id, {"rating": 3})
    with pytest.raises(Conflict):
        votes.moderate_response(db, host, response.id, "hide")


def test_only_a_host_may_moderate_answers(db, outsider, open_text_answer):
    with pytest.raises(Forbidden):
        votes.moderate_response(db, outsider, open_text_answer.id, "approve")
    assert open_text_answer.status == ResponseStatus.PENDING


@pytest.mark.parametrize("response_id", [777, "1", None])
def test_moderating_an_unknown_answer_is_not_found(db, host, response_id):
    with pytest.raises(NotFound):
        votes.moderate_response(db, host, response_id, "hide")


def test_my_answers_are_given_in_the_protocol_shape(db, make_poll, participant):
    single, rating, cloud = make_poll(), make_poll("rating"), make_poll("word_cloud")
    votes.cast_vote(db, participant, single.id, {"option_ids": ids(single, 1)})
    votes.cast_vote(db, participant, rating.id, {"rating": 2})
    votes.cast_vote(db, participant, cloud.id, {"text": "Hope"})
    assert votes.my_answers(db, participant) == {
        single.id: {"option_ids": ids(single, 1)},
        rating.id: {"rating": 2},
        cloud.id: {"text": "Hope"},
    }


# Fuzzing


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=45),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


def answers_for(poll):
    """Mostly answers of the poll's shape, right or wrong, sometimes anything."""
    own = [o.id for o in poll.options] if poll else []
    chosen = st.permutations(own).flatmap(
        lambda order: st.integers(min(1, len(order)), len(order)).map(
            lambda k: order[:k]
        )
    )
    texts = st.sampled_from(["Hope", " hope ", "More evenings", "sh1t"])
    shaped = {
        "rating": st.fixed_dictionaries({"rating": st.integers(0, 11)}),
        "word_cloud": st.fixed_dictionaries({"text": texts | st.text(max_size=45)}),
    }
    shaped["open_text"] = shaped["word_cloud"]
    kind = poll.kind.value if poll else None
    likely = shaped.get(kind, st.fixed_dictionaries({"option_ids": chosen}))
    mixed = st.fixed_dictionaries(
        {},
        optional={
            "option_ids": chosen | st.lists(st.integers(-3, 10**20) | JSON, max_size=4),
            "rating": JSON,
            "text": JSON,
        },
    )
    anything = st.dictionaries(
        st.sampled_from(["option_ids", "rating", "text"]) | st.text(max_size=6), JSON
    )
    return likely | st.one_of(mixed, anything, JSON)


def snapshot(db):
    rows = db.execute(
        select(
            PollResponse.id,
            PollResponse.option_ids,
            PollResponse.rating,
            PollResponse.text,
            PollResponse.status,
            PollResponse.updated_at,
        ).order_by(PollResponse.id)
    )
    return [tuple(row) for row in rows]


@pytest.fixture
def fuzz_polls(db, host, make_poll, make_session):
    kinds = ["single", "multiple", "rating", "word_cloud", "open_text", "ranking"]
    made = [make_poll(kind) for kind in kinds]
    made.append(make_poll(allow_change=False))
    made.append(make_poll(open=False))
    made.append(polls.close_poll(db, host, make_poll().id))
    made.append(make_poll(session=make_session()))
    return made


@pytest.fixture
def fuzz_voters(join):
    return [join(), join()]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_vote_is_stored_or_refused_with_a_domain_error(
    db, fuzz_polls, fuzz_voters, data
):
    # Fixtures are made once for all examples, so answers build up between them
    # and later examples meet retries and changes too.
    voter = data.draw(st.sampled_from(fuzz_voters))
    poll = data.draw(st.sampled_from([*fuzz_polls, None]))
    poll_id = poll.id if poll else data.draw(st.integers() | JSON)
    answer = data.draw(answers_for(poll))
    before = snapshot(db)
    try:
        votes.cast_vote(db, voter, poll_id, answer, profanity=ProfanityFilter.default())
    except (InvalidInput, NotFound, Conflict) as error:
        event(error.code)
        assert snapshot(db) == before
    else:
        event("stored")
