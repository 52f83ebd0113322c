"""The one wrapper every socket event goes through.

It finds who is asking (from the connection, never the payload), re-checks their
rights in the database, rate-limits, runs the handler in one transaction, commits,
and only then sends what the handler queued. Errors become acks, never tracebacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import request
from sqlalchemy.orm import Session

from ..db import db
from ..domain.actors import Actor
from ..domain.errors import DomainError, Forbidden, RateLimited
from ..domain.guests import guest_actor
from ..domain.hosting import require_host
from ..domain.users import user_for_login
from ..models import LiveSession, Participant
from .connections import Connection, registry
from .limits import limiter_for
from .outbox import Outbox
from .parsing import as_dict

log = logging.getLogger(__name__)


@dataclass(kw_only=True)
class Context(Outbox):
    """What a handler gets: the transaction, the asker, and an outbox."""

    connection: Connection
    participant: Participant | None = None
    actor: Actor | None = None


Handler = Callable[[Context, dict[str, Any]], dict[str, Any] | None]
HANDLERS: dict[str, tuple[str, Handler]] = {}


def on(event: str, who: str) -> Callable[[Handler], Handler]:
    """Register a handler for `participant`, `host` or `any` connected socket."""

    def register(handler: Handler) -> Handler:
        HANDLERS[event] = (who, handler)
        return handler

    return register


def queued(event: str, who: str) -> Callable[[Callable], Callable]:
    """Register a handler that commits on its own and returns the whole ack.

    It gets the connection and the payload after the usual checks; the vote
    queue uses it to store many votes in one transaction.
    """

    def register(handler: Callable) -> Callable:
        handler.queued = True
        HANDLERS[event] = (who, handler)
        return handler

    return register


def ok(**extra: Any) -> dict[str, Any]:
    return {"ok": True, **extra}


def error(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message, **extra}}


def make_listener(socketio, event: str, who: str, handler: Handler):
    def listener(payload=None):
        return _answer(socketio, event, who, handler, request.sid, payload)

    return listener


def make_bare_listener(socketio, event: str, who: str, handler: Callable):
    """For queued handlers, registered on the Socket.IO server itself.

    They need nothing from the HTTP request, so they skip the Flask request
    context that Flask-SocketIO builds for every event: that context was half
    of the server's time per vote.
    """

    def listener(sid, payload=None):
        return _answer(socketio, event, who, handler, sid, payload)

    return listener


def _answer(socketio, event, who, handler, sid: str, payload) -> dict[str, Any]:
    connection = registry.get(sid)
    if connection is None:
        return error("unauthorised", "Connect to a session first.")
    try:
        return _run(socketio, event, who, handler, connection, payload)
    except DomainError as problem:
        return {"ok": False, "error": problem.as_dict()}
    except Exception:
        log.exception("socket event %s failed", event)
        return error("server_error", "Something went wrong; nothing was saved.")


def _run(socketio, event, who, handler, connection, payload) -> dict[str, Any]:
    if who not in ("any", connection.view):
        raise Forbidden(f"A {connection.view} screen cannot send {event}.")
    payload = as_dict(payload)
    _check_rate(event, connection)
    if getattr(handler, "queued", False):
        return handler(connection, payload)
    with db.session_scope() as session:
        context = _context(session, connection)
        extra = handler(context, payload) or {}
    context.send()
    return ok(**extra)


def _context(session: Session, connection: Connection) -> Context:
    live = session.get(LiveSession, connection.session_id)
    if live is None:
        raise Forbidden("This session no longer exists.")
    context = Context(db=session, live=live, connection=connection)
    if connection.view == "participant":
        context.participant = session.get(Participant, connection.participant_id)
        if context.participant is None:
            raise Forbidden("Join the session again to take part.")
    else:
        # Host and presenter screens see private state even through request_state:
        # their rights are re-checked on every event, whatever its name.
        context.actor = host_actor(session, connection)
        require_host(session, context.actor, live)
    return context


def host_actor(session: Session, connection: Connection) -> Actor:
    """The member of staff or the guest host behind a host socket, from the database."""
    if connection.guest_invite_id is not None:
        return guest_actor(session, connection.guest_invite_id)
    user = user_for_login(session, connection.login_token)
    if user is None:
        raise Forbidden("You are signed out. Sign in again to host.")
    return Actor.staff(user)


def _check_rate(event: str, connection: Connection) -> None:
    limiter = limiter_for(event)
    key = connection.participant_id or connection.login_token or connection.sid
    if limiter is not None and not limiter(str(key)):
        raise RateLimited("That is a lot in a short time. Please wait a moment.")
