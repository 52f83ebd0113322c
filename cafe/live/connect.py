"""Connecting and disconnecting: who the socket is, and which rooms it joins."""

from __future__ import annotations

from flask import request
from flask_socketio import ConnectionRefusedError, emit, join_room

from ..db import db
from ..domain.actors import Actor
from ..domain.errors import DomainError, Forbidden, InvalidInput, NotFound
from ..domain.guests import invite_for_credential
from ..domain.hosting import require_host
from ..domain.participants import from_token
from ..domain.users import user_for_login
from ..models import LiveSession
from ..web import identity
from . import handover, rooms
from .connections import Connection, registry
from .publisher import state_for

VIEWS = ("participant", "host", "presenter")


def register(socketio, publisher) -> None:
    @socketio.on("connect")
    def on_connect(auth=None):
        try:
            connection, state = _admit(auth)
        except DomainError as problem:
            raise ConnectionRefusedError(_refusal(problem)) from None
        registry.add(connection)
        _join_rooms(connection)
        emit("session_state", state)
        handover.greet(connection)
        publisher.count_changed(connection.session_id)
        publisher.start()

    @socketio.on("disconnect")
    def on_disconnect(reason=None):
        connection = registry.remove(request.sid)
        if connection is not None:
            publisher.count_changed(connection.session_id)


def _admit(auth) -> tuple[Connection, dict]:
    session_id, view = _parse(auth)
    with db.session_scope() as session:
        live = session.get(LiveSession, session_id)
        if live is None:
            raise NotFound("That session does not exist.")
        if view == "participant":
            participant = from_token(
                session, live.id, identity.participant_token(live.id)
            )
            if participant is None:
                raise Forbidden("Join the session with its code first.")
            connection = Connection(request.sid, live.id, view, participant.id)
        else:
            connection = _host_connection(session, live, view)
        return connection, state_for(session, live, connection)


def _host_connection(session, live: LiveSession, view: str) -> Connection:
    """Signed-in staff, or failing that the guest host this browser accepted as."""
    token = identity.login_token()
    user = user_for_login(session, token)
    if user is not None:
        require_host(session, Actor.staff(user), live)
        return Connection(request.sid, live.id, view, login_token=token)
    invite = invite_for_credential(session, identity.guest_credential())
    if invite is None:
        raise Forbidden("Sign in to host or present this session.")
    require_host(session, Actor.guest(invite), live)
    return Connection(request.sid, live.id, view, guest_invite_id=invite.id)


def _parse(auth) -> tuple[int, str]:
    if not isinstance(auth, dict):
        raise InvalidInput("Connect with {session_id, view}.")
    session_id, view = auth.get("session_id"), auth.get("view")
    if isinstance(session_id, bool) or not isinstance(session_id, int):
        raise InvalidInput("session_id must be a whole number.", field="session_id")
    if view not in VIEWS:
        raise InvalidInput(f"view must be one of {', '.join(VIEWS)}.", field="view")
    return session_id, view


def _join_rooms(connection: Connection) -> None:
    join_room(rooms.everyone(connection.session_id))
    if connection.view == "host":
        join_room(rooms.hosts(connection.session_id))
    else:
        join_room(rooms.public(connection.session_id))
    if connection.view == "host" and connection.login_token:
        join_room(rooms.staff(connection.session_id))
    if connection.participant_id:
        join_room(rooms.participant(connection.participant_id))
    if connection.guest_invite_id:
        join_room(rooms.guest(connection.guest_invite_id))


def _refusal(problem: DomainError) -> dict:
    code = "unauthorised" if isinstance(problem, Forbidden) else problem.code
    return {"code": code, "message": problem.message}
