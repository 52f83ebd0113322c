"""Poll rules: checking drafts, ordering, and the open/close lifecycle."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from cafe.domain import polls, sessions, votes
from cafe.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from cafe.domain.polls import PollDraft
from cafe.models import AuditEntry, Poll, PollOption, PollStatus

KINDS = ["single", "multiple", "rating", "word_cloud", "open_text", "ranking"]


def refusal(payload):
    with pytest.raises(InvalidInput) as error:
        PollDraft.from_dict(payload)
    return error.value


# Checking drafts


@pytest.mark.parametrize("kind", KINDS)
def test_a_well_formed_draft_of_every_kind_is_accepted(kind, draft):
    assert PollDraft.from_dict(draft(kind)).kind == kind


def test_a_draft_is_trimmed(draft):
    checked = PollDraft.from_dict(
        draft(question="  Which day? ", options=[" Mon ", "Tue"])
    )
    assert (checked.question, checked.options) == ("Which day?", ["Mon", "Tue"])


def test_a_draft_takes_the_documented_defaults():
    checked = PollDraft.from_dict({"kind": "word_cloud", "question": "One word?"})
    assert checked == PollDraft(kind="word_cloud", question="One word?")
    assert (checked.min_responses, checked.allow_change) == (5, True)
    assert checked.results_visibility == "live"


def test_keys_a_draft_does_not_know_are_ignored(draft):
    assert PollDraft.from_dict(draft(poll_id=7)).question == "Which day suits you?"


@pytest.mark.parametrize("payload", [None, [], "poll", 3])
def test_a_draft_that_is_not_an_object_is_refused(payload):
    refusal(payload)


@pytest.mark.parametrize("missing", ["kind", "question"])
def test_a_draft_without_a_kind_or_question_is_refused(missing, draft):
    payload = draft()
    del payload[missing]
    assert refusal(payload).field == missing


@pytest.mark.parametrize("kind", ["quiz", "", None, 3, ["single"]])
def test_an_unknown_kind_is_refused(kind, draft):
    assert refusal(draft() | {"kind": kind}).field == "kind"


@pytest.mark.parametrize("question", ["", "   ", "x" * 301, None, 12, "a\x00b"])
def test_a_missing_or_over_long_question_is_refused(question, draft):
    assert refusal(draft(question=question)).field == "question"


def test_a_question_of_300_characters_is_accepted(draft):
    assert len(PollDraft.from_dict(draft(question="x" * 300)).question) == 300


@pytest.mark.parametrize(
    "options",
    [
        ["Only one"],
        [f"Option {i}" for i in range(11)],
        ["Mon", " "],
        ["Mon", "mon"],
        ["Mon", 2],
        ["Mon", "x" * 201],
        "Mon, Tue",
        None,
    ],
    ids=["one", "eleven", "blank", "repeated", "number", "too-long", "text", "none"],
)
@pytest.mark.parametrize("kind", ["single", "multiple", "ranking"])
def test_choice_polls_need_two_to_ten_distinct_options(kind, options, draft):
    assert refusal(draft(kind, options=options)).field == "options"


@pytest.mark.parametrize("kind", ["rating", "word_cloud", "open_text"])
def test_polls_without_choices_refuse_options(kind, draft):
    assert refusal(draft(kind, options=["A", "B"])).field == "options"


@pytest.mark.parametrize("scale_max", [None, 7, "5", True, 5.0])
def test_a_rating_poll_needs_a_scale_of_5_or_10(scale_max, draft):
    assert refusal(draft("rating", scale_max=scale_max)).field == "scale_max"


def test_a_rating_poll_may_have_a_scale_of_10(draft):
    assert PollDraft.from_dict(draft("rating", scale_max=10)).scale_max == 10


def test_only_a_rating_poll_has_a_scale(draft):
    assert refusal(draft("single", scale_max=5)).field == "scale_max"


def test_scale_labels_are_kept_for_rating_polls_only(draft):
    labels = {"scale_min_label": "Not at all", "scale_max_label": "Very"}
    assert (
        PollDraft.from_dict(draft("rating", **labels)).scale_min_label == "Not at all"
    )
    assert PollDraft.from_dict(draft("word_cloud", **labels)).scale_min_label == ""


def test_a_scale_label_over_60_characters_is_refused(draft):
    payload = draft("rating", scale_max_label="x" * 61)
    assert refusal(payload).field == "scale_max_label"


@pytest.mark.parametrize("max_choices", [0, 5, True, "2", 1.5])
def test_a_multi_select_limit_must_be_between_1_and_the_option_count(
    max_choices, draft
):
    payload = draft("multiple", max_choices=max_choices)
    assert refusal(payload).field == "max_choices"


def test_a_multi_select_limit_within_the_options_is_accepted(draft):
    assert PollDraft.from_dict(draft("multiple", max_choices=4)).max_choices == 4


def test_only_a_multi_select_poll_has_a_limit(draft):
    assert refusal(draft("single", max_choices=1)).field == "max_choices"


@pytest.mark.parametrize("value", [-1, 101, True, "5", None, 2.0])
def test_the_minimum_number_of_answers_must_be_0_to_100(value, draft):
    assert refusal(draft(min_responses=value)).field == "min_responses"


@pytest.mark.parametrize("value", [0, 100])
def test_the_minimum_number_of_answers_may_be_0_or_100(value, draft):
    assert PollDraft.from_dict(draft(min_responses=value)).min_responses == value


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_allowing_a_change_must_be_true_or_false(value, draft):
    assert refusal(draft(allow_change=value)).field == "allow_change"


@pytest.mark.parametrize("value", ["sometimes", "", None, 1])
def test_results_visibility_must_be_a_known_one(value, draft):
    assert refusal(draft(results_visibility=value)).field == "results_visibility"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
DRAFT_KEYS = ["kind", "question", "options", "scale_max", "max_choices"]
DRAFT_KEYS += ["results_visibility", "min_responses", "allow_change"]
DRAFT_KEYS += ["scale_min_label", "scale_max_label", "poll_id"]
DRAFT_VALUES = JSON | st.sampled_from(
    ["single", "multiple", "rating", "ranking", "live", 5, 10, ["A", "B", "C"]]
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(DRAFT_KEYS) | st.text(max_size=5), DRAFT_VALUES, max_size=12
    )
)
def test_checking_any_object_as_a_draft_only_ever_refuses_with_invalid_input(payload):
    try:
        checked = PollDraft.from_dict(payload)
    except InvalidInput as error:
        assert error.message
    else:
        assert checked.checked() == checked


# Creating and changing polls


def test_a_new_poll_is_a_draft_at_the_end_of_the_list(make_poll):
    first, second = make_poll(open=False), make_poll("rating", open=False)
    assert (first.status, second.status) == (PollStatus.DRAFT, PollStatus.DRAFT)
    assert (first.position, second.position) == (0, 1)


def test_a_new_poll_keeps_its_options_in_order(make_poll):
    poll = make_poll("ranking", open=False)
    assert [(o.label, o.position) for o in poll.options] == [
        ("Cafe", 0),
        ("Gym", 1),
        ("Choir", 2),
    ]


def test_a_poll_in_an_unknown_session_is_not_found(db, host, draft):
    with pytest.raises(NotFound):
        polls.create_poll(db, host, 4242, PollDraft.from_dict(draft()))


def test_a_draft_built_in_code_is_checked_too(db, host, live):
    with pytest.raises(InvalidInput):
        polls.create_poll(db, host, live.id, PollDraft(kind="single", question="Q?"))


def test_a_poll_can_be_rewritten_before_anyone_answers(db, host, make_poll, draft):
    poll = make_poll(open=False)
    polls.update_poll(
        db, host, poll.id, PollDraft.from_dict(draft("multiple", max_choices=2))
    )
    assert (poll.kind, poll.max_choices) == ("multiple", 2)
    assert [o.label for o in poll.options] == draft("multiple")["options"]


def test_rewriting_a_poll_removes_its_old_options(db, host, make_poll, draft):
    poll = make_poll(open=False)
    polls.update_poll(db, host, poll.id, PollDraft.from_dict(draft("rating")))
    assert db.scalar(select(func.count(PollOption.id))) == 0


def test_an_open_poll_nobody_answered_can_be_rewritten(db, host, make_poll, draft):
    poll = make_poll()
    polls.update_poll(db, host, poll.id, PollDraft.from_dict(draft(question="New?")))
    assert poll.question == "New?"


def test_an_answered_poll_cannot_be_rewritten(db, host, make_poll, participant, draft):
    poll = make_poll()
    votes.cast_vote(db, participant, poll.id, {"option_ids": [poll.options[0].id]})
    with pytest.raises(Conflict, match="already answered"):
        polls.update_poll(db, host, poll.id, PollDraft.from_dict(draft(question="?!")))


def test_polls_can_be_put_in_a_new_order(db, host, live, make_poll):
    a, b, c = (make_poll(open=False) for _ in range(3))
    polls.reorder_polls(db, host, live.id, [c.id, a.id, b.id])
    listed = polls.list_polls(db, live.id, include_drafts=True)
    assert listed == [c, a, b]


@pytest.mark.parametrize("which", ["missing", "extra"])
def test_reordering_must_name_exactly_the_sessions_polls(
    db, host, live, make_poll, make_session, which
):
    a, b = make_poll(open=False), make_poll(open=False)
    ids = [a.id] if which == "missing" else [a.id, b.id]
    if which == "extra":
        ids.append(make_poll(session=make_session(), open=False).id)
    with pytest.raises(Conflict, match="changed"):
        polls.reorder_polls(db, host, live.id, ids)


@pytest.mark.parametrize("ids", ["1,2", None, [1, 1], [1, "2"], [True]])
def test_reordering_needs_a_list_of_distinct_ids(db, host, live, ids):
    with pytest.raises(InvalidInput):
        polls.reorder_polls(db, host, live.id, ids)


# Lifecycle


def test_opening_a_draft_takes_answers(db, host, make_poll):
    poll = polls.open_poll(db, host, make_poll(open=False).id)
    assert poll.status == PollStatus.OPEN
    assert poll.opened_at is not None


def test_several_polls_may_be_open_at_once(make_poll):
    assert {make_poll().status, make_poll("rating").status} == {PollStatus.OPEN}


@pytest.mark.parametrize("state", ["scheduled", "ended"])
def test_a_poll_cannot_open_in_a_session_that_is_not_live(
    db, host, make_session, make_poll, state
):
    live = make_session(start=False)
    if state == "ended":
        sessions.change_session_state(db, host, live.id, "start")
        sessions.change_session_state(db, host, live.id, "end")
    poll = make_poll(session=live, open=False)
    with pytest.raises(Conflict, match="Start the session"):
        polls.open_poll(db, host, poll.id)


def test_opening_an_open_poll_is_a_conflict(db, host, make_poll):
    with pytest.raises(Conflict, match="already open"):
        polls.open_poll(db, host, make_poll().id)


def test_opening_a_closed_poll_asks_for_a_reopen(db, host, make_poll):
    poll = polls.close_poll(db, host, make_poll().id)
    with pytest.raises(Conflict, match="reopen"):
        polls.open_poll(db, host, poll.id)


def test_closing_an_open_poll_stops_it(db, host, make_poll):
    poll = polls.close_poll(db, host, make_poll().id)
    assert poll.status == PollStatus.CLOSED
    assert poll.closed_at is not None


def test_closing_a_draft_is_a_conflict(db, host, make_poll):
    with pytest.raises(Conflict):
        polls.close_poll(db, host, make_poll(open=False).id)


def test_reopening_a_closed_poll_opens_it_again(db, host, make_poll):
    poll = polls.close_poll(db, host, make_poll().id)
    polls.reopen_poll(db, host, poll.id)
    assert (poll.status, poll.closed_at) == (PollStatus.OPEN, None)


def test_reopening_an_open_poll_is_a_conflict(db, host, make_poll):
    with pytest.raises(Conflict):
        polls.reopen_poll(db, host, make_poll().id)


def test_reopening_after_the_session_ended_is_a_conflict(db, host, live, make_poll):
    poll = polls.close_poll(db, host, make_poll().id)
    sessions.change_session_state(db, host, live.id, "end")
    with pytest.raises(Conflict):
        polls.reopen_poll(db, host, poll.id)


def test_deleting_a_draft_removes_it_and_its_options(db, host, make_poll):
    poll = make_poll(open=False)
    polls.delete_poll(db, host, poll.id)
    assert db.scalar(select(func.count(Poll.id))) == 0
    assert db.scalar(select(func.count(PollOption.id))) == 0


def test_deleting_a_poll_that_was_opened_is_a_conflict(db, host, make_poll):
    with pytest.raises(Conflict, match="draft"):
        polls.delete_poll(db, host, make_poll().id)


def test_others_see_only_polls_that_are_not_drafts(db, live, make_poll):
    shown, _draft = make_poll(), make_poll(open=False)
    assert polls.list_polls(db, live.id, include_drafts=False) == [shown]


@pytest.mark.parametrize("poll_id", [9999, "1", None, 2**64, False])
def test_an_unknown_poll_is_not_found(db, host, poll_id):
    with pytest.raises(NotFound):
        polls.open_poll(db, host, poll_id)


HOST_ACTIONS = {
    "create": lambda db, actor, poll: polls.create_poll(
        db, actor, poll.session_id, PollDraft(kind="word_cloud", question="New?")
    ),
    "update": lambda db, actor, poll: polls.update_poll(
        db, actor, poll.id, PollDraft(kind="word_cloud", question="New?")
    ),
    "reorder": lambda db, actor, poll: polls.reorder_polls(
        db, actor, poll.session_id, [poll.id]
    ),
    "open": lambda db, actor, poll: polls.open_poll(db, actor, poll.id),
    "close": lambda db, actor, poll: polls.close_poll(db, actor, poll.id),
    "reopen": lambda db, actor, poll: polls.reopen_poll(db, actor, poll.id),
    "delete": lambda db, actor, poll: polls.delete_poll(db, actor, poll.id),
}


@pytest.fixture
def poll_for(db, host, make_poll):
    """A poll in the state the action starts from."""

    def make(action):
        poll = make_poll(open=action in ("close", "reopen"))
        if action == "reopen":
            polls.close_poll(db, host, poll.id)
        return poll

    return make


@pytest.mark.parametrize("action", sorted(HOST_ACTIONS))
def test_every_poll_action_is_recorded_in_the_audit_log(db, host, poll_for, action):
    poll = poll_for(action)
    HOST_ACTIONS[action](db, host, poll)
    entry = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == f"poll.{action}"
    assert (entry.user_id, entry.session_id) == (host.id, poll.session_id)


@pytest.mark.parametrize("action", sorted(HOST_ACTIONS))
def test_only_a_host_may_run_polls(db, outsider, poll_for, action):
    poll = poll_for(action)
    before = (poll.status, poll.question, poll.position)
    polls_before = db.scalar(select(func.count(Poll.id)))
    with pytest.raises(Forbidden):
        HOST_ACTIONS[action](db, outsider, poll)
    assert (poll.status, poll.question, poll.position) == before
    assert db.scalar(select(func.count(Poll.id))) == polls_before
