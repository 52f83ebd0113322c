"""The public café programme: published and closed events, grouped by series.

Draft and archived events are never shown. Event times are local wall-clock
times, so "now" is passed in as local time by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Event, EventStatus, Series
from .errors import NotFound
from .polls import is_row_id

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CLOSED)


@dataclass
class SeriesGroup:
    """A series (None for one-off events) and its public events."""

    series: Series | None
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True)
class Programme:
    upcoming: list[SeriesGroup]
    past: list[SeriesGroup]


def programme(db: Session, now: datetime) -> Programme:
    """Upcoming events soonest first and past events latest first, by series."""
    listed = public_events(db)
    upcoming = [e for e in listed if e.ends_at >= now]
    past = [e for e in reversed(listed) if e.ends_at < now]
    return Programme(_grouped(upcoming), _grouped(past))


def public_events(db: Session) -> list[Event]:
    """Every public event, soonest first."""
    stmt = select(Event).where(Event.status.in_(PUBLIC_STATUSES))
    return list(db.scalars(stmt.order_by(Event.starts_at, Event.id)))


def upcoming_events(db: Session, now: datetime) -> list[Event]:
    """Public events that have not ended yet, soonest first."""
    stmt = select(Event).where(Event.status.in_(PUBLIC_STATUSES), Event.ends_at >= now)
    return list(db.scalars(stmt.order_by(Event.starts_at, Event.id)))


def public_event(db: Session, event_id: Any) -> Event:
    """A public event. Raises NotFound for a draft, archived or unknown one."""
    event = db.get(Event, event_id) if is_row_id(event_id) else None
    if event is None or event.status not in PUBLIC_STATUSES:
        raise NotFound("That event does not exist or is not public.")
    return event


def public_series(db: Session, series_id: Any) -> tuple[Series, list[Event]]:
    """A series and its public events, soonest first.

    Raises NotFound for an unknown series or one with no public event.
    """
    series = db.get(Series, series_id) if is_row_id(series_id) else None
    events = [e for e in series.events if e.status in PUBLIC_STATUSES] if series else []
    if series is None or not events:
        raise NotFound("That series does not exist or has no public events.")
    return series, events


def _grouped(events: list[Event]) -> list[SeriesGroup]:
    """Groups in the order their first event appears; one-off events last."""
    groups: dict[int | None, SeriesGroup] = {}
    for event in events:
        key = event.series_id
        if key not in groups:
            groups[key] = SeriesGroup(event.series)
        groups[key].events.append(event)
    named = [g for key, g in groups.items() if key is not None]
    return named + ([groups[None]] if None in groups else [])
