"""The facilitator's workspace: who may use it, forms, codes and QR codes."""

from __future__ import annotations

import re

import pytest

from cafe.models import AuditEntry, Event, EventStatus, LiveSession, Series
from tests.web.conftest import count, make_event, refresh, submit

EVENT_FORM = {
    "title": "Monthly social media café",
    "description": "Stories and questions.",
    "series_id": "",
    "starts_at": "2030-06-14T18:00",
    "ends_at": "2030-06-14T20:00",
    "place": "Central Library",
    "online_url": "",
    "accessibility_notes": "Hearing loop in room 2.",
}
SESSION_FORM = {
    "title": "Open questions",
    "description": "",
    "moderation_mode": "post",
    "starts_at": "",
    "ends_at": "",
    "facilitator_notes": "",
}


@pytest.fixture
def draft(store, organiser):
    return make_event(store, organiser, sessions_titles=["Welcome"])


def workspace_pages(event: Event) -> list[str]:
    session_id = event.sessions[0].id
    return [
        "/workspace/",
        "/workspace/events/new",
        "/workspace/series/new",
        f"/workspace/events/{event.id}",
        f"/workspace/events/{event.id}/edit",
        f"/workspace/events/{event.id}/sessions/new",
        f"/workspace/sessions/{session_id}/edit",
        f"/workspace/sessions/{session_id}/qr.svg",
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, draft):
    for url in workspace_pages(draft):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login?next="), url


def test_commissioners_are_refused_every_workspace_page(commissioner_client, draft):
    for url in workspace_pages(draft):
        assert commissioner_client.get(url).status_code == 403, url


def test_commissioners_cannot_post_to_the_workspace(commissioner_client, draft, store):
    response = submit(
        commissioner_client,
        "/home",
        {"action": "publish"},
        action_url=f"/workspace/events/{draft.id}/status",
    )
    assert response.status_code == 403
    refresh(store)
    assert store.get(Event, draft.id).status == EventStatus.DRAFT


def test_facilitators_can_open_every_workspace_page(facilitator_client, draft):
    for url in workspace_pages(draft):
        assert facilitator_client.get(url).status_code == 200, url


def test_a_commissioner_home_lists_published_events_but_not_drafts(
    commissioner_client, store, organiser
):
    make_event(store, organiser, title="Draft plans")
    make_event(store, organiser, title="Open café", publish=True)
    page = commissioner_client.get("/home").get_data(as_text=True)
    assert "Open café" in page
    assert "Draft plans" not in page
    assert "Facilitators and admins create events" in page


def test_an_event_with_two_sessions_shows_codes_links_and_qr_codes(
    facilitator_client, store
):
    response = submit(facilitator_client, "/workspace/events/new", EVENT_FORM)
    assert response.status_code == 302
    event_url = response.headers["Location"]
    new_session = f"{event_url}/sessions/new"
    for title in ("Welcome", "Open questions"):
        data = {**SESSION_FORM, "title": title}
        assert submit(facilitator_client, new_session, data).status_code == 302
    page = facilitator_client.get(event_url).get_data(as_text=True)
    refresh(store)
    lives = store.query(LiveSession).order_by(LiveSession.position).all()
    assert [live.title for live in lives] == ["Welcome", "Open questions"]
    for live in lives:
        code = live.join_code
        assert f"{code[:3]} {code[3:]}" in page
        assert f"http://localhost/j/{code}" in page
        assert f"/workspace/sessions/{live.id}/qr.svg" in page


def test_the_qr_code_is_an_svg_of_the_join_address(facilitator_client, draft):
    response = facilitator_client.get(
        f"/workspace/sessions/{draft.sessions[0].id}/qr.svg"
    )
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).startswith("<svg")


def test_a_session_of_another_id_is_not_found(facilitator_client):
    assert facilitator_client.get("/workspace/sessions/999/qr.svg").status_code == 404


@pytest.mark.parametrize(
    "change, field_message",
    [
        ({"title": "  "}, "Give the event a title."),
        ({"ends_at": "2030-06-14T17:00"}, "The event must end after it starts."),
        ({"starts_at": "soon"}, "Enter a date and time"),
        ({"starts_at": ""}, "Enter when the event starts."),
        ({"online_url": "javascript:alert(1)"}, "must start with https://"),
        ({"series_id": "999"}, "That series does not exist."),
    ],
)
def test_bad_event_input_is_explained_and_nothing_is_saved(
    facilitator_client, store, change, field_message
):
    before = (count(store, Event), count(store, AuditEntry))
    response = submit(facilitator_client, "/workspace/events/new", EVENT_FORM | change)
    assert response.status_code == 400
    assert field_message in response.get_data(as_text=True)
    assert (count(store, Event), count(store, AuditEntry)) == before


def test_a_domain_error_is_shown_next_to_its_field(facilitator_client):
    response = submit(
        facilitator_client, "/workspace/events/new", EVENT_FORM | {"title": ""}
    )
    page = response.get_data(as_text=True)
    assert re.search(
        r'id="title-error">\s*<span class="visually-hidden">Error: </span>'
        r"Give the event a title.",
        page,
    )
    assert 'aria-invalid="true"' in page


def test_bad_edits_to_an_event_change_nothing(facilitator_client, draft, store):
    url = f"/workspace/events/{draft.id}/edit"
    response = submit(facilitator_client, url, EVENT_FORM | {"title": ""})
    assert response.status_code == 400
    refresh(store)
    assert store.get(Event, draft.id).title == "Recovery café"


def test_an_event_can_be_edited(facilitator_client, draft, store):
    url = f"/workspace/events/{draft.id}/edit"
    response = submit(facilitator_client, url, EVENT_FORM | {"title": "Renamed"})
    assert response.status_code == 302
    refresh(store)
    assert store.get(Event, draft.id).title == "Renamed"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": ""}, "Give the session a title."),
        ({"moderation_mode": "nobody"}, "Moderation must be"),
        (
            {"starts_at": "2030-06-14T19:00", "ends_at": "2030-06-14T18:00"},
            "The session must end after it starts.",
        ),
        ({"ends_at": "later"}, "Enter a date and time"),
    ],
)
def test_bad_session_input_is_explained_and_nothing_is_saved(
    facilitator_client, draft, store, change, message
):
    before = count(store, LiveSession)
    url = f"/workspace/events/{draft.id}/sessions/new"
    response = submit(facilitator_client, url, SESSION_FORM | change)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(store, LiveSession) == before


def test_bad_edits_to_a_session_change_nothing(facilitator_client, draft, store):
    live = draft.sessions[0]
    url = f"/workspace/sessions/{live.id}/edit"
    response = submit(facilitator_client, url, SESSION_FORM | {"title": ""})
    assert response.status_code == 400
    refresh(store)
    assert store.get(LiveSession, live.id).title == "Welcome"


def test_a_session_can_be_edited_and_keeps_its_code(facilitator_client, draft, store):
    live = draft.sessions[0]
    data = SESSION_FORM | {"title": "Welcome and intro", "moderation_mode": "pre"}
    response = submit(facilitator_client, f"/workspace/sessions/{live.id}/edit", data)
    assert response.status_code == 302
    refresh(store)
    saved = store.get(LiveSession, live.id)
    assert (saved.title, saved.moderation_mode.value) == ("Welcome and intro", "pre")
    assert saved.join_code == live.join_code


def test_a_series_without_a_title_is_refused(facilitator_client, store):
    response = submit(facilitator_client, "/workspace/series/new", {"title": ""})
    assert response.status_code == 400
    assert "Give the series a title." in response.get_data(as_text=True)
    assert count(store, Series) == 0


def test_a_new_series_can_be_chosen_for_a_new_event(facilitator_client, store):
    response = submit(
        facilitator_client, "/workspace/series/new", {"title": "Monthly café"}
    )
    assert response.status_code == 302
    refresh(store)
    series = store.query(Series).one()
    assert (
        response.headers["Location"] == f"/workspace/events/new?series_id={series.id}"
    )
    data = EVENT_FORM | {"series_id": str(series.id)}
    assert submit(facilitator_client, "/workspace/events/new", data).status_code == 302
    refresh(store)
    assert store.query(Event).one().series_id == series.id


def change_event(client, event_id: int, action: str):
    return submit(
        client,
        f"/workspace/events/{event_id}",
        {"action": action},
        action_url=f"/workspace/events/{event_id}/status",
    )


def test_an_event_is_published_then_closed_then_archived(
    facilitator_client, draft, store
):
    for action, status in [
        ("publish", EventStatus.PUBLISHED),
        ("close", EventStatus.CLOSED),
        ("archive", EventStatus.ARCHIVED),
    ]:
        assert change_event(facilitator_client, draft.id, action).status_code == 302
        refresh(store)
        assert store.get(Event, draft.id).status == status


def test_publishing_says_what_it_means(facilitator_client, draft):
    change_event(facilitator_client, draft.id, "publish")
    page = facilitator_client.get(f"/workspace/events/{draft.id}").get_data(
        as_text=True
    )
    assert "people can now join its sessions" in page


def test_a_change_the_state_does_not_allow_is_a_409_with_a_reason(
    facilitator_client, draft, store
):
    response = change_event(facilitator_client, draft.id, "archive")
    assert response.status_code == 409
    assert "A draft event cannot be archived." in response.get_data(as_text=True)
    refresh(store)
    assert store.get(Event, draft.id).status == EventStatus.DRAFT


def test_an_unknown_action_is_refused(facilitator_client, draft):
    response = change_event(facilitator_client, draft.id, "explode")
    assert response.status_code == 400
    assert "Unknown action" in response.get_data(as_text=True)


def test_a_state_change_without_a_csrf_token_is_refused(
    facilitator_client, draft, store
):
    response = facilitator_client.post(
        f"/workspace/events/{draft.id}/status", data={"action": "publish"}
    )
    assert response.status_code == 400
    refresh(store)
    assert store.get(Event, draft.id).status == EventStatus.DRAFT


def change_session(client, event_id: int, session_id: int, action: str):
    return submit(
        client,
        f"/workspace/events/{event_id}",
        {"action": action},
        action_url=f"/workspace/sessions/{session_id}/state",
    )


def test_a_session_cannot_start_before_its_event_is_published(
    facilitator_client, draft, store
):
    live = draft.sessions[0]
    response = change_session(facilitator_client, draft.id, live.id, "start")
    assert response.status_code == 409
    assert "Publish the event" in response.get_data(as_text=True)


def test_a_session_of_a_published_event_starts_and_ends(
    facilitator_client, draft, store
):
    live = draft.sessions[0]
    change_event(facilitator_client, draft.id, "publish")
    response = change_session(facilitator_client, draft.id, live.id, "start")
    assert response.status_code == 302
    refresh(store)
    assert store.get(LiveSession, live.id).state.value == "live"
    change_session(facilitator_client, draft.id, live.id, "end")
    refresh(store)
    assert store.get(LiveSession, live.id).state.value == "ended"


def test_sessions_cannot_be_added_to_a_closed_event(facilitator_client, draft, store):
    change_event(facilitator_client, draft.id, "publish")
    change_event(facilitator_client, draft.id, "close")
    url = f"/workspace/events/{draft.id}/sessions/new"
    response = submit(facilitator_client, url, SESSION_FORM)
    assert response.status_code == 409
    assert count(store, LiveSession) == 1


def test_an_event_title_with_markup_is_shown_as_text(facilitator_client, store):
    attack = "<img src=x onerror=alert(1)>"
    submit(facilitator_client, "/workspace/events/new", EVENT_FORM | {"title": attack})
    refresh(store)
    event = store.query(Event).one()
    for url in ("/workspace/", f"/workspace/events/{event.id}"):
        page = facilitator_client.get(url).get_data(as_text=True)
        assert attack not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_an_error_that_repeats_user_input_escapes_it(facilitator_client, draft):
    response = change_event(facilitator_client, draft.id, "<b>boom</b>")
    page = response.get_data(as_text=True)
    assert "<b>boom</b>" not in page
    assert "&lt;b&gt;boom&lt;/b&gt;" in page


def test_each_session_links_to_its_console_and_presenter_screen(
    facilitator_client, joinable
):
    page = facilitator_client.get(f"/workspace/events/{joinable.event_id}").text
    assert f"/console/sessions/{joinable.id}" in page
    assert f"/present/sessions/{joinable.id}" in page
