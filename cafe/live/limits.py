"""Rate limits for socket events (Flask-Limiter does not see socket traffic)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from functools import lru_cache

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

# Per participant (or per staff login). Generous for people, tight for scripts.
EVENT_LIMITS = {
    "ask_question": "6 per minute",
    "upvote": "120 per minute",
    "remove_upvote": "120 per minute",
    "cast_vote": "60 per minute",
    "request_state": "30 per minute",
    "request_support": "5 per minute",
    "react_to_post": "120 per minute",
    "comment_on_post": "6 per minute",
    "request_feed": "30 per minute",
}


class LocalMovingWindow:
    """The moving-window limit for one process, kept in memory.

    limits' own memory storage sweeps every key from a timer every 10 ms, which
    took a fifth of the server's time with a thousand participants; here a key's
    old hits are dropped when that key is hit again, and idle keys once a minute.
    """

    SWEEP_EVERY = 60.0

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._longest = 0.0
        self._swept = time.monotonic()

    def hit(self, item: RateLimitItem, *identifiers: str) -> bool:
        key = item.key_for(*identifiers)
        now = time.monotonic()
        with self._lock:
            self._longest = max(self._longest, item.get_expiry())
            if now - self._swept > self.SWEEP_EVERY:
                self._sweep(now)
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - item.get_expiry():
                hits.popleft()
            if len(hits) >= item.amount:
                return False
            hits.append(now)
            return True

    def _sweep(self, now: float) -> None:
        self._swept = now
        idle = [
            k
            for k, hits in self._hits.items()
            if not hits or hits[-1] <= now - self._longest
        ]
        for key in idle:
            del self._hits[key]


_limiter: MovingWindowRateLimiter | LocalMovingWindow | None = None


def configure(storage_uri: str) -> None:
    """Shared storage (such as Redis) limits across processes; memory:// per process."""
    global _limiter
    if storage_uri.startswith("memory://"):
        _limiter = LocalMovingWindow()
    else:
        _limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))


def limiter_for(event: str) -> Callable[[str], bool] | None:
    """A function that records a hit for a key and says whether it is allowed."""
    text = EVENT_LIMITS.get(event)
    if text is None or _limiter is None:
        return None
    item = _parsed(text)
    return lambda key: _limiter.hit(item, event, key)


@lru_cache(maxsize=64)
def _parsed(text: str) -> RateLimitItem:
    return parse(text)  # a regular expression each time, otherwise
