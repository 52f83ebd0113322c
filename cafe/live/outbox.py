"""Broadcasts queued during a transaction and sent only after it commits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..extensions import socketio
from ..models import LiveSession


@dataclass
class Outbox:
    """Used by socket handlers and by the no-JavaScript forms alike."""

    db: Session
    live: LiveSession
    messages: list[tuple[str, dict, str]] = field(default_factory=list)
    after: list[Callable[[], None]] = field(default_factory=list)

    def emit(self, event: str, data: dict, to: str) -> None:
        """Queue a message for a room; it goes out in send()."""
        self.messages.append((event, data, to))

    def send(self) -> None:
        """Call after the commit: emit the queued messages, then run the hooks."""
        for event, data, room in self.messages:
            socketio.emit(event, data, to=room)
        for action in self.after:
            action()
