"""Payload shapes match the Shapes section of docs/protocol.md."""

from __future__ import annotations

from datetime import datetime

import pytest

from cafe.domain import payloads, polls, questions, votes
from cafe.domain.errors import InvalidInput

SESSION_KEYS = {
    "id",
    "title",
    "join_code",
    "state",
    "moderation_mode",
    "questions_open",
    "quiet",
}
QUESTION_KEYS = {"id", "body", "status", "upvotes", "pinned", "edited", "reply"}
QUESTION_KEYS |= {"author", "created_at"}
POLL_KEYS = {"id", "kind", "question", "status", "results_visibility"}
POLL_KEYS |= {"min_responses", "allow_change", "max_choices", "scale_max"}
POLL_KEYS |= {"scale_min_label", "scale_max_label", "position", "options"}
POLL_KEYS |= {"content_note", "reveal_mode", "revealed"}
STATE_KEYS = {"session", "viewer", "questions", "polls", "results", "my_upvotes"}
STATE_KEYS |= {"my_answers", "participant_count"}
STATE_KEYS |= {"my_answer_notes", "support", "mutes", "muted"}


def test_a_session_has_the_documented_fields(live):
    payload = payloads.session_payload(live)
    assert set(payload) == SESSION_KEYS
    assert (payload["state"], payload["moderation_mode"]) == ("live", "post")


def test_a_public_question_has_the_documented_fields(ask):
    payload = payloads.question_payload(ask(), 3)
    assert set(payload) == QUESTION_KEYS
    assert (payload["status"], payload["upvotes"]) == ("live", 3)


@pytest.mark.parametrize("viewer", ["for_host", "for_author"])
def test_hosts_and_the_author_see_why_a_question_was_hidden(db, host, ask, viewer):
    question = questions.hide_question(db, host, ask().id, "Names a person")
    payload = payloads.question_payload(question, 0, **{viewer: True})
    assert payload["hidden_reason"] == "Names a person"


def test_others_are_not_told_why_a_question_was_hidden(db, host, ask):
    question = questions.hide_question(db, host, ask().id, "Names a person")
    assert "hidden_reason" not in payloads.question_payload(question, 0)


def test_the_author_is_the_name_they_chose(db, join):
    named = join(name="Sam")
    question = questions.ask_question(db, named, "Is there parking?")
    assert payloads.question_payload(question, 0)["author"] == "Sam"


def test_an_anonymous_author_is_never_shown_by_pseudonym(ask, participant):
    payload = payloads.question_payload(ask(), 0, for_host=True)
    assert payload["author"] is None
    assert participant.pseudonym not in str(payload.values())


def test_times_are_iso_8601_in_utc_with_a_z():
    assert payloads.timestamp(datetime(2030, 5, 1, 18, 0)) == "2030-05-01T18:00:00.000Z"


def test_a_missing_time_stays_missing():
    assert payloads.timestamp(None) is None


def test_a_question_whose_author_was_erased_has_no_author(db, join):
    named = join(name="Sam")
    question = questions.ask_question(db, named, "Is there parking?")
    db.delete(named)
    db.flush()
    db.expire(question)
    assert payloads.question_payload(question, 0)["author"] is None


def test_a_question_time_can_be_read_back(ask):
    created = payloads.question_payload(ask(), 0)["created_at"]
    assert datetime.fromisoformat(created.replace("Z", "+00:00")).tzinfo is not None


def test_a_poll_has_the_documented_fields(make_poll):
    poll = make_poll("rating", scale_max=10, scale_min_label="Poor")
    payload = payloads.poll_payload(poll)
    assert set(payload) == POLL_KEYS
    assert (payload["kind"], payload["scale_max"], payload["status"]) == (
        "rating",
        10,
        "open",
    )


def test_poll_options_carry_only_id_and_label(make_poll):
    options = payloads.poll_payload(make_poll())["options"]
    assert options[0] == {"id": options[0]["id"], "label": "Mon"}


# Session state


@pytest.fixture
def busy_session(db, host, pre_live, join, make_poll):
    """A pre-moderated session with questions in each state and three polls."""
    author, other = join(pre_live, name="Sam"), join(pre_live)
    shown = questions.ask_question(db, other, "Shown?")
    questions.approve_question(db, host, shown.id)
    waiting_mine = questions.ask_question(db, author, "Mine, waiting?")
    hidden_mine = questions.ask_question(db, author, "Mine, hidden?")
    questions.hide_question(db, host, hidden_mine.id, "Names a person")
    waiting_theirs = questions.ask_question(db, other, "Theirs, waiting?")
    questions.upvote(db, author, shown.id)
    few = make_poll(session=pre_live, min_responses=5)
    votes.cast_vote(db, author, few.id, {"option_ids": [few.options[0].id]})
    draft = make_poll("rating", session=pre_live, open=False)
    text = make_poll("open_text", session=pre_live)
    votes.cast_vote(db, other, text.id, {"text": "More evenings"})
    return {
        "live": pre_live,
        "author": author,
        "shown": shown,
        "waiting_mine": waiting_mine,
        "hidden_mine": hidden_mine,
        "waiting_theirs": waiting_theirs,
        "few": few,
        "draft": draft,
        "text": text,
    }


def state_for(db, busy, viewer_kind, **kwargs):
    return payloads.session_state(db, busy["live"], viewer_kind=viewer_kind, **kwargs)


def question_ids(state):
    return {q["id"] for q in state["questions"]}


def test_a_state_has_the_documented_fields(db, busy_session):
    state = state_for(db, busy_session, "presenter", participant_count=12)
    assert set(state) == STATE_KEYS
    assert state["participant_count"] == 12


def test_hosts_get_every_question_with_hidden_reasons(db, busy_session):
    state = state_for(db, busy_session, "host")
    assert len(state["questions"]) == 4
    assert all("hidden_reason" in q for q in state["questions"])


def test_hosts_get_every_poll_with_full_results(db, busy_session):
    state = state_for(db, busy_session, "host")
    assert [p["id"] for p in state["polls"]] == [
        busy_session[k].id for k in ("few", "draft", "text")
    ]
    assert all(r["shown"] for r in state["results"].values())


def test_hosts_see_open_text_waiting_for_approval(db, busy_session):
    state = state_for(db, busy_session, "host")
    answers = state["results"][str(busy_session["text"].id)]["answers"]
    assert [a["status"] for a in answers] == ["pending"]


def test_the_presenter_gets_public_questions_without_reasons(db, busy_session):
    state = state_for(db, busy_session, "presenter")
    assert question_ids(state) == {busy_session["shown"].id}
    assert "hidden_reason" not in state["questions"][0]
    assert state["questions"][0]["upvotes"] == 1


def test_the_presenter_gets_polls_that_are_not_drafts_with_public_results(
    db, busy_session
):
    state = state_for(db, busy_session, "presenter")
    few, text = busy_session["few"], busy_session["text"]
    assert [p["id"] for p in state["polls"]] == [few.id, text.id]
    assert state["results"][str(few.id)]["withheld_reason"] == "too_few"
    assert state["results"][str(text.id)]["answers"] == []


def test_the_presenter_has_no_answers_or_upvotes_of_its_own(db, busy_session):
    state = state_for(db, busy_session, "presenter")
    assert (state["my_upvotes"], state["my_answers"]) == ([], {})
    assert state["viewer"] == {"kind": "presenter"}


def test_a_participant_gets_public_questions_and_their_own(db, busy_session):
    state = state_for(
        db, busy_session, "participant", participant=busy_session["author"]
    )
    expected = {busy_session[k].id for k in ("shown", "waiting_mine", "hidden_mine")}
    assert question_ids(state) == expected


def test_a_participant_sees_why_their_own_question_was_hidden(db, busy_session):
    state = state_for(
        db, busy_session, "participant", participant=busy_session["author"]
    )
    mine = next(q for q in state["questions"] if q["status"] == "hidden")
    assert mine["hidden_reason"] == "Names a person"


def test_a_participant_is_not_told_reasons_for_other_questions(db, busy_session):
    state = state_for(
        db, busy_session, "participant", participant=busy_session["author"]
    )
    shown = next(q for q in state["questions"] if q["id"] == busy_session["shown"].id)
    assert "hidden_reason" not in shown


def test_a_participant_gets_their_upvotes_and_answers(db, busy_session):
    author, few = busy_session["author"], busy_session["few"]
    state = state_for(db, busy_session, "participant", participant=author)
    assert state["my_upvotes"] == [busy_session["shown"].id]
    assert state["my_answers"] == {str(few.id): {"option_ids": [few.options[0].id]}}


def test_a_participant_is_named_to_themselves(db, busy_session):
    author = busy_session["author"]
    state = state_for(db, busy_session, "participant", participant=author)
    assert state["viewer"] == {
        "kind": "participant",
        "participant_id": author.id,
        "name": "Sam",
    }


def test_a_participant_gets_no_draft_polls(db, busy_session):
    state = state_for(
        db, busy_session, "participant", participant=busy_session["author"]
    )
    assert str(busy_session["draft"].id) not in state["results"]


def test_a_closed_poll_is_still_in_the_state(db, host, busy_session):
    polls.close_poll(db, host, busy_session["text"].id)
    state = state_for(db, busy_session, "presenter")
    closed = next(p for p in state["polls"] if p["id"] == busy_session["text"].id)
    assert closed["status"] == "closed"


def test_a_session_with_nothing_in_it_has_an_empty_state(db, live):
    state = payloads.session_state(db, live, viewer_kind="host")
    assert (state["questions"], state["polls"], state["results"]) == ([], [], {})


def test_an_unknown_viewer_kind_is_refused(db, busy_session):
    with pytest.raises(InvalidInput):
        state_for(db, busy_session, "projector")


def test_a_participant_state_needs_a_participant_of_the_session(db, busy_session, join):
    with pytest.raises(InvalidInput):
        state_for(db, busy_session, "participant", participant=join())
