"""Who is asking: the signed-in member of staff, or this browser's participant.

Staff: Flask-Login keeps the token of a StaffLogin row, not the user id, so that
logging out (or disabling the user) revokes that login for HTTP and sockets alike.
Participants: the signed session cookie maps session ids to participant tokens.
"""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, session
from flask_login import UserMixin, current_user
from sqlalchemy.orm import Session

from ..db import db
from ..domain import participants, users
from ..domain.actors import Actor
from ..extensions import login_manager
from ..models import LiveSession, Participant, User

_PARTICIPANTS_KEY = "participants"


class StaffPrincipal(UserMixin):
    """The Flask-Login user: a staff User seen through one login."""

    def __init__(self, user: User, login_token: str) -> None:
        self.user = user
        self.login_token = login_token

    def get_id(self) -> str:
        return self.login_token

    @property
    def actor(self) -> Actor:
        return Actor.staff(self.user)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.session_protection = "basic"
    login_manager.user_loader(_load_principal)


def _load_principal(token: str) -> StaffPrincipal | None:
    user = users.user_for_login(db.session, token)
    return StaffPrincipal(user, token) if user else None


def staff_actor() -> Actor | None:
    """The Actor of the signed-in member of staff, or None."""
    return current_user.actor if current_user.is_authenticated else None


def login_token() -> str | None:
    """The staff login token in this browser's cookie (used by the socket layer)."""
    return session.get("_user_id")


def organiser_required(view):
    """Only a signed-in, active facilitator or admin may use the view."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.user.can_run_sessions:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def staff_required(view):
    """Any signed-in, active member of staff may use the view."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return wrapped


def remember_participant(session_id: int, token: str) -> None:
    tokens = dict(session.get(_PARTICIPANTS_KEY, {}))
    tokens[str(session_id)] = token
    session[_PARTICIPANTS_KEY] = tokens
    session.permanent = True


def participant_token(session_id: int) -> str | None:
    return session.get(_PARTICIPANTS_KEY, {}).get(str(session_id))


def current_participant(dbs: Session, live: LiveSession) -> Participant | None:
    """This browser's participant in the session, or None if it has not joined."""
    return participants.from_token(dbs, live.id, participant_token(live.id))
