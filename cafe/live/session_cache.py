"""Socket events reuse their connection's decoded session cookie.

Flask-SocketIO runs every socket event in a new request context built from the
websocket's HTTP request, and Flask opens the session cookie again each time:
checking its signature and decoding it took about a third of the server's time
per vote. A socket's cookie never changes, so for Socket.IO requests the opened
session is kept for a minute, keyed by the raw Cookie header. Only what Flask
itself decoded is kept, so a forged cookie still opens as an empty session.
"""

from __future__ import annotations

import threading
import time

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

SOCKET_PATH = "/socket.io"


class SocketSessionCache(SecureCookieSessionInterface):
    def __init__(self, ttl: float = 60.0, max_entries: int = 100_000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._opened: dict[str, tuple[float, dict]] = {}
        self._lock = threading.Lock()

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        header = request.environ.get("HTTP_COOKIE")
        if not header or not request.environ.get("PATH_INFO", "").startswith(
            SOCKET_PATH
        ):
            return super().open_session(app, request)
        now = time.monotonic()
        with self._lock:
            opened_at, data = self._opened.get(header, (0.0, None))
        if data is None or now - opened_at > self.ttl:
            session = super().open_session(app, request)
            if session is None:
                return None
            data = dict(session)
            self._remember(header, now, data)
        # Handlers must not change it, but a copy keeps the cached one intact
        # (values are text or one level of dicts, such as participant tokens).
        return self.session_class(
            {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}
        )

    def _remember(self, header: str, now: float, data: dict) -> None:
        with self._lock:
            if len(self._opened) >= self.max_entries:
                self._opened.clear()
            self._opened[header] = (now, data)
