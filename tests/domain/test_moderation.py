"""Transparent moderation: reasons, hidden answers, muting and the moderation log."""

from __future__ import annotations

import pytest

from cafe.domain import moderation, questions, support, users, votes
from cafe.domain.actors import Actor
from cafe.domain.errors import Conflict, Forbidden, NotFound
from tests.conftest import PASSWORD


@pytest.fixture
def admin(db, quick_hashing):
    user = users.create_user(db, "admin@example.org", PASSWORD, "admin", "Ade")
    return Actor.staff(user)


# ----- reasons -----


def test_until_admins_set_them_the_default_reasons_apply(db):
    assert moderation.reasons(db) == list(moderation.DEFAULT_REASONS)


def test_an_admin_can_add_a_reason(db, admin):
    moderation.add_reason(db, admin, "Shares a rumour")
    assert moderation.reasons(db)[-1] == "Shares a rumour"


def test_a_facilitator_cannot_change_the_reasons(db, host):
    with pytest.raises(Forbidden):
        moderation.add_reason(db, host, "Because")


def test_the_last_reason_cannot_be_removed(db, admin):
    listed = moderation.list_reasons(db)
    for reason in listed[:-1]:
        moderation.remove_reason(db, admin, reason.id)
    with pytest.raises(Conflict):
        moderation.remove_reason(db, admin, listed[-1].id)


def test_the_author_of_a_hidden_answer_sees_the_reason(
    db, host, participant, make_poll
):
    poll = make_poll("open_text")
    response = votes.cast_vote(db, participant, poll.id, {"text": "Sack the lot"})
    votes.moderate_response(db, host, response.id, "hide", "Unkind or offensive")
    note = votes.my_answer_notes(db, participant)[poll.id]
    assert (note["status"], note["hidden_reason"]) == ("hidden", "Unkind or offensive")


# ----- muting -----


def test_a_muted_participant_cannot_ask(db, host, live, participant):
    moderation.mute_participant(db, host, live, participant)
    with pytest.raises(Forbidden) as refused:
        questions.ask_question(db, participant, "Hello?")
    assert "paused your posts" in refused.value.message


def test_a_muted_participant_cannot_give_a_text_answer(
    db, host, live, participant, make_poll
):
    poll = make_poll("open_text")
    moderation.mute_participant(db, host, live, participant)
    with pytest.raises(Forbidden):
        votes.cast_vote(db, participant, poll.id, {"text": "More groups"})


def test_a_muted_participant_can_still_vote_and_ask_for_support(
    db, host, live, participant, make_poll
):
    poll = make_poll("single")
    moderation.mute_participant(db, host, live, participant)
    votes.cast_vote(db, participant, poll.id, {"option_ids": [poll.options[0].id]})
    assert support.request_support(db, participant).id


def test_a_mute_holds_for_the_same_browser_joining_again(db, host, live, join):
    first = join()
    moderation.remember_device(db, first, "device-secret")
    moderation.mute_participant(db, host, live, first)
    again = join()
    moderation.remember_device(db, again, "device-secret")
    assert moderation.is_muted(db, again)


def test_a_mute_does_not_reach_another_browser(db, host, live, join):
    first = join()
    moderation.remember_device(db, first, "device-secret")
    moderation.mute_participant(db, host, live, first)
    other = join()
    moderation.remember_device(db, other, "another-device")
    assert not moderation.is_muted(db, other)


def test_an_unmuted_participant_can_ask_again(db, host, live, participant):
    mute = moderation.mute_participant(db, host, live, participant)
    moderation.unmute_participant(db, host, live, mute.id)
    assert questions.ask_question(db, participant, "Hello again").id


def test_muting_twice_keeps_one_mute(db, host, live, participant):
    first = moderation.mute_participant(db, host, live, participant)
    assert moderation.mute_participant(db, host, live, participant) is first


def test_only_hosts_can_mute(db, outsider, live, participant):
    with pytest.raises(Forbidden):
        moderation.mute_participant(db, outsider, live, participant)


def test_the_author_of_a_question_in_another_session_is_not_found(
    db, make_session, ask
):
    question = ask()
    with pytest.raises(NotFound):
        moderation.author_of(db, make_session(), question_id=question.id)


def test_hosts_see_a_muted_participant_by_pseudonym_only(db, host, live, join):
    named = join(name="Sam")
    mute = moderation.mute_participant(db, host, live, named)
    shown = moderation.mute_payload(db, mute)
    assert shown["pseudonym"] == named.pseudonym
    assert "Sam" not in str(shown)


# ----- the log -----


def test_the_log_says_who_did_what_when_and_why(db, host, ask, live):
    question = ask()
    questions.hide_question(db, host, question.id, "Off topic for this session")
    [row] = moderation.moderation_log(db, host, live.id)
    assert (row.who, row.what, row.why) == (
        "Hana",
        "Question hidden",
        "Off topic for this session",
    )
    assert row.item == f"question {question.id}"


def test_the_log_names_no_participant_and_quotes_no_text(db, host, live, join):
    named = join(name="Sam")
    question = questions.ask_question(db, named, "I overdosed, ring 07700 900123")
    questions.edit_question(db, host, question.id, "Edited by Sam's host")
    moderation.mute_participant(db, host, live, named)
    rows = moderation.moderation_log(db, host, live.id)
    text = " ".join(f"{r.who} {r.what} {r.why}" for r in rows)
    for secret in ("Sam", named.pseudonym, "07700", "overdosed"):
        assert secret not in text
    assert rows[-1].item == "a participant"
    assert [r.what for r in rows] == [
        "Question held for care",
        "Question edited",
        "Participant muted",
    ]
    assert rows[0].who == "Automatic check"


def test_the_log_is_for_staff_only(db, live, participant):
    with pytest.raises(Forbidden):
        moderation.moderation_log(db, Actor.participant(participant), live.id)


def test_a_commissioner_may_read_the_log(db, commissioner, live):
    assert moderation.moderation_log(db, Actor.staff(commissioner), live.id) == []
