"""Who may read which summaries.

Staff only. Facilitators and admins may read any event; commissioners only
events that have been published (open, closed or archived), never drafts.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Event, EventStatus, LiveSession, Series, StaffRole, User
from .actors import Actor
from .audit import record
from .errors import Forbidden, NotFound
from .permissions import staff_user

COMMISSIONER_STATUSES = frozenset(
    {EventStatus.PUBLISHED, EventStatus.CLOSED, EventStatus.ARCHIVED}
)


def summary_reader(db: Session, actor: Actor) -> User:
    """The active member of staff behind the actor. Raises Forbidden."""
    user = staff_user(db, actor)
    if not user.can_read_summaries:
        raise Forbidden("Only staff can read summaries.")
    return user


def may_read(user: User, event: Event) -> bool:
    if user.role == StaffRole.COMMISSIONER:
        return event.status in COMMISSIONER_STATUSES
    return True


def readable_event(db: Session, actor: Actor, event_id: int) -> Event:
    """An event whose summary the actor may read. Raises Forbidden or NotFound.

    A draft is reported as not found to a commissioner, so its existence is
    not revealed.
    """
    user = summary_reader(db, actor)
    event = db.get(Event, event_id)
    if event is None or not may_read(user, event):
        raise NotFound("That event does not exist.")
    return event


def readable_session(db: Session, actor: Actor, session_id: int) -> LiveSession:
    """A session whose summary the actor may read. Raises Forbidden or NotFound."""
    user = summary_reader(db, actor)
    live = db.get(LiveSession, session_id)
    if live is None or not may_read(user, live.event):
        raise NotFound("That session does not exist.")
    return live


def readable_series(
    db: Session, actor: Actor, series_id: int
) -> tuple[Series, list[Event]]:
    """A series and those of its events the actor may read.

    Raises Forbidden, or NotFound for an unknown series or one with no event
    the actor may read.
    """
    user = summary_reader(db, actor)
    series = db.get(Series, series_id)
    events = [e for e in series.events if may_read(user, e)] if series else []
    if series is None or not events:
        raise NotFound("That series does not exist.")
    return series, events


def readable_events(db: Session, actor: Actor) -> list[Event]:
    """Every event whose summary the actor may read, newest first. Raises Forbidden."""
    user = summary_reader(db, actor)
    listed = db.scalars(select(Event).order_by(Event.starts_at.desc(), Event.id))
    return [event for event in listed if may_read(user, event)]


def record_download(
    db: Session, actor: Actor, target: Event | LiveSession | Series, fmt: str
) -> None:
    """Note in the audit log who took a summary away, and in which format."""
    session_id = target.id if isinstance(target, LiveSession) else None
    record(db, actor, "summary.download", target, session_id=session_id, format=fmt)
