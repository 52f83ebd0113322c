"""Real-time layer: Socket.IO connection, handlers and publishing."""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from ..domain.profanity import ProfanityFilter
from ..extensions import socketio
from ..schedule import daily_purge
from . import (  # noqa: F401
    connect,
    host_events,
    limits,
    participant_events,
    story_events,
    support_events,
)
from .connections import registry
from .coordination import coordination
from .dispatch import HANDLERS, make_bare_listener, make_listener
from .message_queue import channel_for, client_manager
from .publisher import publisher
from .session_cache import SocketSessionCache
from .vote_queue import vote_queue

_registered = False


def init_app(app: Flask) -> None:
    _register_handlers()
    registry.clear()
    queue_url, database_url = app.config["MESSAGE_QUEUE"], app.config["DATABASE_URL"]
    manager = client_manager(queue_url, database_url)
    coordination.configure(queue_url, channel_for(database_url))
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        cors_allowed_origins=[],
        manage_session=False,
        client_manager=manager,  # None: this process only
    )
    limits.configure(app.config["RATELIMIT_STORAGE_URI"])
    vote_queue.init_app(app, socketio)
    daily_purge.init_app(app, socketio)
    _register_bare_listeners()
    if type(app.session_interface) is SecureCookieSessionInterface:
        app.session_interface = SocketSessionCache()
    words = app.config["PROFANITY_WORDS"]
    app.extensions["cafe_profanity"] = (
        ProfanityFilter(words) if words else ProfanityFilter.default()
    )


def _register_handlers() -> None:
    """Handlers belong to the process-wide SocketIO object: register them once,
    before its first init_app, which hands them to each new server.

    The event modules fill HANDLERS when they are imported (above).
    """
    global _registered
    if _registered:
        return
    _registered = True
    connect.register(socketio, publisher)
    for event, (who, handler) in HANDLERS.items():
        if not getattr(handler, "queued", False):
            socketio.on_event(event, make_listener(socketio, event, who, handler))


def _register_bare_listeners() -> None:
    """Queued handlers go on each new Socket.IO server, past Flask-SocketIO."""
    for event, (who, handler) in HANDLERS.items():
        if getattr(handler, "queued", False):
            listener = make_bare_listener(socketio, event, who, handler)
            socketio.server.on(event, listener, namespace="/")
