"""Rights checked against the database, never against what a browser claims."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import User
from .actors import Actor
from .errors import Forbidden


def staff_user(db: Session, actor: Actor) -> User:
    """The active staff user behind an actor. Raises Forbidden otherwise."""
    user = db.get(User, actor.id) if actor.is_staff else None
    if user is None or not user.active:
        raise Forbidden("Only signed-in staff can do that.")
    return user


def require_organiser(db: Session, actor: Actor) -> User:
    """An admin or facilitator. Raises Forbidden for anyone else."""
    user = staff_user(db, actor)
    if not user.can_run_sessions:
        raise Forbidden("Only facilitators and admins can do that.")
    return user
