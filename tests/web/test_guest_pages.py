"""Guest links over HTTP: creating, accepting, hosting, what a guest may not do,
and withdrawing."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from cafe.domain import participants, questions, sessions
from cafe.domain.actors import Actor
from cafe.domain.sessions import SessionDetails
from cafe.models import AuditEntry, GuestInvite
from tests.web.conftest import csrf_token, make_event, refresh, submit
from tests.web.hosting_helpers import sign_in_guest, start

LINK = re.compile(r'id="guest-link"[^>]*value="([^"]+)"')


@pytest.fixture
def live(store, organiser, joinable):
    return start(store, organiser, joinable)


@pytest.fixture
def guest(app, store, organiser, live):
    """A second browser, holding an accepted guest link for the live session."""
    browser = app.test_client()
    browser.invite = sign_in_guest(browser, store, organiser, live)
    return browser


def invites_url(live) -> str:
    return f"/workspace/events/{live.event_id}/guests"


def local(hours: float) -> str:
    """A local date and time some hours from now, as the form takes it."""
    moment = datetime.now(ZoneInfo("Europe/London")) + timedelta(hours=hours)
    return f"{moment:%Y-%m-%dT%H:%M}"


def create_link(client, live, **fields) -> str:
    data = {
        "scope": str(live.id),
        "label": "Sam, peer mentor",
        "starts_at": local(-1),
        "ends_at": local(2),
        **fields,
    }
    response = submit(client, invites_url(live), data)
    assert response.status_code == 200, response.get_data(as_text=True)
    return html.unescape(LINK.search(response.get_data(as_text=True)).group(1))


def accept(browser, link, name="Sam"):
    return submit(browser, link, {"display_name": name})


# ----- creating and accepting a link -----


def test_a_new_link_is_shown_once_and_never_cached(facilitator_client, live):
    link = create_link(facilitator_client, live)
    assert "/guest/" in link
    again = facilitator_client.get(invites_url(live))
    assert link not in again.get_data(as_text=True)
    assert again.headers["Cache-Control"] == "no-store"


def test_the_link_asks_the_guest_for_a_name_and_says_what_they_host(
    app, facilitator_client, live
):
    page = app.test_client().get(create_link(facilitator_client, live))
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Your name, as everyone will see it" in text
    assert "Open Q&amp;A" in text


def test_accepting_a_link_makes_a_guest_host_without_an_account(
    app, facilitator_client, live
):
    browser = app.test_client()
    response = accept(browser, create_link(facilitator_client, live), "Sam")
    assert response.status_code == 302 and response.location.endswith("/guest")
    home = browser.get("/guest").get_data(as_text=True)
    assert "Hello, Sam" in home and "You are hosting now." in home
    assert f"/console/sessions/{live.id}" in home


def test_a_link_opens_only_once(app, facilitator_client, live):
    link = create_link(facilitator_client, live)
    accept(app.test_client(), link)
    second = app.test_client().get(link)
    assert second.status_code == 409
    assert "already been used" in second.get_data(as_text=True)


def test_the_browser_that_accepted_goes_back_to_its_page(app, facilitator_client, live):
    browser = app.test_client()
    link = create_link(facilitator_client, live)
    accept(browser, link)
    assert browser.get(link).location.endswith("/guest")


def test_a_forged_link_is_not_found(app, facilitator_client, live):
    link = create_link(facilitator_client, live)
    forged = link[:-3] + ("abc" if not link.endswith("abc") else "xyz")
    assert app.test_client().get(forged).status_code == 404


def test_a_guest_must_give_a_name(app, facilitator_client, live):
    response = accept(app.test_client(), create_link(facilitator_client, live), "  ")
    assert response.status_code == 400
    assert "Your name cannot be empty" in response.get_data(as_text=True)


def test_a_window_that_has_ended_is_refused_next_to_its_field(facilitator_client, live):
    data = {"scope": "event", "starts_at": "2020-01-01T10:00"}
    data["ends_at"] = "2020-01-01T12:00"
    response = submit(facilitator_client, invites_url(live), data)
    assert response.status_code == 400
    assert "must end in the future" in response.get_data(as_text=True)


def test_the_window_is_typed_in_local_time_and_stored_in_utc(
    facilitator_client, store, live
):
    create_link(
        facilitator_client,
        live,
        starts_at="2099-07-01T18:00",
        ends_at="2099-07-01T20:00",
    )
    refresh(store)
    invite = store.scalars(select(GuestInvite)).one()
    assert invite.starts_at.hour == 17  # British Summer Time is UTC+1


def test_a_commissioner_cannot_create_guest_links(commissioner_client, live):
    assert commissioner_client.get(invites_url(live)).status_code == 403


# ----- hosting -----


def test_a_guest_opens_the_console_of_their_session(guest, live):
    page = guest.get(f"/console/sessions/{live.id}")
    assert page.status_code == 200
    assert 'id="console"' in page.get_data(as_text=True)


def test_the_guests_console_names_no_participant(guest, store, live):
    participant, _token = participants.join(store, live)
    participant.role = "person_in_recovery"
    questions.ask_question(store, participant, "Is there parking?")
    store.commit()
    page = guest.get(f"/console/sessions/{live.id}").get_data(as_text=True)
    assert "Is there parking?" in page
    assert participant.pseudonym not in page and "person_in_recovery" not in page


def test_a_guest_opens_the_presenter_screen_of_their_session(guest, live):
    assert guest.get(f"/present/sessions/{live.id}").status_code == 200


def test_a_guest_sees_their_session_on_the_guest_page(guest, live):
    assert "Open the console for Open Q&amp;A" in guest.get("/guest").get_data(
        as_text=True
    )


def test_the_guest_page_without_a_link_says_how_to_get_in(client):
    response = client.get("/guest")
    assert response.status_code == 403
    assert "guest link" in response.get_data(as_text=True)


# ----- what a guest may not do -----


def test_a_guest_cannot_open_another_session_of_the_event(
    guest, store, organiser, live
):
    other = sessions.create_session(
        store, Actor.staff(organiser), live.event_id, SessionDetails("Later")
    )
    store.commit()
    response = guest.get(f"/console/sessions/{other.id}")
    assert response.status_code == 403
    assert "another session" in response.get_data(as_text=True)


def test_a_guest_cannot_open_a_session_of_another_event(guest, store, organiser):
    other = make_event(store, organiser, "Other café", True, ["Elsewhere"])
    response = guest.get(f"/console/sessions/{other.sessions[0].id}")
    assert response.status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/workspace/",
        "/workspace/events/{event}",
        "/workspace/sessions/{session}/edit",
        "/workspace/events/{event}/guests",
        "/workspace/events/{event}/stories",
        "/summaries/",
        "/summaries/sessions/{session}/summary.csv",
        "/summaries/events/{event}/summary.xlsx",
        "/summaries/events/{event}/you-said-we-did",
        "/account/tokens",
    ],
)
def test_a_guest_gets_no_staff_page_export_or_setting(guest, live, path):
    url = path.format(event=live.event_id, session=live.id)
    response = guest.get(url)
    assert response.status_code == 302
    assert "/login" in response.location


def test_a_guest_cannot_start_or_end_the_session(guest, store, live):
    token = csrf_token(guest, "/guest")
    response = guest.post(
        f"/workspace/sessions/{live.id}/state",
        data={"csrf_token": token, "action": "end"},
    )
    assert response.status_code == 302 and "/login" in response.location
    refresh(store)
    assert store.get(type(live), live.id).state.value == "live"


def test_a_guest_cannot_invite_another_guest(guest, store, live):
    token = csrf_token(guest, "/guest")
    guest.post(
        f"/workspace/events/{live.event_id}/guests",
        data={"csrf_token": token, "scope": "event"},
    )
    refresh(store)
    assert store.scalars(select(GuestInvite)).all() == [guest.invite]


def test_a_guest_cannot_withdraw_a_link(guest, store, live):
    token = csrf_token(guest, "/guest")
    response = guest.post(
        f"/workspace/guests/{guest.invite.id}/revoke", data={"csrf_token": token}
    )
    assert response.status_code == 302 and "/login" in response.location


# ----- withdrawing -----


def test_withdrawing_a_link_stops_the_guest_at_once(
    facilitator_client, guest, store, live
):
    submit(
        facilitator_client,
        invites_url(live),
        {},
        action_url=f"/workspace/guests/{guest.invite.id}/revoke",
    )
    response = guest.get(f"/console/sessions/{live.id}")
    assert response.status_code == 403
    assert "withdrawn your guest link" in response.get_data(as_text=True)
    assert "ended your time as guest host" in guest.get("/guest").get_data(as_text=True)


def test_withdrawing_is_recorded_in_the_audit_log(
    facilitator_client, guest, store, live
):
    submit(
        facilitator_client,
        invites_url(live),
        {},
        action_url=f"/workspace/guests/{guest.invite.id}/revoke",
    )
    refresh(store)
    entry = store.scalars(
        select(AuditEntry).where(AuditEntry.action == "guest.revoke")
    ).one()
    assert entry.target_id == guest.invite.id


def test_a_guest_can_forget_their_link_in_this_browser(guest):
    token = csrf_token(guest, "/guest")
    guest.post("/guest/leave", data={"csrf_token": token})
    assert guest.get("/guest").status_code == 403
