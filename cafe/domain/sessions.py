"""Live sessions: creation, editing, state, and finding one by its code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import EventStatus, LiveSession, ModerationMode, SessionState
from . import joincodes
from .actors import Actor
from .audit import record
from .errors import Conflict, InvalidInput, NotFound
from .events import get_event
from .permissions import require_organiser


@dataclass
class SessionDetails:
    title: str
    description: str = ""
    moderation_mode: str = ModerationMode.POST.value
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    facilitator_notes: str = ""

    def check(self) -> ModerationMode:
        if not self.title.strip():
            raise InvalidInput("Give the session a title.", field="title")
        if len(self.title) > 200:
            raise InvalidInput("Keep the title under 200 characters.", field="title")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise InvalidInput("The session must end after it starts.", field="ends_at")
        try:
            return ModerationMode(self.moderation_mode)
        except ValueError:
            raise InvalidInput(
                "Moderation must be 'post' or 'pre'.", field="moderation_mode"
            ) from None


def create_session(
    db: Session, actor: Actor, event_id: int, details: SessionDetails
) -> LiveSession:
    """Add a session with a new join code. Raises Forbidden, NotFound, InvalidInput."""
    require_organiser(db, actor)
    event = get_event(db, event_id)
    if event.status in (EventStatus.CLOSED, EventStatus.ARCHIVED):
        raise Conflict("Sessions cannot be added to a closed event.")
    mode = details.check()
    position = db.scalar(
        select(func.count(LiveSession.id)).where(LiveSession.event_id == event.id)
    )
    live = LiveSession(event=event, join_code=unused_code(db), position=position)
    _apply(live, details, mode)
    db.add(live)
    db.flush()
    record(db, actor, "session.create", live, session_id=live.id, title=live.title)
    return live


def update_session(
    db: Session, actor: Actor, session_id: int, details: SessionDetails
) -> LiveSession:
    """Change a session's details. Raises Forbidden, NotFound or InvalidInput."""
    require_organiser(db, actor)
    live = get_session(db, session_id)
    mode = details.check()
    _apply(live, details, mode)
    db.flush()
    record(db, actor, "session.update", live, session_id=live.id, title=live.title)
    return live


_STATE_ACTIONS = {
    "start": ({SessionState.SCHEDULED, SessionState.ENDED}, SessionState.LIVE),
    "end": ({SessionState.LIVE}, SessionState.ENDED),
}


def change_session_state(
    db: Session, actor: Actor, session_id: int, action: str
) -> LiveSession:
    """Start (or restart) or end a session.

    Raises Forbidden, NotFound, InvalidInput (unknown action) or Conflict.
    """
    require_organiser(db, actor)
    if action not in _STATE_ACTIONS:
        raise InvalidInput(f"Unknown action {action!r}.", field="action")
    live = get_session(db, session_id)
    allowed_from, target = _STATE_ACTIONS[action]
    if live.state not in allowed_from:
        raise Conflict(f"A {live.state.value} session cannot be {action}ed.")
    if target == SessionState.LIVE and live.event.status != EventStatus.PUBLISHED:
        raise Conflict("Publish the event before starting one of its sessions.")
    live.state = target
    db.flush()
    record(db, actor, f"session.{action}", live, session_id=live.id)
    return live


def get_session(db: Session, session_id: int) -> LiveSession:
    live = db.get(LiveSession, session_id)
    if live is None:
        raise NotFound("That session does not exist.")
    return live


def find_by_code(db: Session, typed_code: str) -> LiveSession:
    """The joinable session for a typed code.

    Raises InvalidInput for a malformed code and NotFound for an unknown one or
    one whose event is not published.
    """
    code = joincodes.normalise(typed_code)
    if not joincodes.looks_valid(code):
        raise InvalidInput(
            "A join code has 6 letters and numbers, like ABC 234.", field="code"
        )
    live = db.scalar(select(LiveSession).where(LiveSession.join_code == code))
    if live is None or live.event.status != EventStatus.PUBLISHED:
        raise NotFound("No open session has that code. Check it and try again.")
    return live


def unused_code(db: Session) -> str:
    """A join code no session has yet."""
    while True:
        code = joincodes.new_code()
        taken = db.scalar(select(LiveSession.id).where(LiveSession.join_code == code))
        if taken is None:
            return code


def _apply(live: LiveSession, details: SessionDetails, mode: ModerationMode) -> None:
    live.title = details.title.strip()
    live.description = details.description.strip()
    live.moderation_mode = mode
    live.starts_at = details.starts_at
    live.ends_at = details.ends_at
    live.facilitator_notes = details.facilitator_notes.strip()
