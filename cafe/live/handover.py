"""The handover: everyone in a session sees who is hosting, and a withdrawn guest
loses their sockets at once.

Each socket is told the current guest host when it connects; everyone in the
session is told again when a guest accepts, opens their console, or has their
link withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..db import db
from ..domain.guests import current_guest
from ..extensions import socketio
from ..models import GuestInvite, LiveSession
from . import rooms
from .connections import Connection, registry
from .publisher import disconnect

HOSTING_ENDED = (
    "The facilitator has ended your time as guest host, so this page can no "
    "longer change the session. Thank you for hosting."
)


def host_payload(guest: GuestInvite | None) -> dict[str, Any]:
    """{"host": {"name"}} for a guest host, or {"host": null} when staff host."""
    return {"host": {"name": guest.display_name} if guest else None}


def greet(connection: Connection) -> None:
    """Tell a new socket who hosts; a guest's own socket tells the whole room."""
    with db.session_scope() as session:
        live = session.get(LiveSession, connection.session_id)
        guest = current_guest(session, live) if live else None
        data = host_payload(guest)
    hosting = guest is not None and guest.id == connection.guest_invite_id
    room = rooms.everyone(connection.session_id) if hosting else connection.sid
    socketio.emit("host_changed", data, to=room)


def announce(session_ids: Iterable[int]) -> None:
    """After a commit: tell everyone in these sessions who hosts each now."""
    with db.session_scope() as session:
        hosts = {
            sid: host_payload(current_guest(session, live))
            for sid in session_ids
            if (live := session.get(LiveSession, sid)) is not None
        }
    for sid, data in hosts.items():
        socketio.emit("host_changed", data, to=rooms.everyone(sid))


def end_hosting(invite_id: int, session_ids: Iterable[int]) -> None:
    """After a withdrawal is committed: tell the guest's pages in every process,
    close their sockets in this one, and show the room who hosts now.

    A guest socket held by another process is refused on its next event anyway:
    every host event re-reads the invitation from the database.
    """
    socketio.emit(
        "hosting_ended", {"message": HOSTING_ENDED}, to=rooms.guest(invite_id)
    )
    for connection in registry.guest_connections(invite_id):
        disconnect(socketio, connection.sid)
    announce(session_ids)
