"""Personal API tokens: shown once, stored as a hash, revocable."""

from __future__ import annotations

import pytest

from cafe.domain import api_tokens, users
from cafe.domain.actors import Actor
from cafe.domain.errors import Forbidden, InvalidInput, NotFound
from cafe.models import ApiToken
from tests.conftest import PASSWORD


def test_a_new_token_is_returned_once_and_only_its_hash_is_stored(db, commissioner):
    token, secret = api_tokens.create_token(db, Actor.staff(commissioner), "Board")
    assert secret.startswith("cafe_") and len(secret) > 40
    stored = db.get(ApiToken, token.id)
    assert stored.token_hash == api_tokens.hash_token(secret)
    assert secret not in (stored.token_hash, stored.name)


def test_the_token_finds_its_user_and_notes_when_it_was_used(db, commissioner):
    token, secret = api_tokens.create_token(db, Actor.staff(commissioner), "Board")
    assert api_tokens.user_for_token(db, secret) is commissioner
    assert token.last_used_at is not None


@pytest.mark.parametrize("secret", [None, "", "cafe_wrong", "not-a-token"])
def test_an_unknown_token_finds_nobody(db, secret):
    assert api_tokens.user_for_token(db, secret) is None


def test_a_revoked_token_finds_nobody(db, commissioner):
    actor = Actor.staff(commissioner)
    token, secret = api_tokens.create_token(db, actor, "Board")
    api_tokens.revoke_token(db, actor, token.id)
    assert api_tokens.user_for_token(db, secret) is None


def test_a_disabled_users_token_finds_nobody(db, commissioner):
    _, secret = api_tokens.create_token(db, Actor.staff(commissioner), "Board")
    users.set_active(db, commissioner, False)
    assert api_tokens.user_for_token(db, secret) is None


def test_nobody_can_revoke_someone_elses_token(db, commissioner, facilitator):
    token, _ = api_tokens.create_token(db, Actor.staff(commissioner), "Board")
    with pytest.raises(NotFound):
        api_tokens.revoke_token(db, Actor.staff(facilitator), token.id)


def test_each_user_lists_only_their_own_tokens(db, commissioner, facilitator):
    api_tokens.create_token(db, Actor.staff(commissioner), "Mine")
    api_tokens.create_token(db, Actor.staff(facilitator), "Theirs")
    listed = api_tokens.list_tokens(db, Actor.staff(commissioner))
    assert [t.name for t in listed] == ["Mine"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_token_needs_a_sensible_name(db, commissioner, name):
    with pytest.raises(InvalidInput):
        api_tokens.create_token(db, Actor.staff(commissioner), name)


def test_participants_cannot_create_tokens(db):
    with pytest.raises(Forbidden):
        api_tokens.create_token(db, Actor("participant", 1, "Quiet Heron"), "Mine")


def test_any_active_staff_role_may_create_a_token(db):
    admin = users.create_user(db, "admin@example.org", PASSWORD, "admin")
    token, _ = api_tokens.create_token(db, Actor.staff(admin), "Admin tools")
    assert token.user_id == admin.id
