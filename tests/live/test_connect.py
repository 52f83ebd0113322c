"""Connecting: who may follow a session, and the state they get."""

from cafe.domain import users
from cafe.extensions import socketio
from tests.conftest import PASSWORD
from tests.live.conftest import flush, received


def test_a_participant_who_joined_gets_the_session_state_on_connect(
    connect_participant, live
):
    client = connect_participant()
    assert client.is_connected()
    [state] = received(client, "session_state")
    assert state["session"]["join_code"] == live.join_code
    assert state["viewer"]["kind"] == "participant"


def test_a_browser_that_never_joined_is_refused(app, live):
    client = socketio.test_client(
        app, auth={"session_id": live.id, "view": "participant"}
    )
    assert not client.is_connected()


def test_a_participant_cookie_for_another_session_is_refused(
    app, app_db, connect_participant, live
):
    other = connect_participant()
    token_cookie = other.http
    client = socketio.test_client(
        app,
        flask_test_client=token_cookie,
        auth={"session_id": live.id + 1000, "view": "participant"},
    )
    assert not client.is_connected()


def test_an_anonymous_browser_cannot_connect_as_host(app, live):
    client = socketio.test_client(app, auth={"session_id": live.id, "view": "host"})
    assert not client.is_connected()


def test_a_commissioner_cannot_connect_as_host(app_db, connect_staff):
    commissioner = users.create_user(app_db, "c@example.org", PASSWORD, "commissioner")
    app_db.commit()
    assert not connect_staff(commissioner).is_connected()


def test_malformed_auth_is_refused(app, live):
    for auth in (None, "x", {"session_id": "1", "view": "host"}, {"view": "root"}):
        assert not socketio.test_client(app, auth=auth).is_connected()


def test_a_reconnecting_participant_gets_the_full_state_again(
    connect_participant, live
):
    client = connect_participant()
    client.emit("ask_question", {"body": "Will the café run in summer?"}, callback=True)
    client.get_received()
    client.disconnect()
    client.connect(auth={"session_id": live.id, "view": "participant"})
    [state] = received(client, "session_state")
    assert [q["body"] for q in state["questions"]] == ["Will the café run in summer?"]


def test_request_state_sends_the_state_to_the_sender_only(connect_participant):
    first, second = connect_participant(), connect_participant()
    first.get_received(), second.get_received()
    ack = first.emit("request_state", {}, callback=True)
    assert ack == {"ok": True}
    assert len(received(first, "session_state")) == 1
    assert received(second, "session_state") == []


def test_participant_count_is_broadcast_when_people_join(connect_participant, host):
    from tests.live.conftest import flush

    host.get_received()
    connect_participant(), connect_participant()
    flush()
    counts = received(host, "participant_count")
    assert counts[-1] == {"count": 2}


def test_connection_counts_are_kept_for_the_summary_peak(app_db, connect_participant):
    from cafe.models import AttendanceSample

    connect_participant(), connect_participant(), connect_participant()
    flush()
    app_db.expire_all()
    peak = max(s.connected for s in app_db.query(AttendanceSample))
    assert peak == 3
