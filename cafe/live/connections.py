"""Who is behind each socket of this process, set at connect and never from payloads."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Connection:
    sid: str
    session_id: int
    view: str  # "participant", "host" or "presenter"
    participant_id: int | None = None
    login_token: str | None = None
    guest_invite_id: int | None = None  # a guest host's invitation


class Registry:
    """This process's sockets. Thread-safe: handlers and the publisher share it."""

    def __init__(self) -> None:
        self._by_sid: dict[str, Connection] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every socket: a server that has just been set up has none."""
        with self._lock:
            self._by_sid.clear()

    def add(self, connection: Connection) -> None:
        with self._lock:
            self._by_sid[connection.sid] = connection

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            return self._by_sid.pop(sid, None)

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def participant_count(self, session_id: int) -> int:
        """Distinct participants with at least one socket open in this process."""
        with self._lock:
            return len(
                {
                    c.participant_id
                    for c in self._by_sid.values()
                    if c.session_id == session_id and c.view == "participant"
                }
            )

    def staff_connections(self) -> list[Connection]:
        with self._lock:
            return [c for c in self._by_sid.values() if c.login_token]

    def guest_connections(self, invite_id: int) -> list[Connection]:
        """The sockets in this process of one guest host."""
        with self._lock:
            return [c for c in self._by_sid.values() if c.guest_invite_id == invite_id]

    def sessions(self) -> Counter:
        with self._lock:
            return Counter(c.session_id for c in self._by_sid.values())


registry = Registry()
