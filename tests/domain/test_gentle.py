"""Gentler sessions: content notes, results that wait for everyone, quiet mode."""

from __future__ import annotations

import pytest

from cafe.domain import gentle, payloads, tallies, votes
from cafe.domain.errors import Conflict, Forbidden, InvalidInput

WAIT = "everyone_answered"


def test_a_content_note_is_part_of_the_poll(db, host, make_poll):
    poll = make_poll("rating")
    gentle.set_poll_care(db, host, poll.id, "Asks about your drinking", "standard")
    assert payloads.poll_payload(poll)["content_note"] == "Asks about your drinking"


def test_a_content_note_has_a_length_limit(db, host, make_poll):
    with pytest.raises(InvalidInput):
        gentle.set_poll_care(db, host, make_poll().id, "x" * 301, "standard")


def test_an_unknown_reveal_mode_is_refused(db, host, make_poll):
    with pytest.raises(InvalidInput):
        gentle.set_poll_care(db, host, make_poll().id, "", "whenever")


def test_only_hosts_set_a_content_note(db, outsider, make_poll):
    with pytest.raises(Forbidden):
        gentle.set_poll_care(db, outsider, make_poll().id, "", "standard")


def _room_sees(db, poll, present):
    full = tallies.results_for_poll(db, poll)
    return tallies.public_results(poll, full, present=present)


def test_results_wait_until_everyone_present_has_answered(db, host, join, make_poll):
    poll = make_poll("single")
    gentle.set_poll_care(db, host, poll.id, "", WAIT)
    option = {"option_ids": [poll.options[0].id]}
    votes.cast_vote(db, join(), poll.id, option)
    waiting = _room_sees(db, poll, present=2)
    assert (waiting["shown"], waiting["withheld_reason"]) == (
        False,
        "waiting_for_everyone",
    )
    votes.cast_vote(db, join(), poll.id, option)
    assert _room_sees(db, poll, present=2)["shown"] is True


def test_with_nobody_present_results_wait_for_the_host(db, host, join, make_poll):
    poll = make_poll("single")
    gentle.set_poll_care(db, host, poll.id, "", WAIT)
    votes.cast_vote(db, join(), poll.id, {"option_ids": [poll.options[0].id]})
    assert _room_sees(db, poll, present=0)["shown"] is False


def test_a_host_can_reveal_results_before_everyone_answers(db, host, join, make_poll):
    poll = make_poll("single")
    gentle.set_poll_care(db, host, poll.id, "", WAIT)
    votes.cast_vote(db, join(), poll.id, {"option_ids": [poll.options[0].id]})
    gentle.reveal_results(db, host, poll.id)
    assert _room_sees(db, poll, present=30)["shown"] is True
    assert payloads.poll_payload(poll)["revealed"] is True


def test_revealing_a_poll_that_does_not_wait_is_refused(db, host, make_poll):
    with pytest.raises(Conflict):
        gentle.reveal_results(db, host, make_poll().id)


def test_hosts_always_see_results_that_wait(db, host, live, join, make_poll):
    poll = make_poll("single")
    gentle.set_poll_care(db, host, poll.id, "", WAIT)
    votes.cast_vote(db, join(), poll.id, {"option_ids": [poll.options[0].id]})
    state = payloads.session_state(db, live, viewer_kind="host", participant_count=9)
    assert state["results"][str(poll.id)]["shown"] is True


def test_quiet_mode_is_part_of_the_session(db, host, live):
    gentle.set_quiet_mode(db, host, live.id, True)
    assert payloads.session_payload(live)["quiet"] is True
    gentle.set_quiet_mode(db, host, live.id, False)
    assert payloads.session_payload(live)["quiet"] is False


def test_quiet_mode_needs_a_yes_or_no(db, host, live):
    with pytest.raises(InvalidInput):
        gentle.set_quiet_mode(db, host, live.id, "yes")
