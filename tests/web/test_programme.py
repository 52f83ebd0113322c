"""The public programme: event lists by series, event pages, calendar file, feed."""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

import pytest

from cafe.domain import events, sessions
from cafe.domain.actors import Actor
from cafe.domain.events import EventDetails
from cafe.domain.sessions import SessionDetails
from tests.web.conftest import make_event

ATOM = "{http://www.w3.org/2005/Atom}"


def event_in(store, organiser, title, *, days, status="publish", series=None):
    """An event some days from now (negative: in the past), 18:00 to 20:00."""
    actor = Actor.staff(organiser)
    day = datetime.now().replace(hour=18, minute=0, second=0, microsecond=0)
    starts = day + timedelta(days=days)
    details = EventDetails(
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Central Library, room 2",
        series_id=series.id if series else None,
    )
    event = events.create_event(store, actor, details)
    if status:
        events.change_event_status(store, actor, event.id, status)
    store.commit()
    return event


@pytest.fixture
def monthly(store, organiser):
    series = events.create_series(
        store, Actor.staff(organiser), "Monthly social media café"
    )
    store.commit()
    return series


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_programme_lists_upcoming_and_past_events_by_series(
    client, store, organiser, monthly
):
    event_in(store, organiser, "March café", days=-30, series=monthly)
    event_in(store, organiser, "May café", days=30, series=monthly)
    event_in(store, organiser, "Consultation on housing", days=10)
    text = page(client, "/events")
    coming, past = text.split("Past events")
    assert "May café" in coming and "Consultation on housing" in coming
    assert "March café" in past and "March café" not in coming
    assert coming.index("Monthly social media café") < coming.index("One-off events")


def test_draft_and_archived_events_are_never_public(client, store, organiser):
    draft = event_in(store, organiser, "Secret plans", days=5, status=None)
    old = event_in(store, organiser, "Old café", days=-60)
    for action in ("close", "archive"):
        events.change_event_status(store, Actor.staff(organiser), old.id, action)
    store.commit()
    listed = page(client, "/events")
    assert "Secret plans" not in listed and "Old café" not in listed
    assert client.get(f"/events/{old.id}").status_code == 404
    for url in (f"/events/{draft.id}", f"/events/{draft.id}.ics"):
        assert client.get(url).status_code == 404
    assert "Secret plans" not in client.get("/events.atom").get_data(as_text=True)


def test_an_event_page_shows_its_details_and_agenda(client, store, organiser):
    event = make_event(store, organiser, publish=True, sessions_titles=["Welcome"])
    actor = Actor.staff(organiser)
    details = SessionDetails(
        "Open Q&A",
        description="Ask us anything",
        starts_at=datetime(2030, 6, 14, 18, 30),
        ends_at=datetime(2030, 6, 14, 19, 30),
    )
    sessions.create_session(store, actor, event.id, details)
    store.commit()
    text = page(client, f"/events/{event.id}")
    assert "Central Library, room 2" in text
    assert "Step-free entrance on Park Street." in text
    assert "18:30–19:30" in text and "Open Q&amp;A" in text
    assert f"/events/{event.id}.ics" in text


def test_a_join_button_shows_only_while_a_session_is_live(client, store, organiser):
    event = make_event(store, organiser, publish=True, sessions_titles=["Open Q&A"])
    live = event.sessions[0]
    assert "Join Open Q&amp;A" not in page(client, f"/events/{event.id}")
    sessions.change_session_state(store, Actor.staff(organiser), live.id, "start")
    store.commit()
    text = page(client, f"/events/{event.id}")
    assert "Join Open Q&amp;A" in text and f"/j/{live.join_code}" in text


def test_the_calendar_file_holds_the_event_in_utc(client, store, organiser):
    event = make_event(store, organiser, publish=True, sessions_titles=["Welcome"])
    response = client.get(f"/events/{event.id}.ics")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "DTSTART:20300614T170000Z" in body  # 18:00 British Summer Time
    assert "DTEND:20300614T190000Z" in body
    assert "LOCATION:Central Library\\, room 2" in body
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")


def test_long_calendar_lines_are_folded(client, store, organiser):
    event = make_event(store, organiser, title="Café " * 30, publish=True)
    body = client.get(f"/events/{event.id}.ics").get_data()
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))


def test_the_feed_lists_upcoming_public_events(client, store, organiser):
    event_in(store, organiser, "Next café", days=7)
    event_in(store, organiser, "Last café", days=-7)
    response = client.get("/events.atom")
    feed = ET.fromstring(response.data)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert response.mimetype == "application/atom+xml"
    assert titles == ["Next café"]


def test_a_series_page_lists_its_events(client, store, organiser, monthly):
    event_in(store, organiser, "June café", days=20, series=monthly)
    event_in(store, organiser, "Draft café", days=50, status=None, series=monthly)
    text = page(client, f"/series/{monthly.id}")
    assert "June café" in text and "Draft café" not in text


def test_a_series_with_no_public_event_is_not_found(client, store, organiser, monthly):
    event_in(store, organiser, "Draft café", days=50, status=None, series=monthly)
    assert client.get(f"/series/{monthly.id}").status_code == 404


def test_event_text_is_escaped(client, store, organiser):
    event = make_event(store, organiser, title="<script>x</script>", publish=True)
    assert "<script>x</script>" not in page(client, f"/events/{event.id}")


def test_the_you_said_page_of_an_event_is_still_reached(client, store, organiser):
    event = make_event(store, organiser, publish=True)
    assert client.get(f"/events/{event.id}/you-said-we-did").status_code == 200
