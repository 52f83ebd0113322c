"""Who may host a live session: run its questions and polls."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import LiveSession
from .actors import Actor
from .permissions import require_organiser


def require_host(db: Session, actor: Actor, live_session: LiveSession) -> None:
    """Allow only those who may host this session. Raises Forbidden otherwise.

    Today that is an active facilitator or admin; the session is passed so that
    rights scoped to one session can be checked here too.
    """
    require_organiser(db, actor)
