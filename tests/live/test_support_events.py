"""Safeguarding over sockets: held messages, private support, mutes, gentler polls."""

from __future__ import annotations

import pytest

from cafe.domain import polls
from cafe.domain.actors import Actor
from cafe.domain.polls import PollDraft
from tests.live.conftest import flush, received


@pytest.fixture
def room(connect_participant, connect_staff, staff, host):
    """An author, another participant, the presenter and a host, all quiet."""
    people = {
        "author": connect_participant(),
        "other": connect_participant(),
        "presenter": connect_staff(staff, view="presenter"),
        "host": host,
    }
    for client in people.values():
        client.get_received()
    return people


def _open_poll(app_db, staff, live, kind, **fields) -> int:
    actor = Actor.staff(staff)
    draft = PollDraft.from_dict(
        {"kind": kind, "question": "One word?", "min_responses": 0, **fields}
    )
    poll = polls.create_poll(app_db, actor, live.id, draft)
    polls.open_poll(app_db, actor, poll.id)
    app_db.commit()
    return poll.id


# ----- crisis holds -----


def test_a_crisis_question_is_held_and_reaches_only_hosts_and_its_author(room):
    ack = room["author"].emit(
        "ask_question", {"body": "I think I will overdose tonight"}, callback=True
    )
    assert (ack["status"], ack["needs_care"]) == ("pending", True)
    [for_host] = received(room["host"], "question_updated")
    assert for_host["question"]["needs_care"] is True
    [mine] = received(room["author"], "my_question_updated")
    assert mine["question"]["needs_care"] is True
    for outsider in ("other", "presenter"):
        assert received(room[outsider], "question_updated") == []


def test_a_held_question_raises_an_alert_for_staff_hosts_only(room):
    room["author"].emit("ask_question", {"body": "I relapsed"}, callback=True)
    [alert] = received(room["host"], "support_updated")
    assert alert["alert"]["held"] == "question"
    assert alert["alert"]["held_text"] == "I relapsed"
    for outsider in ("other", "presenter"):
        assert received(room[outsider], "support_updated") == []


def test_a_held_word_cloud_entry_is_acked_as_needing_care_and_alerts_hosts(
    app_db, staff, live, room
):
    poll_id = _open_poll(app_db, staff, live, "word_cloud")
    ack = room["author"].emit(
        "cast_vote",
        {"poll_id": poll_id, "answer": {"text": "suicidal"}},
        callback=True,
    )
    assert ack["ok"] and ack["needs_care"] is True
    [alert] = received(room["host"], "support_updated")
    assert alert["alert"]["held"] == "answer"
    flush()
    [public] = received(room["presenter"], "tally_updated")
    assert public["results"]["words"] == []


def test_an_ordinary_answer_is_not_marked(app_db, staff, live, room):
    poll_id = _open_poll(app_db, staff, live, "word_cloud")
    ack = room["author"].emit(
        "cast_vote", {"poll_id": poll_id, "answer": {"text": "hope"}}, callback=True
    )
    assert "needs_care" not in ack


def test_a_phone_number_reaches_the_room_redacted_and_hosts_whole(room):
    room["author"].emit(
        "ask_question", {"body": "Call me on 07700 900123"}, callback=True
    )
    [public] = received(room["presenter"], "question_updated")
    assert public["question"]["body"] == "Call me on [phone number]"
    [whole] = received(room["host"], "question_updated")
    assert whole["question"]["original"] == "Call me on 07700 900123"


# ----- asking for support -----


def test_asking_for_support_alerts_staff_hosts_privately(room):
    ack = room["author"].emit(
        "request_support", {"message": "Can someone talk?"}, callback=True
    )
    assert ack["ok"] and ack["alert_id"]
    [alert] = received(room["host"], "support_updated")
    assert alert["alert"]["message"] == "Can someone talk?"
    assert alert["alert"]["pseudonym"]
    [mine] = received(room["author"], "my_support_updated")
    assert "pseudonym" not in mine["alert"]
    for outsider in ("other", "presenter"):
        assert received(room[outsider], "support_updated") == []


def test_a_host_answers_privately_and_only_the_author_hears(room):
    alert_id = room["author"].emit("request_support", {}, callback=True)["alert_id"]
    room["author"].get_received()
    ack = room["host"].emit(
        "reply_support",
        {"alert_id": alert_id, "body": "Come to the desk"},
        callback=True,
    )
    assert ack == {"ok": True}
    [mine] = received(room["author"], "my_support_updated")
    assert mine["alert"]["replies"][0]["body"] == "Come to the desk"
    assert received(room["other"], "my_support_updated") == []
    assert received(room["presenter"], "support_updated") == []


def test_a_host_sees_alerts_in_the_state_but_a_presenter_does_not(room):
    room["author"].emit("request_support", {}, callback=True)
    room["host"].emit("request_state", {}, callback=True)
    room["presenter"].emit("request_state", {}, callback=True)
    [host_state] = received(room["host"], "session_state")
    [screen_state] = received(room["presenter"], "session_state")
    assert len(host_state["support"]) == 1
    assert screen_state["support"] == []


# ----- muting -----


def test_a_muted_participant_is_refused_with_a_clear_message(room):
    ack = room["author"].emit("ask_question", {"body": "First"}, callback=True)
    room["author"].get_received()
    muted = room["host"].emit(
        "mute_participant", {"question_id": ack["question_id"]}, callback=True
    )
    assert muted == {"ok": True}
    assert received(room["author"], "my_mute_updated") == [{"muted": True}]
    [mutes] = received(room["host"], "mutes_updated")
    assert len(mutes["mutes"]) == 1
    refused = room["author"].emit("ask_question", {"body": "Again"}, callback=True)
    assert refused["error"]["code"] == "forbidden"
    assert "paused your posts" in refused["error"]["message"]


def test_an_unmuted_participant_may_post_again(room):
    ack = room["author"].emit("ask_question", {"body": "First"}, callback=True)
    room["host"].emit(
        "mute_participant", {"question_id": ack["question_id"]}, callback=True
    )
    [mutes] = received(room["host"], "mutes_updated")
    room["author"].get_received()
    room["host"].emit(
        "unmute_participant", {"mute_id": mutes["mutes"][0]["id"]}, callback=True
    )
    assert received(room["author"], "my_mute_updated") == [{"muted": False}]
    assert room["author"].emit("ask_question", {"body": "Back"}, callback=True)["ok"]


def test_muting_needs_exactly_one_post_to_find_the_author(room):
    ack = room["host"].emit(
        "mute_participant", {"question_id": 1, "response_id": 1}, callback=True
    )
    assert ack["error"]["code"] == "invalid_input"


# ----- gentler polls -----


def test_a_content_note_reaches_the_room_with_the_poll(app_db, staff, live, room):
    poll_id = _open_poll(app_db, staff, live, "rating", scale_max=5)
    ack = room["host"].emit(
        "set_poll_care",
        {
            "poll_id": poll_id,
            "content_note": "About drinking",
            "reveal_mode": "standard",
        },
        callback=True,
    )
    assert ack == {"ok": True}
    [update] = received(room["other"], "poll_updated")
    assert update["poll"]["content_note"] == "About drinking"


def test_results_wait_for_everyone_until_a_host_reveals_them(app_db, staff, live, room):
    poll_id = _open_poll(app_db, staff, live, "single", options=["Yes", "No"])
    room["host"].emit(
        "set_poll_care",
        {"poll_id": poll_id, "content_note": "", "reveal_mode": "everyone_answered"},
        callback=True,
    )
    option = polls.get_poll(app_db, poll_id).options[0].id
    room["author"].emit(
        "cast_vote",
        {"poll_id": poll_id, "answer": {"option_ids": [option]}},
        callback=True,
    )
    flush()
    waiting = received(room["presenter"], "tally_updated")[-1]["results"]
    assert waiting["withheld_reason"] == "waiting_for_everyone"
    room["host"].emit("reveal_results", {"poll_id": poll_id}, callback=True)
    flush()
    assert received(room["presenter"], "tally_updated")[-1]["results"]["shown"]


def test_quiet_mode_reaches_everyone(room):
    ack = room["host"].emit("set_quiet_mode", {"quiet": True}, callback=True)
    assert ack == {"ok": True}
    [update] = received(room["other"], "session_updated")
    assert update["session"]["quiet"] is True
