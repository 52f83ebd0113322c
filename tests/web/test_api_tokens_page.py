"""The account page where staff create and revoke their API tokens."""

from __future__ import annotations

import re

from cafe.domain import api_tokens
from cafe.models import ApiToken
from tests.exports.factories import sign_in_as
from tests.web.conftest import count, csrf_token, submit

TOKEN = re.compile(r'id="new-token"[^>]*value="(cafe_[^"]+)"')


def test_a_new_token_is_shown_once_and_never_cached(client, store):
    sign_in_as(client, store, "commissioner")
    response = submit(client, "/account/tokens", {"name": "Board dashboard"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    secret = TOKEN.search(response.get_data(as_text=True)).group(1)
    stored = store.query(ApiToken).one()
    assert stored.token_hash == api_tokens.hash_token(secret)
    again = client.get("/account/tokens").get_data(as_text=True)
    assert secret not in again and "Board dashboard" in again


def test_the_created_token_opens_the_api(client, store):
    sign_in_as(client, store, "commissioner")
    page = submit(client, "/account/tokens", {"name": "Board"}).get_data(as_text=True)
    secret = TOKEN.search(page).group(1)
    fresh = client.application.test_client()  # no cookie: the token alone
    response = fresh.get(
        "/api/v1/events/999/summary", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 404  # authenticated; the event does not exist


def test_a_token_without_a_name_is_refused(client, store):
    sign_in_as(client, store, "facilitator")
    response = submit(client, "/account/tokens", {"name": "  "})
    assert response.status_code == 400
    assert "Give the token a name" in response.get_data(as_text=True)
    assert count(store, ApiToken) == 0


def test_revoking_a_token_needs_the_csrf_token(client, store):
    sign_in_as(client, store, "commissioner")
    submit(client, "/account/tokens", {"name": "Board"})
    token = store.query(ApiToken).one()
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 400
    response = client.post(
        f"/account/tokens/{token.id}/revoke",
        data={"csrf_token": csrf_token(client, "/account/tokens")},
    )
    assert response.status_code == 302
    store.expire_all()
    assert store.get(ApiToken, token.id).revoked_at is not None


def test_nobody_revokes_another_persons_token(client, store):
    sign_in_as(client, store, "commissioner")
    submit(client, "/account/tokens", {"name": "Mine"})
    token = store.query(ApiToken).one()
    other = client.application.test_client()
    sign_in_as(other, store, "facilitator")
    response = other.post(
        f"/account/tokens/{token.id}/revoke",
        data={"csrf_token": csrf_token(other, "/account/tokens")},
    )
    assert response.status_code == 404
    store.expire_all()
    assert store.get(ApiToken, token.id).revoked_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/account/tokens")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
