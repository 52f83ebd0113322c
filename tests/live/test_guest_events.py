"""Guest hosts over the socket: the takeover from invite to revoke, the handover
everyone sees, what a guest may not do, and the story feed's events."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from cafe.domain import events, guests, participants, questions, sessions, story_feed
from cafe.domain.actors import Actor
from cafe.domain.events import EventDetails
from cafe.domain.sessions import SessionDetails
from cafe.extensions import socketio
from cafe.live.connections import registry
from cafe.live.dispatch import HANDLERS
from cafe.live.story_broadcasts import reaction_tally
from cafe.models import AuditEntry, GuestInvite, Poll, utcnow
from tests.live.conftest import received
from tests.pictures import camera_photo
from tests.web.conftest import csrf_token

HOUR = timedelta(hours=1)
HOST_EVENTS = sorted(name for name, (who, _) in HANDLERS.items() if who == "host")
POLL = {"kind": "single", "question": "Tea or coffee?", "options": ["Tea", "Coffee"]}
# Every field any host event reads, so each refusal is about rights, not the payload.
SAMPLE = {
    **POLL,
    "question_id": 1,
    "poll_id": 1,
    "response_id": 1,
    "comment_id": 1,
    "body": "x",
    "reason": "x",
    "reply": "x",
    "pinned": True,
    "open": False,
    "poll_ids": [1],
    "action": "hide",
}


@pytest.fixture
def invite_guest(app, app_db, staff, live):
    """Accept a guest link for a session and open a host socket with its cookie."""

    def connect(session=None, *, name="Sam", starts=-HOUR, ends=2 * HOUR, view="host"):
        session = session or live
        now = utcnow()
        details = guests.InviteDetails(now + starts, now + ends, session_id=session.id)
        invite, token = guests.create_invite(
            app_db, Actor.staff(staff), session.event_id, details
        )
        invite, credential = guests.accept_invite(app_db, token, name)
        app_db.commit()
        http = app.test_client()
        with http.session_transaction() as cookie:
            cookie["guest"] = credential
        client = socketio.test_client(
            app, flask_test_client=http, auth={"session_id": session.id, "view": view}
        )
        client.invite_id, client.http = invite.id, http
        return client

    return connect


@pytest.fixture
def guest(invite_guest):
    return invite_guest()


def revoke_over_http(staff_client, live, invite_id):
    """Withdraw a link the way the facilitator's page does."""
    page = f"/workspace/events/{live.event_id}/guests"
    token = csrf_token(staff_client.http, page)
    response = staff_client.http.post(
        f"/workspace/guests/{invite_id}/revoke", data={"csrf_token": token}
    )
    assert response.status_code == 302


def withdraw_elsewhere(app_db, invite_id):
    """A withdrawal made by another server process: this one keeps the socket."""
    app_db.get(GuestInvite, invite_id).revoked_at = utcnow()
    app_db.commit()


def guest_audit(app_db) -> list[str]:
    app_db.expire_all()
    stmt = select(AuditEntry.action).where(AuditEntry.actor_label.startswith("guest:"))
    return list(app_db.scalars(stmt.order_by(AuditEntry.id)))


# ----- connecting and the handover -----


def test_a_guest_connects_as_a_host_with_their_credential(guest):
    assert guest.is_connected()
    [state] = received(guest, "session_state")
    assert state["viewer"] == {"kind": "host"}


def test_everyone_sees_the_handover_when_the_guest_opens_the_console(
    connect_participant, invite_guest
):
    phone = connect_participant()
    received(phone, "host_changed")
    invite_guest(name="Sam")
    assert received(phone, "host_changed") == [{"host": {"name": "Sam"}}]


def test_a_socket_that_connects_later_is_told_who_hosts(guest, connect_participant):
    assert received(connect_participant(), "host_changed") == [
        {"host": {"name": "Sam"}}
    ]


def test_without_a_guest_the_host_is_the_team(connect_participant):
    assert received(connect_participant(), "host_changed") == [{"host": None}]


def test_a_guest_may_not_connect_before_their_window(invite_guest):
    assert not invite_guest(starts=HOUR, ends=2 * HOUR).is_connected()


def test_a_guest_may_not_connect_to_another_session(app, app_db, staff, live, guest):
    other = sessions.create_session(
        app_db, Actor.staff(staff), live.event_id, SessionDetails("Later")
    )
    app_db.commit()
    refused = socketio.test_client(
        app, flask_test_client=guest.http, auth={"session_id": other.id, "view": "host"}
    )
    assert not refused.is_connected()


# ----- hosting -----


def test_a_guest_runs_a_poll_and_the_room_sees_it(guest, connect_participant, app_db):
    phone = connect_participant()
    poll_id = guest.emit("create_poll", POLL, callback=True)["poll_id"]
    assert guest.emit("open_poll", {"poll_id": poll_id}, callback=True)["ok"]
    [update] = received(phone, "poll_updated")
    assert update["poll"]["status"] == "open"
    assert guest_audit(app_db) == ["guest.accept", "poll.create", "poll.open"]


def test_a_guest_moderates_questions(guest, connect_participant, app_db):
    phone = connect_participant()
    ack = phone.emit("ask_question", {"body": "Is there tea?"}, callback=True)
    hidden = guest.emit(
        "hide_question",
        {"question_id": ack["question_id"], "reason": "Answered already"},
        callback=True,
    )
    assert hidden["ok"]
    assert guest_audit(app_db)[-1] == "question.hide"


def test_a_guest_sees_no_participant_identity(guest, app_db, live):
    anonymous, _token = participants.join(app_db, live)
    named, _token = participants.join(app_db, live)
    named.display_name = "Robin"
    anonymous.role = named.role = "person_in_recovery"
    questions.ask_question(app_db, anonymous, "First question")
    questions.ask_question(app_db, named, "Second question")
    app_db.commit()
    guest.emit("request_state", {}, callback=True)
    [state] = received(guest, "session_state")[-1:]
    text = repr(state)
    assert anonymous.pseudonym not in text and named.pseudonym not in text
    assert "person_in_recovery" not in text and "participant_id" not in text
    assert sorted(q["author"] or "" for q in state["questions"]) == ["", "Robin"]


def test_a_guest_cannot_act_on_another_sessions_question(
    app_db, staff, guest, make_other_question
):
    ack = guest.emit(
        "answer_question", {"question_id": make_other_question.id}, callback=True
    )
    assert ack["error"]["code"] == "not_found"


@pytest.fixture
def make_other_question(app_db, staff):
    actor = Actor.staff(staff)
    event = events.create_event(
        app_db, actor, EventDetails("Other", utcnow(), utcnow() + HOUR)
    )
    events.change_event_status(app_db, actor, event.id, "publish")
    other = sessions.create_session(app_db, actor, event.id, SessionDetails("Else"))
    sessions.change_session_state(app_db, actor, other.id, "start")
    asker, _token = participants.join(app_db, other)
    question = questions.ask_question(app_db, asker, "Elsewhere?")
    app_db.commit()
    return question


# ----- revoking mid-session, and expiry -----


def test_revoking_mid_session_closes_the_guest_sockets_and_tells_everyone(
    host, guest, connect_participant, live
):
    phone = connect_participant()
    received(phone, "host_changed")
    revoke_over_http(host, live, guest.invite_id)
    assert not guest.is_connected()
    assert received(phone, "host_changed") == [{"host": None}]


def test_a_guest_socket_held_by_another_process_is_told_at_once(host, guest, live):
    for connection in registry.guest_connections(guest.invite_id):
        registry.remove(connection.sid)  # as if another process held this socket
    revoke_over_http(host, live, guest.invite_id)
    [ended] = received(guest, "hosting_ended")
    assert "ended your time as guest host" in ended["message"]


def test_a_withdrawn_guest_is_refused_on_the_next_event_in_any_process(app_db, guest):
    withdraw_elsewhere(app_db, guest.invite_id)
    ack = guest.emit("create_poll", POLL, callback=True)
    assert ack["error"]["code"] == "forbidden"
    assert "withdrawn" in ack["error"]["message"]
    assert app_db.query(Poll).count() == 0


@pytest.mark.parametrize("event", HOST_EVENTS)
def test_every_host_event_is_refused_to_a_withdrawn_guest(app_db, guest, event):
    withdraw_elsewhere(app_db, guest.invite_id)
    before = app_db.query(AuditEntry).count()
    ack = guest.emit(event, SAMPLE, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    assert app_db.query(AuditEntry).count() == before


def test_a_guest_whose_time_ends_is_refused_on_the_next_event(app_db, guest):
    app_db.get(GuestInvite, guest.invite_id).ends_at = utcnow()
    app_db.commit()
    ack = guest.emit("create_poll", POLL, callback=True)
    assert ack["error"]["code"] == "forbidden" and "ended" in ack["error"]["message"]


def test_a_withdrawn_guest_cannot_read_the_hosts_feed(app_db, guest):
    withdraw_elsewhere(app_db, guest.invite_id)
    ack = guest.emit("request_feed", {}, callback=True)
    assert ack["error"]["code"] == "forbidden"
    assert received(guest, "story_feed") == []


def test_a_withdrawn_guest_cannot_connect_again(app, app_db, guest, live):
    withdraw_elsewhere(app_db, guest.invite_id)
    again = socketio.test_client(
        app,
        flask_test_client=guest.http,
        auth={"session_id": live.id, "view": "host"},
    )
    assert not again.is_connected()


# ----- the story feed -----


def post_over_http(client, live, body, consent=True):
    url = f"/host/sessions/{live.id}/stories"
    data = {"csrf_token": csrf_token(client.http, url), "body": body}
    if consent:
        data["consent"] = "y"
    boundary, encoded = encode_multipart(data)
    return client.http.post(
        url, data=encoded, content_type=f"multipart/form-data; boundary={boundary}"
    )


def test_a_guests_post_reaches_everyone_and_only_hosts_see_consent(
    host, guest, connect_participant, live
):
    phone = connect_participant()
    assert post_over_http(guest, live, "Hello café").status_code == 303
    [for_phone] = received(phone, "story_posted")
    [for_host] = received(host, "story_posted")
    assert for_phone["post"]["body"] == "Hello café"
    assert for_phone["post"]["author"] == {"name": "Sam", "kind": "guest"}
    assert "consent" not in for_phone["post"] and for_host["post"]["consent"] is True


@pytest.fixture
def post(app_db, live, guest):
    actor = Actor.guest(app_db.get(GuestInvite, guest.invite_id))
    created = story_feed.post_update(app_db, actor, live.id, "Day one", consent=True)
    app_db.commit()
    return created


def test_reactions_are_counted_once_each_and_sent_coalesced(connect_participant, post):
    first, second = connect_participant(), connect_participant()
    for phone in (first, first, second):
        ack = phone.emit(
            "react_to_post",
            {"post_id": post.id, "reaction": "heart", "on": True},
            callback=True,
        )
        assert ack["ok"]
    reaction_tally.flush()
    updates = received(second, "reactions_updated")
    assert updates[-1] == {
        "post_id": post.id,
        "counts": {"heart": 2, "clap": 0, "hug": 0, "strong": 0},
    }


def test_an_unknown_reaction_is_refused(connect_participant, post):
    ack = connect_participant().emit(
        "react_to_post",
        {"post_id": post.id, "reaction": "angry", "on": True},
        callback=True,
    )
    assert ack["error"]["code"] == "invalid_input"


def test_a_comment_in_a_pre_moderated_session_reaches_only_hosts_and_its_author(
    app_db, staff, live, guest, connect_participant, post
):
    details = SessionDetails(live.title, moderation_mode="pre")
    sessions.update_session(app_db, Actor.staff(staff), live.id, details)
    app_db.commit()
    author, other = connect_participant(), connect_participant()
    ack = author.emit(
        "comment_on_post", {"post_id": post.id, "body": "Well done"}, callback=True
    )
    assert ack["status"] == "pending"
    assert received(other, "comment_updated") == []
    assert [c["comment"]["status"] for c in received(author, "comment_updated")] == [
        "pending"
    ]
    [for_guest] = received(guest, "comment_updated")
    assert guest.emit(
        "moderate_comment",
        {"comment_id": for_guest["comment"]["id"], "action": "approve"},
        callback=True,
    )["ok"]
    assert received(other, "comment_updated")[0]["comment"]["body"] == "Well done"


def test_a_participant_cannot_moderate_comments(connect_participant, post):
    ack = connect_participant().emit(
        "moderate_comment", {"comment_id": 1, "action": "hide"}, callback=True
    )
    assert ack["error"]["code"] == "forbidden"


def test_the_feed_is_sent_to_the_asker_with_their_reactions(connect_participant, post):
    phone = connect_participant()
    phone.emit(
        "react_to_post",
        {"post_id": post.id, "reaction": "hug", "on": True},
        callback=True,
    )
    assert phone.emit("request_feed", {}, callback=True)["ok"]
    [feed] = received(phone, "story_feed")
    assert feed["posts"][0]["my_reactions"] == ["hug"]
    assert "consent" not in feed["posts"][0]


def test_a_picture_post_arrives_with_its_description(guest, connect_participant, live):
    phone = connect_participant()
    url = f"/host/sessions/{live.id}/stories"
    data = {
        "csrf_token": csrf_token(guest.http, url),
        "body": "Our table",
        "image": FileStorage(
            io.BytesIO(camera_photo(400, 300)), "t.jpg", content_type="image/jpeg"
        ),
        "alt_text": "Cakes on a table",
    }
    boundary, body = encode_multipart(data)
    guest.http.post(
        url, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    [posted] = received(phone, "story_posted")
    assert posted["post"]["image"] == {
        "alt": "Cakes on a table",
        "width": 400,
        "height": 300,
    }
