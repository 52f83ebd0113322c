"""Who may host a live session."""

from __future__ import annotations

import pytest

from cafe.domain import users
from cafe.domain.actors import Actor
from cafe.domain.errors import Forbidden
from cafe.domain.hosting import require_host
from tests.conftest import PASSWORD


@pytest.mark.parametrize("role", ["facilitator", "admin"])
def test_facilitators_and_admins_may_host(db, quick_hashing, live, role):
    user = users.create_user(db, f"{role}@example.org", PASSWORD, role)
    assert require_host(db, Actor.staff(user), live) is None


def test_a_disabled_facilitator_may_not_host(db, quick_hashing, live):
    user = users.create_user(db, "old@example.org", PASSWORD, "facilitator")
    users.set_active(db, user, False)
    with pytest.raises(Forbidden):
        require_host(db, Actor.staff(user), live)


def test_outsiders_may_not_host(db, outsider, live):
    with pytest.raises(Forbidden):
        require_host(db, outsider, live)
