"""The summaries API: bearer tokens only, the same rules as the download pages."""

from __future__ import annotations

import pytest

from cafe.domain import api_tokens, users
from cafe.domain.actors import Actor
from tests.exports.factories import join_as_participant, sign_in_as, small_world


@pytest.fixture
def world(store):
    return small_world(store)


def _token(store, role: str) -> str:
    user = users.create_user(
        store, f"{role}-api@example.org", "correct horse battery", role
    )
    _, secret = api_tokens.create_token(store, Actor.staff(user), "Tests")
    store.commit()
    return secret


def _urls(world, draft: bool = False) -> list[str]:
    event = world.draft if draft else world.closed
    live = world.draft_live if draft else world.live
    return [
        f"/api/v1/events/{event.id}/summary",
        f"/api/v1/sessions/{live.id}/summary",
    ]


def _all(world) -> list[str]:
    return _urls(world) + [f"/api/v1/series/{world.series.id}/summary"]


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer cafe_not-a-real-token",
        "Token cafe_x",
        "Basic dXNlcjpwYXNz",
    ],
)
def test_a_missing_or_bad_token_is_unauthorised(client, world, header):
    headers = {"Authorization": header} if header else {}
    for url in _all(world):
        response = client.get(url, headers=headers)
        assert response.status_code == 401, url
        assert response.get_json()["error"]["code"] == "unauthorised"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("persona", ["participant", "commissioner"])
def test_a_browser_cookie_is_not_a_credential(client, store, world, persona):
    if persona == "participant":
        join_as_participant(client, store, world.live)
    else:
        sign_in_as(client, store, persona)
    for url in _all(world):
        assert client.get(url).status_code == 401, url


@pytest.mark.parametrize("role", ["facilitator", "commissioner", "admin"])
def test_staff_tokens_read_summaries_of_a_closed_event(client, store, world, role):
    headers = _bearer(_token(store, role))
    for url in _all(world):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store"
        assert response.get_json()["k"] == 5


def test_a_commissioners_token_does_not_find_drafts(client, store, world):
    headers = _bearer(_token(store, "commissioner"))
    for url in _urls(world, draft=True):
        response = client.get(url, headers=headers)
        assert response.status_code == 404, url
        assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("role", ["facilitator", "admin"])
def test_organisers_tokens_read_drafts(client, store, world, role):
    headers = _bearer(_token(store, role))
    for url in _urls(world, draft=True):
        assert client.get(url, headers=headers).status_code == 200, url


def test_an_unknown_event_is_not_found(client, store, world):
    headers = _bearer(_token(store, "facilitator"))
    assert client.get("/api/v1/events/9999/summary", headers=headers).status_code == 404


def test_a_revoked_token_stops_working_at_once(client, store, world):
    user = users.create_user(
        store, "c@example.org", "correct horse battery", "commissioner"
    )
    token, secret = api_tokens.create_token(store, Actor.staff(user), "Board")
    store.commit()
    url = _urls(world)[0]
    assert client.get(url, headers=_bearer(secret)).status_code == 200
    api_tokens.revoke_token(store, Actor.staff(user), token.id)
    store.commit()
    assert client.get(url, headers=_bearer(secret)).status_code == 401


def test_a_disabled_users_token_stops_working(client, store, world):
    user = users.create_user(
        store, "c@example.org", "correct horse battery", "commissioner"
    )
    _, secret = api_tokens.create_token(store, Actor.staff(user), "Board")
    users.set_active(store, user, False)
    store.commit()
    assert client.get(_urls(world)[0], headers=_bearer(secret)).status_code == 401


def test_the_json_matches_the_downloaded_json(client, store, world):
    secret = _token(store, "commissioner")
    api = client.get(_urls(world)[0], headers=_bearer(secret)).get_json()
    sign_in_as(client, store, "commissioner")
    download = client.get(
        f"/summaries/events/{world.closed.id}/summary.json"
    ).get_json()
    api.pop("generated_at"), download.pop("generated_at")
    assert api["sections"] == download["sections"]


def test_api_calls_need_no_csrf_token_and_refuse_writes(client, store, world):
    headers = _bearer(_token(store, "admin"))
    response = client.post(_urls(world)[0], headers=headers)
    assert response.status_code == 405
