"""Polls over sockets: hosts control them, participants vote, tallies coalesce."""

from cafe.models import PollResponse
from tests.live.conftest import flush, received

SINGLE = {
    "kind": "single",
    "question": "Which evening suits you best?",
    "options": ["Monday", "Wednesday", "Friday"],
    "min_responses": 0,
}


def _open_poll(host, draft=SINGLE):
    poll_id = host.emit("create_poll", draft, callback=True)["poll_id"]
    assert host.emit("open_poll", {"poll_id": poll_id}, callback=True) == {"ok": True}
    return poll_id


def _option_ids(host, poll_id):
    host.emit("request_state", {}, callback=True)
    state = received(host, "session_state")[-1]
    [poll] = [p for p in state["polls"] if p["id"] == poll_id]
    return [o["id"] for o in poll["options"]]


def test_a_draft_poll_is_seen_by_hosts_only(connect_participant, host):
    participant = connect_participant()
    participant.get_received()
    ack = host.emit("create_poll", SINGLE, callback=True)
    assert ack["ok"]
    assert received(participant, "poll_updated") == []
    host.emit("open_poll", {"poll_id": ack["poll_id"]}, callback=True)
    [update] = received(participant, "poll_updated")
    assert update["poll"]["status"] == "open"


def test_many_votes_give_one_tally_per_round_with_every_vote(
    app_db, connect_participant, host
):
    poll_id = _open_poll(host)
    monday = _option_ids(host, poll_id)[0]
    voters = [connect_participant() for _ in range(6)]
    flush()
    host.get_received()
    for voter in voters:
        ack = voter.emit(
            "cast_vote",
            {"poll_id": poll_id, "answer": {"option_ids": [monday]}},
            callback=True,
        )
        assert ack["ok"]
    flush()
    tallies = received(host, "tally_updated")
    assert len(tallies) <= 2  # the timer may have run once in between
    assert tallies[-1]["results"]["n"] == 6
    assert tallies[-1]["results"]["options"][0]["count"] == 6
    assert app_db.query(PollResponse).count() == 6


def test_a_retried_vote_counts_once(app_db, connect_participant, host):
    poll_id = _open_poll(host)
    option = _option_ids(host, poll_id)[1]
    voter = connect_participant()
    vote = {"poll_id": poll_id, "answer": {"option_ids": [option]}}
    assert voter.emit("cast_vote", vote, callback=True)["ok"]
    assert voter.emit("cast_vote", vote, callback=True)["ok"]
    assert app_db.query(PollResponse).count() == 1


def test_tally_versions_only_grow(connect_participant, host):
    poll_id = _open_poll(host)
    option = _option_ids(host, poll_id)[0]
    versions = []
    for _ in range(3):
        connect_participant().emit(
            "cast_vote",
            {"poll_id": poll_id, "answer": {"option_ids": [option]}},
            callback=True,
        )
        flush()
        versions += [t["version"] for t in received(host, "tally_updated")]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)


def test_participants_see_no_results_below_the_minimum(connect_participant, host):
    poll_id = _open_poll(host, {**SINGLE, "min_responses": 5})
    option = _option_ids(host, poll_id)[0]
    voter = connect_participant()
    voter.emit(
        "cast_vote",
        {"poll_id": poll_id, "answer": {"option_ids": [option]}},
        callback=True,
    )
    flush()
    public = received(voter, "tally_updated")[-1]["results"]
    assert public["shown"] is False and public["withheld_reason"] == "too_few"
    assert "options" not in public
    assert received(host, "tally_updated")[-1]["results"]["shown"] is True


def test_a_late_vote_on_a_closed_poll_is_refused(app_db, connect_participant, host):
    poll_id = _open_poll(host)
    option = _option_ids(host, poll_id)[0]
    host.emit("close_poll", {"poll_id": poll_id}, callback=True)
    ack = connect_participant().emit(
        "cast_vote",
        {"poll_id": poll_id, "answer": {"option_ids": [option]}},
        callback=True,
    )
    assert ack["ok"] is False and ack["error"]["code"] == "conflict"
    assert app_db.query(PollResponse).count() == 0


def test_reordering_polls_is_broadcast(connect_participant, host):
    first = _open_poll(host)
    second = _open_poll(host, {**SINGLE, "question": "Which topic next?"})
    participant = connect_participant()
    participant.get_received()
    ack = host.emit("reorder_polls", {"poll_ids": [second, first]}, callback=True)
    assert ack == {"ok": True}
    assert received(participant, "polls_reordered") == [{"poll_ids": [second, first]}]


def test_open_text_answers_wait_for_approval_before_the_room_sees_them(
    app_db, staff, live, connect_participant, host
):
    from cafe.domain import sessions
    from cafe.domain.actors import Actor

    sessions.update_session(
        app_db,
        Actor.staff(staff),
        live.id,
        sessions.SessionDetails(live.title, moderation_mode="pre"),
    )
    app_db.commit()
    poll_id = _open_poll(
        host,
        {"kind": "open_text", "question": "What helped you most?", "min_responses": 0},
    )
    voter = connect_participant()
    ack = voter.emit(
        "cast_vote",
        {"poll_id": poll_id, "answer": {"text": "My sponsor"}},
        callback=True,
    )
    flush()
    assert received(voter, "tally_updated")[-1]["results"]["answers"] == []
    host.emit(
        "moderate_response",
        {"response_id": ack["response_id"], "action": "approve"},
        callback=True,
    )
    flush()
    answers = received(voter, "tally_updated")[-1]["results"]["answers"]
    assert [a["text"] for a in answers] == ["My sponsor"]
