"""The admin pages: safeguarding lists and retention, for admins alone."""

from __future__ import annotations

import pytest

from cafe.domain import moderation, safeguarding, users
from cafe.models import CrisisTerm, Event, RedactedName
from tests.conftest import PASSWORD
from tests.web.conftest import csrf_token, make_event, refresh, sign_in

PAGE = "/admin/"


@pytest.fixture
def admin_user(store):
    user = users.create_user(store, "admin@example.org", PASSWORD, "admin", "Ade")
    store.commit()
    return user


@pytest.fixture
def admin_client(client, admin_user):
    assert sign_in(client, admin_user.email).status_code == 302
    return client


def post(client, path, data=None, page=PAGE):
    token = csrf_token(client, page)
    return client.post(path, data={"csrf_token": token, **(data or {})})


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_facilitator_may_not_see_the_admin_pages(facilitator_client):
    assert facilitator_client.get(PAGE).status_code == 403
    assert facilitator_client.get("/admin/retention").status_code == 403


def test_a_commissioner_may_not_change_the_lists(commissioner_client, store):
    token = csrf_token(commissioner_client, "/account/tokens")
    response = commissioner_client.post(
        "/admin/crisis-terms", data={"csrf_token": token, "phrase": "spice"}
    )
    assert response.status_code == 403
    refresh(store)
    assert "spice" not in safeguarding.crisis_terms(store)


def test_the_page_shows_the_default_lists_ready_to_edit(admin_client):
    page = admin_client.get(PAGE).get_data(as_text=True)
    assert "overdos*" in page
    assert "Samaritans" in page
    assert moderation.DEFAULT_REASONS[0] in page


def test_an_admin_adds_a_crisis_term(admin_client, store):
    response = post(admin_client, "/admin/crisis-terms", {"phrase": "spice attack"})
    assert response.status_code == 302
    refresh(store)
    assert "spice attack" in safeguarding.crisis_terms(store)
    assert "spice attack" in admin_client.get(PAGE).get_data(as_text=True)


def test_a_refused_change_explains_why(admin_client, store):
    post(admin_client, "/admin/crisis-terms", {"phrase": "overdos*"})
    page = admin_client.get(PAGE).get_data(as_text=True)
    assert "That term is already listed." in page


def test_an_admin_removes_a_crisis_term(admin_client, store):
    admin_client.get(PAGE)
    refresh(store)
    term = store.query(CrisisTerm).filter_by(phrase="od").one()
    post(admin_client, f"/admin/crisis-terms/{term.id}/remove")
    refresh(store)
    assert "od" not in safeguarding.crisis_terms(store)


def test_an_admin_adds_a_local_service_with_its_opening_times(admin_client, store):
    post(
        admin_client,
        "/admin/signposts",
        {
            "name": "City recovery hub",
            "contact": "0161 496 0000",
            "opening_times": "Mon–Fri 9am–5pm",
        },
    )
    refresh(store)
    [hub] = [s for s in safeguarding.signposts(store) if s.name == "City recovery hub"]
    assert hub.opening_times == "Mon–Fri 9am–5pm"


def test_an_admin_adds_a_moderation_reason(admin_client, store):
    post(admin_client, "/admin/reasons", {"label": "Advertising"})
    refresh(store)
    assert "Advertising" in moderation.reasons(store)


def test_an_admin_lists_a_name_to_redact(admin_client, store):
    post(admin_client, "/admin/names", {"name": "The Red Lion"})
    refresh(store)
    assert store.query(RedactedName).one().name == "The Red Lion"


def test_the_lists_refuse_a_form_without_its_token(admin_client):
    response = admin_client.post("/admin/names", data={"name": "Bob"})
    assert response.status_code == 400


def test_the_retention_page_lists_each_event_with_its_period(
    admin_client, store, admin_user
):
    make_event(store, admin_user, title="Spring café")
    page = admin_client.get("/admin/retention").get_data(as_text=True)
    assert "Spring café" in page
    assert 'value="90"' in page


def test_an_admin_changes_an_events_retention(admin_client, store, admin_user):
    event = make_event(store, admin_user, title="Spring café")
    post(
        admin_client,
        f"/admin/events/{event.id}/retention",
        {"retention_days": "30"},
        page="/admin/retention",
    )
    refresh(store)
    assert store.get(Event, event.id).retention_days == 30


def test_a_retention_that_is_not_a_number_is_refused(admin_client, store, admin_user):
    event = make_event(store, admin_user, title="Spring café")
    post(
        admin_client,
        f"/admin/events/{event.id}/retention",
        {"retention_days": "forever"},
        page="/admin/retention",
    )
    page = admin_client.get("/admin/retention").get_data(as_text=True)
    assert "Enter a number of days." in page
