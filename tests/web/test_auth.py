"""Staff sign-in and sign-out over HTTP."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from cafe.models import StaffLogin, User
from tests.web.conftest import count, csrf_token, refresh, sign_in, submit


def test_signing_in_takes_a_facilitator_to_the_workspace(client, organiser):
    response = sign_in(client, "FAC@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/workspace/"
    assert "Sign out" in client.get("/workspace/").get_data(as_text=True)


def test_signing_in_takes_a_commissioner_to_the_staff_home(client, commissioner_user):
    response = sign_in(client, commissioner_user.email)
    assert response.headers["Location"] == "/home"


def test_a_wrong_password_says_so_and_does_not_sign_in(client, organiser):
    response = sign_in(client, organiser.email, "not the password")
    assert response.status_code == 401
    assert "E-mail or password is not right." in response.get_data(as_text=True)
    assert client.get("/workspace/").status_code == 302


def test_an_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    response = sign_in(client, "nobody@example.org", "whatever it is")
    assert "E-mail or password is not right." in response.get_data(as_text=True)


def test_an_empty_form_asks_for_both_fields(client):
    response = submit(client, "/login", {"email": "", "password": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter your e-mail address." in page
    assert "Enter your password." in page


def test_the_account_locks_after_repeated_failures(app, client, organiser, store):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        sign_in(client, organiser.email, "wrong password")
    response = sign_in(client, organiser.email)
    assert response.status_code == 401
    assert "locked" in response.get_data(as_text=True)
    refresh(store)
    assert store.get(User, organiser.id).locked_until is not None


def test_a_login_without_a_csrf_token_is_refused(client, organiser):
    response = client.post(
        "/login", data={"email": organiser.email, "password": "correct horse battery"}
    )
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)
    assert client.get("/workspace/").status_code == 302


def test_signing_in_starts_a_fresh_session(client, organiser):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    sign_in(client, organiser.email)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_the_next_page_is_followed_when_it_is_on_this_site(client, organiser):
    response = sign_in(client, organiser.email, next_url="/workspace/series/new")
    assert response.headers["Location"] == "/workspace/series/new"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "x"]
)
def test_a_next_page_on_another_site_is_ignored(client, organiser, target):
    response = sign_in(client, organiser.email, next_url=quote(target, safe=""))
    assert response.headers["Location"] == "/workspace/"


def test_signing_out_revokes_the_login_even_for_a_copied_cookie(
    client, organiser, store
):
    sign_in(client, organiser.email)
    old_cookie = client.get_cookie("session").value
    token = csrf_token(client, "/workspace/")
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    client.set_cookie("session", old_cookie)
    assert client.get("/workspace/").status_code == 302
    refresh(store)
    assert store.query(StaffLogin).one().revoked_at is not None


def test_signing_out_needs_a_post_with_a_csrf_token(facilitator_client):
    assert facilitator_client.get("/logout").status_code == 405
    assert facilitator_client.post("/logout").status_code == 400
    assert facilitator_client.get("/workspace/").status_code == 200


def test_the_session_cookie_is_http_only_and_same_site_lax(client, organiser):
    sign_in(client, organiser.email)
    cookie = client.get_cookie("session")
    assert cookie.http_only
    assert cookie.same_site == "Lax"


def test_a_signed_in_member_of_staff_skips_the_sign_in_page(facilitator_client):
    response = facilitator_client.get("/login")
    assert response.status_code == 302


def test_each_sign_in_records_one_login(client, organiser, store):
    sign_in(client, organiser.email)
    assert count(store, StaffLogin) == 1
