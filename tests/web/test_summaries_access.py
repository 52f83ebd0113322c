"""Who may open each summary page and download each summary."""

from __future__ import annotations

import pytest

from tests.exports.factories import join_as_participant, sign_in_as, small_world

FORMATS = ["csv", "xlsx", "pdf", "json"]
STAFF = ["facilitator", "commissioner", "admin"]


@pytest.fixture
def world(store):
    return small_world(store)


def _downloads(world, draft: bool = False) -> list[str]:
    event = world.draft if draft else world.closed
    live = world.draft_live if draft else world.live
    urls = [f"/summaries/events/{event.id}/summary.{fmt}" for fmt in FORMATS]
    urls += [f"/summaries/sessions/{live.id}/summary.{fmt}" for fmt in FORMATS]
    return urls


def _pages(world) -> list[str]:
    return [
        "/summaries/",
        f"/summaries/events/{world.closed.id}",
        f"/summaries/events/{world.closed.id}/you-said-we-did",
        "/account/tokens",
    ]


def _everything(world) -> list[str]:
    series = [f"/summaries/series/{world.series.id}/summary.{fmt}" for fmt in FORMATS]
    return _pages(world) + _downloads(world) + series


def _as(persona: str, client, store, world):
    if persona == "participant":
        join_as_participant(client, store, world.live)
    elif persona != "anonymous":
        sign_in_as(client, store, persona)
    return client


@pytest.mark.parametrize("persona", ["anonymous", "participant"])
def test_people_who_are_not_staff_are_sent_to_sign_in(client, store, world, persona):
    _as(persona, client, store, world)
    for url in _everything(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"], url


@pytest.mark.parametrize("persona", STAFF)
def test_staff_open_every_page_and_download_of_a_closed_event(
    client, store, world, persona
):
    _as(persona, client, store, world)
    for url in _everything(world):
        assert client.get(url).status_code == 200, url


def test_a_commissioner_cannot_see_a_draft_event(client, store, world):
    _as("commissioner", client, store, world)
    urls = _downloads(world, draft=True) + [
        f"/summaries/events/{world.draft.id}",
        f"/summaries/events/{world.draft.id}/you-said-we-did",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("persona", ["facilitator", "admin"])
def test_facilitators_and_admins_download_drafts_too(client, store, world, persona):
    _as(persona, client, store, world)
    for url in _downloads(world, draft=True):
        assert client.get(url).status_code == 200, url


def test_a_commissioners_series_summary_leaves_out_drafts(client, store, world):
    _as("commissioner", client, store, world)
    data = client.get(f"/summaries/series/{world.series.id}/summary.json").get_json()
    events = next(s for s in data["sections"] if s["key"] == "events")["tables"][0]
    assert [row["event"] for row in events["rows"]] == [
        "Closed café (2030-03-04)",
        "All events",
    ]


def test_an_unknown_format_is_not_found(client, store, world):
    _as("facilitator", client, store, world)
    assert (
        client.get(f"/summaries/events/{world.closed.id}/summary.exe").status_code
        == 404
    )


def test_the_index_lists_only_what_a_commissioner_may_read(client, store, world):
    _as("commissioner", client, store, world)
    page = client.get("/summaries/").get_data(as_text=True)
    assert "Closed café" in page
    assert "Draft café" not in page
