"""Live Q&A rules: asking, upvoting, moderating and listing questions."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cafe.domain import questions, sessions
from cafe.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from cafe.domain.profanity import ProfanityFilter
from cafe.models import AuditEntry, Participant, QuestionStatus


def audit_actions(db, target_id=None):
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    entries = db.scalars(stmt).all()
    return [e for e in entries if target_id is None or e.target_id == target_id]


# Asking


def test_a_question_in_a_post_moderated_session_is_live_at_once(ask):
    assert ask().status == QuestionStatus.LIVE


def test_a_question_in_a_pre_moderated_session_waits_for_approval(db, join, pre_live):
    question = questions.ask_question(db, join(pre_live), "Is there parking?")
    assert question.status == QuestionStatus.PENDING


def test_a_question_is_kept_without_surrounding_spaces(ask):
    assert ask("  Is there parking?\n ").body == "Is there parking?"


@pytest.mark.parametrize("body", ["", "   \n", None, 42, ["a question"]])
def test_a_question_without_text_is_refused(ask, body):
    with pytest.raises(InvalidInput) as error:
        ask(body)
    assert error.value.field == "body"


def test_a_question_over_the_length_limit_is_refused(ask):
    with pytest.raises(InvalidInput, match="500 characters"):
        ask("x" * 501)


def test_a_question_at_the_length_limit_is_accepted(ask):
    assert len(ask("x" * 500).body) == 500


def test_a_shorter_length_limit_can_be_set(db, participant):
    with pytest.raises(InvalidInput):
        questions.ask_question(db, participant, "x" * 11, max_length=10)


@pytest.mark.parametrize("bad", ["\x00", "\ud800"], ids=["nul", "lone-surrogate"])
def test_a_question_with_characters_that_cannot_be_stored_is_refused(ask, bad):
    with pytest.raises(InvalidInput):
        ask(f"Is there{bad} parking?")


def test_a_question_with_a_swear_word_is_refused_kindly(db, participant):
    with pytest.raises(InvalidInput, match="without swearing") as error:
        questions.ask_question(
            db,
            participant,
            "Why the f*ck not? Sh1t",
            profanity=ProfanityFilter.default(),
        )
    assert error.value.field == "body"


def test_a_question_is_not_filtered_without_a_profanity_filter(ask):
    assert ask("This is shit").status == QuestionStatus.LIVE


def test_a_question_is_refused_while_questions_are_closed(db, host, live, ask):
    questions.set_questions_open(db, host, live.id, False)
    with pytest.raises(Conflict, match="closed"):
        ask()


def test_a_question_is_refused_after_the_session_ended(db, host, live, ask):
    sessions.change_session_state(db, host, live.id, "end")
    with pytest.raises(Conflict, match="not live"):
        ask()


def test_a_question_is_refused_before_the_session_started(db, make_session, join):
    scheduled = make_session(start=False)
    with pytest.raises(Conflict):
        questions.ask_question(db, join(scheduled), "Hello?")


# Upvotes


def test_upvoting_twice_counts_once(db, ask, join):
    question = ask()
    voter = join()
    questions.upvote(db, voter, question.id)
    questions.upvote(db, voter, question.id)
    assert questions.count_upvotes(db, question.id) == 1


def test_an_upvote_racing_an_identical_one_is_absorbed(db, ask, join, monkeypatch):
    question = ask()
    voter = join()
    questions.upvote(db, voter, question.id)
    # As if another request inserted the row between the check and the insert.
    monkeypatch.setattr(questions, "_upvote_of", lambda *args: None)
    questions.upvote(db, voter, question.id)
    assert questions.count_upvotes(db, question.id) == 1


def test_the_session_stays_usable_after_an_absorbed_race(db, ask, join, monkeypatch):
    question = ask()
    voter = join()
    questions.upvote(db, voter, question.id)
    monkeypatch.setattr(questions, "_upvote_of", lambda *args: None)
    questions.upvote(db, voter, question.id)
    monkeypatch.undo()
    questions.upvote(db, join(), question.id)
    assert questions.count_upvotes(db, question.id) == 2


@pytest.mark.postgres
def test_an_upvote_race_on_postgresql_keeps_one_row_and_the_transaction_usable(
    pg_engine, builders, monkeypatch
):
    with Session(pg_engine, expire_on_commit=False) as setup:
        host = builders.host(setup)
        live = builders.session(setup, host)
        voter = builders.join(setup, live)
        question = questions.ask_question(setup, voter, "Is there parking?")
        setup.commit()
    with Session(pg_engine) as first, Session(pg_engine) as second:
        questions.upvote(second, second.get(Participant, voter.id), question.id)
        second.commit()
        # The first request checked before the second committed its row.
        monkeypatch.setattr(questions, "_upvote_of", lambda *args: None)
        me = first.get(Participant, voter.id)
        questions.upvote(first, me, question.id)
        questions.ask_question(first, me, "And is it free?")
        first.commit()
    with Session(pg_engine) as check:
        assert questions.count_upvotes(check, question.id) == 1
        assert len(questions.my_questions(check, check.get(Participant, voter.id))) == 2


def test_removing_an_upvote_takes_it_back(db, ask, join):
    question = ask()
    voter = join()
    questions.upvote(db, voter, question.id)
    questions.remove_upvote(db, voter, question.id)
    assert questions.count_upvotes(db, question.id) == 0


def test_removing_an_upvote_twice_is_harmless(db, ask, join):
    question = ask()
    voter = join()
    questions.upvote(db, voter, question.id)
    questions.remove_upvote(db, voter, question.id)
    questions.remove_upvote(db, voter, question.id)
    assert questions.count_upvotes(db, question.id) == 0


def test_a_participant_may_upvote_their_own_question(db, ask, participant):
    question = ask()
    questions.upvote(db, participant, question.id)
    assert questions.count_upvotes(db, question.id) == 1


def test_an_answered_question_can_still_be_upvoted(db, host, ask, join):
    question = ask()
    questions.answer_question(db, host, question.id)
    questions.upvote(db, join(), question.id)
    assert questions.count_upvotes(db, question.id) == 1


def test_a_question_of_another_session_cannot_be_upvoted(db, ask, join, make_session):
    question = ask()
    stranger = join(make_session())
    with pytest.raises(NotFound):
        questions.upvote(db, stranger, question.id)


def test_a_waiting_question_is_unknown_to_other_participants(db, join, pre_live):
    question = questions.ask_question(db, join(pre_live), "Is there parking?")
    with pytest.raises(NotFound):
        questions.upvote(db, join(pre_live), question.id)


def test_a_waiting_question_cannot_be_upvoted_by_its_author(db, join, pre_live):
    author = join(pre_live)
    question = questions.ask_question(db, author, "Is there parking?")
    with pytest.raises(Conflict):
        questions.upvote(db, author, question.id)


@pytest.mark.parametrize("move", ["hide", "close"])
def test_a_question_taken_off_the_list_cannot_be_upvoted(db, host, ask, join, move):
    question = ask()
    if move == "hide":
        questions.hide_question(db, host, question.id, "Off topic")
    else:
        questions.close_question(db, host, question.id)
    with pytest.raises(Conflict):
        questions.upvote(db, join(), question.id)


@pytest.mark.parametrize("question_id", [987654, "1", None, 2**70, True, 1.0, -1])
def test_upvoting_an_unknown_question_id_is_not_found(db, participant, question_id):
    with pytest.raises(NotFound):
        questions.upvote(db, participant, question_id)


def test_upvoting_is_refused_after_the_session_ended(db, host, live, ask, join):
    question = ask()
    sessions.change_session_state(db, host, live.id, "end")
    with pytest.raises(Conflict):
        questions.upvote(db, join(), question.id)


# Host actions


def test_approving_shows_a_waiting_question(db, host, join, pre_live):
    question = questions.ask_question(db, join(pre_live), "Is there parking?")
    questions.approve_question(db, host, question.id)
    assert question.status == QuestionStatus.LIVE


def test_approving_a_question_that_is_not_waiting_is_a_conflict(db, host, ask):
    with pytest.raises(Conflict, match="waiting for approval"):
        questions.approve_question(db, host, ask().id)


def test_editing_changes_the_text_and_marks_it_edited(db, host, ask):
    question = questions.edit_question(db, host, ask("Parkng?").id, " Parking? ")
    assert (question.body, question.edited) == ("Parking?", True)


def test_editing_keeps_the_original_text_in_the_audit_log(db, host, ask):
    question = ask("My name is Sam Smith, is there parking?")
    questions.edit_question(db, host, question.id, "Is there parking?")
    entry = audit_actions(db, question.id)[-1]
    assert entry.action == "question.edit"
    assert entry.details["original"] == "My name is Sam Smith, is there parking?"


def test_editing_to_the_same_text_changes_nothing(db, host, ask):
    question = questions.edit_question(db, host, ask("Parking?").id, "Parking?")
    assert question.edited is False


def test_editing_to_an_empty_text_is_refused(db, host, ask):
    with pytest.raises(InvalidInput):
        questions.edit_question(db, host, ask().id, "  ")


def test_hiding_records_the_reason_and_unpins(db, host, ask):
    question = ask()
    questions.pin_question(db, host, question.id, True)
    questions.hide_question(db, host, question.id, "  Names a person ")
    assert question.status == QuestionStatus.HIDDEN
    assert (question.hidden_reason, question.pinned) == ("Names a person", False)


def test_hiding_a_waiting_question_rejects_it(db, host, join, pre_live):
    question = questions.ask_question(db, join(pre_live), "Is there parking?")
    questions.hide_question(db, host, question.id, "Asked already")
    assert question.status == QuestionStatus.HIDDEN


@pytest.mark.parametrize("reason", ["", "   ", None, 3])
def test_hiding_needs_a_reason(db, host, ask, reason):
    with pytest.raises(InvalidInput) as error:
        questions.hide_question(db, host, ask().id, reason)
    assert error.value.field == "reason"


def test_hiding_with_a_reason_over_200_characters_is_refused(db, host, ask):
    with pytest.raises(InvalidInput, match="200"):
        questions.hide_question(db, host, ask().id, "x" * 201)


def test_hiding_a_hidden_question_is_a_conflict(db, host, ask):
    question = ask()
    questions.hide_question(db, host, question.id, "Off topic")
    with pytest.raises(Conflict, match="already hidden"):
        questions.hide_question(db, host, question.id, "Off topic")


def test_answering_marks_a_live_question_answered(db, host, ask):
    question = questions.answer_question(db, host, ask().id)
    assert question.status == QuestionStatus.ANSWERED
    assert question.answered_at is not None


def test_answering_a_waiting_question_is_a_conflict(db, host, join, pre_live):
    question = questions.ask_question(db, join(pre_live), "Is there parking?")
    with pytest.raises(Conflict, match="live question"):
        questions.answer_question(db, host, question.id)


def test_pinning_a_question_unpins_the_others_of_its_session(db, host, ask):
    first, second = ask("First?"), ask("Second?")
    questions.pin_question(db, host, first.id, True)
    questions.pin_question(db, host, second.id, True)
    assert (first.pinned, second.pinned) == (False, True)


def test_pinning_leaves_other_sessions_alone(db, host, ask, join, make_session):
    elsewhere = questions.ask_question(db, join(make_session()), "Elsewhere?")
    questions.pin_question(db, host, elsewhere.id, True)
    questions.pin_question(db, host, ask().id, True)
    assert elsewhere.pinned is True


def test_unpinning_a_question(db, host, ask):
    question = ask()
    questions.pin_question(db, host, question.id, True)
    questions.pin_question(db, host, question.id, False)
    assert question.pinned is False


def test_pinning_a_waiting_question_is_a_conflict(db, host, join, pre_live):
    question = questions.ask_question(db, join(pre_live), "Is there parking?")
    with pytest.raises(Conflict):
        questions.pin_question(db, host, question.id, True)


@pytest.mark.parametrize("pinned", ["yes", 1, None])
def test_pinning_needs_true_or_false(db, host, ask, pinned):
    with pytest.raises(InvalidInput):
        questions.pin_question(db, host, ask().id, pinned)


def test_a_reply_is_stored_trimmed(db, host, ask):
    question = questions.reply_to_question(db, host, ask().id, " Yes, at the back. ")
    assert question.reply == "Yes, at the back."


def test_an_empty_reply_clears_the_reply(db, host, ask):
    question = ask()
    questions.reply_to_question(db, host, question.id, "Yes.")
    questions.reply_to_question(db, host, question.id, "")
    assert question.reply is None


def test_a_reply_over_1000_characters_is_refused(db, host, ask):
    with pytest.raises(InvalidInput, match="1000"):
        questions.reply_to_question(db, host, ask().id, "x" * 1001)


def test_closing_takes_a_question_off_the_public_list(db, host, live, ask):
    question = questions.close_question(db, host, ask().id)
    assert question.status == QuestionStatus.CLOSED
    assert questions.list_questions(db, live.id, include_private=False) == []


def test_closing_a_waiting_question_is_a_conflict(db, host, join, pre_live):
    question = questions.ask_question(db, join(pre_live), "Is there parking?")
    with pytest.raises(Conflict):
        questions.close_question(db, host, question.id)


@pytest.mark.parametrize("move", ["close", "hide", "answer"])
def test_reopening_puts_a_question_back_live(db, host, ask, move):
    question = ask()
    if move == "hide":
        questions.hide_question(db, host, question.id, "Off topic")
    else:
        getattr(questions, f"{move}_question")(db, host, question.id)
    questions.reopen_question(db, host, question.id)
    assert question.status == QuestionStatus.LIVE
    assert (question.hidden_reason, question.answered_at) == (None, None)


def test_reopening_a_live_question_is_a_conflict(db, host, ask):
    with pytest.raises(Conflict, match="reopened"):
        questions.reopen_question(db, host, ask().id)


def test_closing_questions_for_the_session(db, host, live):
    assert (
        questions.set_questions_open(db, host, live.id, False).questions_open is False
    )


def test_opening_questions_again(db, host, live):
    questions.set_questions_open(db, host, live.id, False)
    assert questions.set_questions_open(db, host, live.id, True).questions_open is True


def test_opening_questions_needs_true_or_false(db, host, live):
    with pytest.raises(InvalidInput):
        questions.set_questions_open(db, host, live.id, "no")


HOST_ACTIONS = {
    "approve": lambda db, actor, q: questions.approve_question(db, actor, q.id),
    "edit": lambda db, actor, q: questions.edit_question(db, actor, q.id, "New?"),
    "hide": lambda db, actor, q: questions.hide_question(db, actor, q.id, "Rude"),
    "answer": lambda db, actor, q: questions.answer_question(db, actor, q.id),
    "pin": lambda db, actor, q: questions.pin_question(db, actor, q.id, True),
    "reply": lambda db, actor, q: questions.reply_to_question(db, actor, q.id, "Yes"),
    "close": lambda db, actor, q: questions.close_question(db, actor, q.id),
    "reopen": lambda db, actor, q: questions.reopen_question(db, actor, q.id),
    "questions_open": lambda db, actor, q: questions.set_questions_open(
        db, actor, q.session_id, False
    ),
}
# The state each action starts from: pending for approval, closed for reopening.
SETUP = {"approve": "pending", "reopen": "closed"}


@pytest.fixture
def question_for(db, host, join, make_session):
    def make(action):
        live = make_session(moderation="pre" if action == "approve" else "post")
        question = questions.ask_question(db, join(live), "Is there parking?")
        if SETUP.get(action) == "closed":
            questions.close_question(db, host, question.id)
        return question

    return make


@pytest.mark.parametrize("action", sorted(HOST_ACTIONS))
def test_every_host_action_is_recorded_in_the_audit_log(db, host, question_for, action):
    question = question_for(action)
    before = len(audit_actions(db))
    HOST_ACTIONS[action](db, host, question)
    entry = audit_actions(db)[-1]
    assert len(audit_actions(db)) == before + 1
    assert (entry.user_id, entry.session_id) == (host.id, question.session_id)


@pytest.mark.parametrize("action", sorted(HOST_ACTIONS))
def test_only_a_host_may_moderate_questions(db, outsider, question_for, action):
    question = question_for(action)
    snapshot = (question.status, question.body, question.pinned, question.reply)
    with pytest.raises(Forbidden):
        HOST_ACTIONS[action](db, outsider, question)
    assert (question.status, question.body, question.pinned, question.reply) == snapshot


def test_a_host_action_on_an_unknown_question_is_not_found(db, host):
    with pytest.raises(NotFound):
        questions.answer_question(db, host, 424242)


# Lists and counts


def upvote_by(db, join, question, voters):
    for _ in range(voters):
        questions.upvote(db, join(), question.id)


def test_top_sort_puts_the_most_upvoted_first_then_the_newest(db, live, ask, join):
    old, popular, new = ask("Old?"), ask("Popular?"), ask("New?")
    upvote_by(db, join, popular, 2)
    listed = questions.list_questions(db, live.id, include_private=False)
    assert listed == [popular, new, old]


def test_recent_sort_puts_the_newest_first(db, live, ask, join):
    old, new = ask("Old?"), ask("New?")
    upvote_by(db, join, old, 2)
    listed = questions.list_questions(db, live.id, include_private=False, sort="recent")
    assert listed == [new, old]


def test_the_public_list_leaves_out_waiting_hidden_and_closed_questions(
    db, host, make_session, join
):
    pre = make_session(moderation="pre")
    asked = [questions.ask_question(db, join(pre), f"Q{i}?") for i in range(5)]
    for q in asked[:3]:
        questions.approve_question(db, host, q.id)
    questions.hide_question(db, host, asked[1].id, "Off topic")
    questions.close_question(db, host, asked[2].id)
    questions.answer_question(db, host, asked[0].id)
    public = questions.list_questions(db, pre.id, include_private=False)
    assert public == [asked[0]]


def test_the_private_list_holds_every_question(db, join, pre_live):
    asked = [questions.ask_question(db, join(pre_live), f"Q{i}?") for i in range(3)]
    listed = questions.list_questions(db, pre_live.id, include_private=True)
    assert sorted(q.id for q in listed) == sorted(q.id for q in asked)


def test_an_unknown_sort_is_refused(db, live):
    with pytest.raises(InvalidInput):
        questions.list_questions(db, live.id, include_private=False, sort="best")


def test_upvote_counts_include_questions_nobody_upvoted(db, live, ask, join):
    liked, ignored = ask("Liked?"), ask("Ignored?")
    upvote_by(db, join, liked, 3)
    assert questions.upvote_counts(db, live.id) == {liked.id: 3, ignored.id: 0}


def test_public_upvote_counts_leave_out_questions_that_are_not_public(
    db, host, live, ask
):
    shown, hidden = ask("Shown?"), ask("Hidden?")
    questions.hide_question(db, host, hidden.id, "Off topic")
    assert questions.upvote_counts(db, live.id, public_only=True) == {shown.id: 0}


def test_my_upvotes_are_the_questions_i_upvoted(db, ask, participant):
    liked, _other = ask("Liked?"), ask("Other?")
    questions.upvote(db, participant, liked.id)
    assert questions.my_upvotes(db, participant) == {liked.id}


def test_my_questions_include_my_hidden_ones_and_nobody_elses(
    db, host, ask, join, participant
):
    mine = ask("Mine?")
    questions.hide_question(db, host, mine.id, "Off topic")
    ask("Theirs?", by=join())
    assert questions.my_questions(db, participant) == [mine]
