"""Q&A over sockets: asking, moderating, upvoting, and who sees what."""

from cafe.domain import sessions
from cafe.domain.actors import Actor
from cafe.models import Question, Upvote
from tests.live.conftest import events_by_name, flush, received


def _ask(client, body="How do I find a peer mentor?"):
    return client.emit("ask_question", {"body": body}, callback=True)


def test_a_question_asked_reaches_the_room_and_the_hosts(connect_participant, host):
    asker, other = connect_participant(), connect_participant()
    for c in (asker, other, host):
        c.get_received()
    ack = _ask(asker)
    assert ack["ok"] and ack["status"] == "live"
    [seen] = received(other, "question_updated")
    assert seen["question"]["body"] == "How do I find a peer mentor?"
    assert "hidden_reason" not in seen["question"]
    assert received(host, "question_updated")[0]["question"]["id"] == ack["question_id"]


def test_a_pre_moderated_question_reaches_only_hosts_and_its_author(
    app_db, staff, live, connect_participant, host
):
    sessions.update_session(
        app_db,
        Actor.staff(staff),
        live.id,
        sessions.SessionDetails(live.title, moderation_mode="pre"),
    )
    app_db.commit()
    asker, other = connect_participant(), connect_participant()
    for c in (asker, other, host):
        c.get_received()
    ack = _ask(asker)
    assert ack["status"] == "pending"
    assert received(other, "question_updated") == []
    assert received(host, "question_updated")[0]["question"]["status"] == "pending"
    mine = received(asker, "my_question_updated")
    assert mine[0]["question"]["status"] == "pending"


def test_approving_a_queued_question_shows_it_to_the_room(
    app_db, staff, live, connect_participant, host
):
    sessions.update_session(
        app_db,
        Actor.staff(staff),
        live.id,
        sessions.SessionDetails(live.title, moderation_mode="pre"),
    )
    app_db.commit()
    asker, other = connect_participant(), connect_participant()
    question_id = _ask(asker)["question_id"]
    other.get_received()
    ack = host.emit("approve_question", {"question_id": question_id}, callback=True)
    assert ack == {"ok": True}
    assert received(other, "question_updated")[0]["question"]["status"] == "live"


def test_hiding_a_question_removes_it_from_the_room_and_tells_the_author_why(
    connect_participant, host
):
    asker, other = connect_participant(), connect_participant()
    question_id = _ask(asker)["question_id"]
    asker.get_received(), other.get_received()
    ack = host.emit(
        "hide_question",
        {"question_id": question_id, "reason": "Names a person"},
        callback=True,
    )
    assert ack == {"ok": True}
    assert received(other, "question_removed") == [{"question_id": question_id}]
    mine = events_by_name(asker)["my_question_updated"][0]["question"]
    assert mine["status"] == "hidden" and mine["hidden_reason"] == "Names a person"


def test_upvotes_are_idempotent_and_broadcast_once_per_round(
    app_db, connect_participant, host
):
    asker, voter = connect_participant(), connect_participant()
    question_id = _ask(asker)["question_id"]
    host.get_received()
    for _ in range(3):  # a double click and a retry
        assert voter.emit("upvote", {"question_id": question_id}, callback=True)["ok"]
    flush()
    updates = received(host, "upvotes_updated")
    assert updates == [{"counts": {str(question_id): 1}}]
    assert app_db.query(Upvote).count() == 1


def test_pinning_a_question_unpins_the_one_before(app_db, connect_participant, host):
    asker = connect_participant()
    first = _ask(asker, "First question here")["question_id"]
    second = _ask(asker, "Second question here")["question_id"]
    host.emit("pin_question", {"question_id": first, "pinned": True}, callback=True)
    host.get_received()
    ack = host.emit(
        "pin_question", {"question_id": second, "pinned": True}, callback=True
    )
    assert ack == {"ok": True}
    pinned = {
        u["question"]["id"]: u["question"]["pinned"]
        for u in received(host, "question_updated")
    }
    assert pinned == {first: False, second: True}
    app_db.expire_all()
    assert app_db.get(Question, first).pinned is False


def test_a_host_cannot_touch_a_question_of_another_session(
    app_db, staff, live, connect_participant, connect_staff
):
    other_session = sessions.create_session(
        app_db, Actor.staff(staff), live.event_id, sessions.SessionDetails("Other")
    )
    sessions.change_session_state(app_db, Actor.staff(staff), other_session.id, "start")
    app_db.commit()
    question_id = _ask(connect_participant())["question_id"]
    elsewhere = connect_staff(staff, session=other_session)
    ack = elsewhere.emit("answer_question", {"question_id": question_id}, callback=True)
    assert ack["error"]["code"] == "not_found"
    app_db.expire_all()
    assert app_db.get(Question, question_id).status.value == "live"


def test_closing_questions_for_the_session_refuses_new_ones(connect_participant, host):
    asker = connect_participant()
    assert host.emit("set_questions_open", {"open": False}, callback=True)["ok"]
    assert received(asker, "session_updated")[-1]["session"]["questions_open"] is False
    ack = _ask(asker)
    assert ack["ok"] is False and ack["error"]["code"] == "conflict"


def test_asking_too_often_is_rate_limited(connect_participant):
    asker = connect_participant()
    acks = [_ask(asker, f"Question number {i}") for i in range(8)]
    assert [a["ok"] for a in acks[:6]] == [True] * 6
    assert acks[-1]["error"]["code"] == "rate_limited"
