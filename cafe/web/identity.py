"""Who is asking: the signed-in member of staff, or this browser's participant.

Staff: Flask-Login keeps the token of a StaffLogin row, not the user id, so that
logging out (or disabling the user) revokes that login for HTTP and sockets alike.
Participants: the signed session cookie maps session ids to participant tokens.
Guest hosts: the signed session cookie holds the credential given when the guest
accepted their link; their rights are checked against the database each time.
"""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, session
from flask_login import UserMixin, current_user
from sqlalchemy.orm import Session

from ..db import db
from ..domain import guests, participants, users
from ..domain.actors import Actor
from ..extensions import login_manager
from ..models import GuestInvite, LiveSession, Participant, User

_PARTICIPANTS_KEY = "participants"
_GUEST_KEY = "guest"


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


def remember_guest(credential: str) -> None:
    session[_GUEST_KEY] = credential
    session.permanent = True


def forget_guest() -> None:
    session.pop(_GUEST_KEY, None)


def guest_credential() -> str | None:
    """The guest host credential in this browser's cookie (also read by sockets)."""
    return session.get(_GUEST_KEY)


def current_guest(dbs: Session) -> GuestInvite | None:
    """The accepted invitation of this browser's guest host, whatever its state."""
    return guests.invite_for_credential(dbs, guest_credential())


def host_actor() -> Actor | None:
    """Who may be hosting: signed-in staff first, else this browser's guest host.

    Whether they may host a given session is for domain.hosting to say.
    """
    if current_user.is_authenticated:
        return current_user.actor
    invite = current_guest(db.session)
    return Actor.guest(invite) if invite else None


def host_required(view):
    """Signed-in facilitators and admins, or a browser holding a guest credential."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user.is_authenticated:
            if not current_user.user.can_run_sessions:
                abort(403)
        elif current_guest(db.session) is None:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return wrapped
