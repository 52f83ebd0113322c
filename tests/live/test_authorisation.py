"""Every host event is refused to participants, presenters and signed-out staff."""

import pytest

from cafe.domain import users
from cafe.live.dispatch import HANDLERS
from cafe.models import AuditEntry, Poll
from tests.live.conftest import flush

HOST_EVENTS = sorted(name for name, (who, _) in HANDLERS.items() if who == "host")
PARTICIPANT_EVENTS = sorted(
    name for name, (who, _) in HANDLERS.items() if who == "participant"
)
SAMPLE = {
    "question_id": 1,
    "poll_id": 1,
    "response_id": 1,
    "body": "x",
    "reason": "x",
    "reply": "x",
    "pinned": True,
    "open": False,
    "poll_ids": [1],
    "action": "hide",
    "kind": "single",
    "question": "Q?",
    "options": ["a", "b"],
}


@pytest.mark.parametrize("event", HOST_EVENTS)
def test_a_participant_cannot_send_a_host_event(app_db, connect_participant, event):
    client = connect_participant()
    before = app_db.query(AuditEntry).count()
    ack = client.emit(event, SAMPLE, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    assert app_db.query(AuditEntry).count() == before


@pytest.mark.parametrize("event", HOST_EVENTS)
def test_a_presenter_screen_cannot_send_a_host_event(connect_staff, staff, event):
    presenter = connect_staff(staff, view="presenter")
    ack = presenter.emit(event, SAMPLE, callback=True)
    assert ack["error"]["code"] == "forbidden"


@pytest.mark.parametrize("event", PARTICIPANT_EVENTS)
def test_a_host_socket_cannot_send_a_participant_event(host, event):
    ack = host.emit(event, SAMPLE, callback=True)
    assert ack["error"]["code"] == "forbidden"


def test_a_host_who_logged_out_loses_rights_on_the_next_event(app_db, host):
    users.end_login(app_db, host.login_token)
    app_db.commit()
    ack = host.emit(
        "create_poll",
        {"kind": "single", "question": "Still here?", "options": ["Yes", "No"]},
        callback=True,
    )
    assert ack["error"]["code"] == "forbidden"
    assert app_db.query(Poll).count() == 0


def test_a_disabled_host_is_disconnected_by_the_next_sweep(app_db, staff, host):
    from cafe.live import publisher

    users.set_active(app_db, staff, False)
    app_db.commit()
    publisher._last_sweep = 0.0
    flush()
    assert not host.is_connected()


def test_a_presenter_receives_only_public_results(
    connect_staff, staff, host, connect_participant
):
    presenter = connect_staff(staff, view="presenter")
    poll_id = host.emit(
        "create_poll",
        {
            "kind": "rating",
            "question": "How welcome did you feel?",
            "scale_max": 5,
            "min_responses": 3,
        },
        callback=True,
    )["poll_id"]
    host.emit("open_poll", {"poll_id": poll_id}, callback=True)
    connect_participant().emit(
        "cast_vote", {"poll_id": poll_id, "answer": {"rating": 4}}, callback=True
    )
    flush()  # the timer may also have sent some: every one must be withheld
    tallies = [
        m["args"][0] for m in presenter.get_received() if m["name"] == "tally_updated"
    ]
    assert tallies and all(t["results"]["shown"] is False for t in tallies)


def test_a_host_who_logged_out_cannot_fetch_the_private_state(app_db, host):
    users.end_login(app_db, host.login_token)
    app_db.commit()
    host.get_received()
    ack = host.emit("request_state", {}, callback=True)
    assert ack["error"]["code"] == "forbidden"
    assert [m for m in host.get_received() if m["name"] == "session_state"] == []
