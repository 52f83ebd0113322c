"""Events and series: creation, editing and their lifecycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Event, EventStatus, Series, utcnow
from .actors import Actor
from .audit import record
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .permissions import require_organiser


@dataclass
class EventDetails:
    """What a facilitator types about an event."""

    title: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    place: str = ""
    online_url: str = ""
    accessibility_notes: str = ""
    series_id: int | None = None

    def check(self) -> None:
        if not self.title.strip():
            raise InvalidInput("Give the event a title.", field="title")
        if len(self.title) > 200:
            raise InvalidInput("Keep the title under 200 characters.", field="title")
        if self.ends_at <= self.starts_at:
            raise InvalidInput("The event must end after it starts.", field="ends_at")
        if self.online_url and not self.online_url.startswith(("https://", "http://")):
            raise InvalidInput(
                "The online link must start with https:// or http://.",
                field="online_url",
            )


def create_series(
    db: Session, actor: Actor, title: str, description: str = ""
) -> Series:
    """Create a series of events. Raises Forbidden or InvalidInput."""
    require_organiser(db, actor)
    if not title.strip():
        raise InvalidInput("Give the series a title.", field="title")
    series = Series(title=title.strip(), description=description.strip())
    db.add(series)
    db.flush()
    record(db, actor, "series.create", series, title=series.title)
    return series


def create_event(db: Session, actor: Actor, details: EventDetails) -> Event:
    """Create a draft event. Raises Forbidden, InvalidInput or NotFound (series)."""
    require_organiser(db, actor)
    details.check()
    _check_series(db, details.series_id)
    event = Event(created_by_id=actor.user_id, status=EventStatus.DRAFT)
    _apply(event, details)
    db.add(event)
    db.flush()
    record(db, actor, "event.create", event, title=event.title)
    return event


def update_event(
    db: Session, actor: Actor, event_id: int, details: EventDetails
) -> Event:
    """Edit an event. Raises Forbidden, InvalidInput, NotFound or Conflict."""
    require_organiser(db, actor)
    event = get_event(db, event_id)
    if event.status == EventStatus.ARCHIVED:
        raise Conflict("An archived event cannot be edited.")
    details.check()
    _check_series(db, details.series_id)
    _apply(event, details)
    db.flush()
    record(db, actor, "event.update", event, title=event.title)
    return event


_TRANSITIONS = {
    "publish": ({EventStatus.DRAFT, EventStatus.CLOSED}, EventStatus.PUBLISHED),
    "close": ({EventStatus.PUBLISHED}, EventStatus.CLOSED),
    "archive": ({EventStatus.CLOSED}, EventStatus.ARCHIVED),
}


def change_event_status(db: Session, actor: Actor, event_id: int, action: str) -> Event:
    """Publish, close or archive an event.

    Raises Forbidden, NotFound, InvalidInput (unknown action) or Conflict when the
    event is not in a state that allows it.
    """
    require_organiser(db, actor)
    if action not in _TRANSITIONS:
        raise InvalidInput(f"Unknown action {action!r}.", field="action")
    event = get_event(db, event_id)
    allowed_from, target = _TRANSITIONS[action]
    if event.status not in allowed_from:
        raise Conflict(f"A {event.status.value} event cannot be {target.value}.")
    event.status = target
    if target == EventStatus.CLOSED:
        event.closed_at = utcnow()
    db.flush()
    record(db, actor, f"event.{action}", event)
    return event


def get_event(db: Session, event_id: int) -> Event:
    event = db.get(Event, event_id)
    if event is None:
        raise NotFound("That event does not exist.")
    return event


def list_events(db: Session, actor: Actor) -> list[Event]:
    """Events a member of staff may see, newest first. Raises Forbidden."""
    if not actor.is_staff:
        raise Forbidden("Only staff can list all events.")
    return list(db.scalars(select(Event).order_by(Event.starts_at.desc())))


def list_series(db: Session) -> list[Series]:
    return list(db.scalars(select(Series).order_by(Series.title)))


def _check_series(db: Session, series_id: int | None) -> None:
    if series_id is not None and db.get(Series, series_id) is None:
        raise NotFound("That series does not exist.")


def _apply(event: Event, details: EventDetails) -> None:
    event.title = details.title.strip()
    event.description = details.description.strip()
    event.place = details.place.strip()
    event.online_url = details.online_url.strip()
    event.accessibility_notes = details.accessibility_notes.strip()
    event.starts_at = details.starts_at
    event.ends_at = details.ends_at
    event.series_id = details.series_id
