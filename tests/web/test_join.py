"""Joining a session with a code, the optional About you step, and the lobby."""

from __future__ import annotations

import pytest

from cafe.domain import events, sessions
from cafe.domain.actors import Actor
from cafe.models import Participant
from tests.web.conftest import count, make_event, refresh, submit


def spaced(code: str) -> str:
    return f"{code[:3]} {code[3:]}"


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code,
        lambda code: code.lower(),
        lambda code: spaced(code),
        lambda code: f"{code[:3]}-{code[3:]}".lower(),
        lambda code: f"  {spaced(code)} ",
    ],
    ids=["exact", "lowercase", "space", "dash", "padded"],
)
def test_a_typed_code_finds_its_session_however_it_is_written(client, joinable, typed):
    response = client.get("/join", query_string={"code": typed(joinable.join_code)})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/j/{joinable.join_code}/about-you"


def test_the_join_form_posts_a_code(client, joinable):
    response = submit(client, "/join", {"code": joinable.join_code.lower()})
    assert response.headers["Location"] == f"/j/{joinable.join_code}/about-you"


def test_a_qr_link_with_a_lowercase_dashed_code_joins(client, joinable):
    code = joinable.join_code
    response = client.get(f"/j/{code[:3].lower()}-{code[3:].lower()}")
    assert response.headers["Location"] == f"/j/{code}/about-you"


def test_the_join_box_helps_phones_type_a_code(client):
    page = client.get("/join").get_data(as_text=True)
    assert '<label class="label" for="code">Join code</label>' in page
    for attribute in (
        'inputmode="text"',
        'autocapitalize="characters"',
        'autocomplete="off"',
    ):
        assert attribute in page


def test_an_unknown_code_says_so_and_creates_no_participant(client, joinable, store):
    response = client.get("/join", query_string={"code": "ZZZ 999"})
    assert response.status_code == 404
    assert "No open session has that code." in response.get_data(as_text=True)
    assert count(store, Participant) == 0


def test_a_malformed_code_explains_what_a_code_looks_like(client):
    response = client.get("/j/12")
    assert response.status_code == 400
    assert "A join code has 6 letters and numbers" in response.get_data(as_text=True)


def test_a_session_of_an_unpublished_event_cannot_be_joined(client, store, organiser):
    draft = make_event(store, organiser, sessions_titles=["Later"])
    response = client.get(f"/j/{draft.sessions[0].join_code}")
    assert response.status_code == 404


def test_a_browser_keeps_its_participant_across_reloads(client, joinable, store):
    code = joinable.join_code
    for url in (f"/j/{code}", f"/j/{code}", f"/j/{code}/about-you", "/join"):
        client.get(url)
    client.get("/join", query_string={"code": code.lower()})
    assert count(store, Participant) == 1


def test_two_browsers_are_two_participants(app, joinable, store):
    for _ in range(2):
        app.test_client().get(f"/j/{joinable.join_code}")
    assert count(store, Participant) == 2


def test_the_participant_cookie_is_http_only_and_same_site_lax(client, joinable):
    client.get(f"/j/{joinable.join_code}")
    cookie = client.get_cookie("session")
    assert cookie.http_only
    assert cookie.same_site == "Lax"


@pytest.fixture
def joined(client, joinable):
    client.get(f"/j/{joinable.join_code}")
    return joinable


def about_you(client, live, **data):
    return submit(client, f"/j/{live.join_code}/about-you", data)


def test_about_you_says_both_questions_are_optional(client, joined):
    page = client.get(f"/j/{joined.join_code}/about-you").get_data(as_text=True)
    assert "Both questions are optional" in page
    assert "you stay anonymous" in page
    assert "Frontline worker" in page
    assert "Skip" in page


def test_skipping_about_you_keeps_the_participant_anonymous(client, joined, store):
    response = about_you(client, joined, display_name="Sam", action="skip")
    assert response.headers["Location"] == f"/j/{joined.join_code}/lobby"
    refresh(store)
    participant = store.query(Participant).one()
    assert participant.profile_done
    assert (participant.display_name, participant.role) == (None, None)


def test_a_name_and_role_can_be_given(client, joined, store):
    about_you(
        client, joined, display_name="Sam", role="frontline_worker", action="continue"
    )
    refresh(store)
    participant = store.query(Participant).one()
    assert (participant.display_name, participant.role) == ("Sam", "frontline_worker")


def test_continuing_with_nothing_filled_in_is_allowed(client, joined, store):
    response = about_you(client, joined, action="continue")
    assert response.status_code == 302
    refresh(store)
    assert store.query(Participant).one().display_name is None


def test_a_role_that_is_not_on_the_list_is_refused(client, joined, store):
    response = about_you(client, joined, role="mayor", action="continue")
    assert response.status_code == 400
    assert "Choose a role from the list" in response.get_data(as_text=True)
    refresh(store)
    assert not store.query(Participant).one().profile_done


def test_an_over_long_name_is_refused(client, joined, store):
    response = about_you(client, joined, display_name="x" * 41, action="continue")
    assert response.status_code == 400
    assert "Keep your name under 40 characters." in response.get_data(as_text=True)
    refresh(store)
    assert store.query(Participant).one().display_name is None


def test_about_you_is_asked_only_once(client, joined):
    about_you(client, joined, action="skip")
    response = client.get(f"/j/{joined.join_code}/about-you")
    assert response.headers["Location"] == f"/j/{joined.join_code}/lobby"
    again = client.get(f"/j/{joined.join_code}")
    assert again.headers["Location"] == f"/j/{joined.join_code}/lobby"


def test_about_you_without_a_csrf_token_is_refused(client, joined, store):
    response = client.post(
        f"/j/{joined.join_code}/about-you", data={"display_name": "Sam"}
    )
    assert response.status_code == 400
    refresh(store)
    assert store.query(Participant).one().display_name is None


def test_a_participant_name_with_markup_is_shown_as_text(client, joined):
    attack = "<img src=x onerror=alert(1)>"
    about_you(client, joined, display_name=attack, action="continue")
    page = client.get(f"/j/{joined.join_code}/lobby").get_data(as_text=True)
    assert attack not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_lobby_of_a_waiting_session_has_no_way_in_yet(client, joined):
    page = client.get(f"/j/{joined.join_code}/lobby").get_data(as_text=True)
    assert "Open Q&amp;A" in page
    assert "Recovery café" in page
    assert "Central Library, room 2" in page
    assert "Step-free entrance on Park Street." in page
    assert "has not started yet" in page
    assert f'href="/s/{joined.join_code}" data-lobby-go hidden' in page


def test_the_lobby_of_a_live_session_links_to_it(client, joined, store, organiser):
    sessions.change_session_state(store, Actor.staff(organiser), joined.id, "start")
    store.commit()
    page = client.get(f"/j/{joined.join_code}/lobby").get_data(as_text=True)
    assert "The session is live." in page
    assert f'href="/s/{joined.join_code}" data-lobby-go>' in page


def test_the_lobby_state_is_available_for_the_page_to_check(
    client, joined, store, organiser
):
    url = f"/j/{joined.join_code}/state.json"
    assert client.get(url).get_json()["state"] == "waiting"
    sessions.change_session_state(store, Actor.staff(organiser), joined.id, "start")
    store.commit()
    assert client.get(url).get_json() == {
        "state": "live",
        "label": "The session is live.",
        "session_url": f"/s/{joined.join_code}",
    }


def test_the_lobby_without_joining_first_joins(client, joinable, store):
    response = client.get(f"/j/{joinable.join_code}/lobby")
    assert response.headers["Location"] == f"/j/{joinable.join_code}"
    assert count(store, Participant) == 0


def test_a_closed_event_can_no_longer_be_joined(client, joined, store, organiser):
    events.change_event_status(store, Actor.staff(organiser), joined.event_id, "close")
    store.commit()
    assert client.get(f"/j/{joined.join_code}/lobby").status_code == 404


def test_the_public_qr_code_is_an_svg(client, joinable):
    response = client.get(f"/j/{joinable.join_code.lower()}/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"


def test_there_is_no_public_qr_code_for_an_unknown_code(client):
    assert client.get("/j/ZZZ999/qr.svg").status_code == 404
