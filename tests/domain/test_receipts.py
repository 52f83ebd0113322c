"""Receipt codes: a participant sees and deletes their own contributions."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from cafe.domain import moderation, questions, receipts, support, votes
from cafe.domain.errors import NotFound
from cafe.models import PollResponse, Question, Receipt, Upvote


def test_a_code_is_three_groups_of_four_easily_read_characters():
    code = receipts.new_code()
    assert re.fullmatch(r"[A-HJKMNP-TV-Z2-9]{4}(-[A-HJKMNP-TV-Z2-9]{4}){2}", code)


def test_only_a_hash_of_the_code_is_stored(db, participant):
    code = receipts.issue_receipt(db, participant)
    stored = db.scalar(select(Receipt.code_hash))
    assert code not in stored and receipts.normalise(code) not in stored


def test_a_code_finds_its_participant_however_it_is_typed(db, participant):
    code = receipts.issue_receipt(db, participant)
    typed = code.lower().replace("-", " ")
    assert receipts.participant_for_code(db, typed) is participant


@pytest.mark.parametrize("code", ["", "ABCD-EFGH-JKMN", None, 42])
def test_an_unknown_code_finds_nothing(db, participant, code):
    receipts.issue_receipt(db, participant)
    with pytest.raises(NotFound):
        receipts.participant_for_code(db, code)


def test_a_new_code_replaces_the_old_one(db, participant):
    old = receipts.issue_receipt(db, participant)
    new = receipts.issue_receipt(db, participant)
    assert receipts.participant_for_code(db, new) is participant
    with pytest.raises(NotFound):
        receipts.participant_for_code(db, old)


def test_the_code_lists_everything_its_holder_posted(db, participant, ask, make_poll):
    first, second = ask("Is there parking?"), ask("Is there a quiet room?")
    poll = make_poll("open_text")
    votes.cast_vote(db, participant, poll.id, {"text": "More groups"})
    support.request_support(db, participant)
    found = receipts.contributions(db, receipts.issue_receipt(db, participant))
    assert [q.id for q in found.questions] == [first.id, second.id]
    assert [r.text for _, r in found.answers] == ["More groups"]
    assert found.support_requests == 1


def test_others_contributions_are_not_listed(db, participant, join):
    other = join()
    questions.ask_question(db, other, "Someone else's question")
    found = receipts.contributions(db, receipts.issue_receipt(db, participant))
    assert found.empty


def test_the_holder_can_delete_one_question(db, participant, ask):
    question = ask()
    code = receipts.issue_receipt(db, participant)
    receipts.erase_question(db, code, question.id)
    assert db.get(Question, question.id) is None


def test_a_question_of_someone_else_cannot_be_deleted(db, participant, join):
    other = questions.ask_question(db, join(), "Theirs")
    code = receipts.issue_receipt(db, participant)
    with pytest.raises(NotFound):
        receipts.erase_question(db, code, other.id)


def test_the_holder_can_delete_one_answer(db, participant, make_poll):
    poll = make_poll("word_cloud")
    response = votes.cast_vote(db, participant, poll.id, {"text": "hope"})
    receipts.erase_answer(db, receipts.issue_receipt(db, participant), response.id)
    assert db.get(PollResponse, response.id) is None


def test_the_holder_can_delete_everything_at_once(
    db, host, live, participant, ask, join, make_poll
):
    other_question = questions.ask_question(db, join(), "Someone else's")
    questions.upvote(db, participant, other_question.id)
    asked = ask()
    poll = make_poll("single")
    votes.cast_vote(db, participant, poll.id, {"option_ids": [poll.options[0].id]})
    support.request_support(db, participant)
    moderation.mute_participant(db, host, live, participant)
    code = receipts.issue_receipt(db, participant)
    erased = receipts.erase_everything(db, code)
    assert (erased.question_ids, erased.poll_ids) == ([asked.id], [poll.id])
    assert receipts.contributions(db, code).empty
    assert db.scalar(select(Upvote)) is None
    assert db.get(Question, other_question.id) is not None


def test_deleting_is_logged_without_naming_the_author(db, host, participant, ask, live):
    question = ask()
    receipts.erase_question(db, receipts.issue_receipt(db, participant), question.id)
    [row] = moderation.moderation_log(db, host, live.id)
    assert (row.who, row.what) == ("The author", "Question deleted by its author")
