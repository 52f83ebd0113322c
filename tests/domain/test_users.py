"""Staff accounts: creation, passwords, lockout, logins."""

from datetime import datetime, timedelta

import pytest

from cafe.domain import users
from cafe.domain.errors import Conflict, Forbidden, InvalidInput
from tests.conftest import PASSWORD

NOW = datetime(2026, 11, 24, 12, 0)


def test_a_user_is_stored_with_a_hashed_password_and_a_lowercase_email(db):
    user = users.create_user(db, " Fran@Example.ORG ", PASSWORD, "facilitator")
    assert user.email == "fran@example.org"
    assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    ("email", "password", "role", "field"),
    [
        ("not-an-email", PASSWORD, "admin", "email"),
        ("a@b.org", "short", "admin", "password"),
        ("a@b.org", PASSWORD, "superuser", "role"),
    ],
)
def test_bad_account_details_are_refused_with_the_field(
    db, email, password, role, field
):
    with pytest.raises(InvalidInput) as error:
        users.create_user(db, email, password, role)
    assert error.value.field == field


def test_a_second_account_with_the_same_email_is_refused(db, facilitator):
    with pytest.raises(Conflict):
        users.create_user(db, "FAC@example.org", PASSWORD, "admin")


def test_the_right_password_signs_in(db, facilitator):
    assert users.authenticate(db, "fac@example.org", PASSWORD, now=NOW) is facilitator


def test_an_unknown_email_and_a_wrong_password_get_the_same_message(db, facilitator):
    with pytest.raises(Forbidden) as unknown:
        users.authenticate(db, "nobody@example.org", PASSWORD, now=NOW)
    with pytest.raises(Forbidden) as wrong:
        users.authenticate(db, "fac@example.org", "wrong password", now=NOW)
    assert unknown.value.message == wrong.value.message


def test_repeated_failures_lock_the_account_even_for_the_right_password(
    db, facilitator
):
    for _ in range(5):
        with pytest.raises(Forbidden):
            users.authenticate(db, "fac@example.org", "wrong", now=NOW)
    with pytest.raises(Forbidden, match="locked"):
        users.authenticate(db, "fac@example.org", PASSWORD, now=NOW)


def test_the_lock_ends_after_the_lockout_period(db, facilitator):
    for _ in range(5):
        with pytest.raises(Forbidden):
            users.authenticate(db, "fac@example.org", "wrong", now=NOW)
    later = NOW + timedelta(minutes=16)
    assert users.authenticate(db, "fac@example.org", PASSWORD, now=later) is facilitator


def test_a_disabled_account_cannot_sign_in(db, facilitator):
    users.set_active(db, facilitator, False)
    with pytest.raises(Forbidden, match="disabled"):
        users.authenticate(db, "fac@example.org", PASSWORD, now=NOW)


def test_ending_a_login_revokes_only_that_login(db, facilitator):
    phone, laptop = (
        users.start_login(db, facilitator),
        users.start_login(db, facilitator),
    )
    users.end_login(db, phone.token)
    assert users.user_for_login(db, phone.token) is None
    assert users.user_for_login(db, laptop.token) is facilitator


def test_disabling_a_user_revokes_every_login(db, facilitator):
    login = users.start_login(db, facilitator)
    users.set_active(db, facilitator, False)
    assert users.user_for_login(db, login.token) is None
