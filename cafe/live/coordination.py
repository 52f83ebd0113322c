"""What server processes sharing one Redis agree on: who sends a coalesced
broadcast this round, and how many participants are connected in all.

Without it every process sent every tally and its own participant count to the
whole room: with two processes and 5,000 phones, twice the tallies and 160,000
count messages, each count only one process's share. With one process (no
Redis) every answer is local and nothing is shared.
"""

from __future__ import annotations

import time
import uuid

import redis

# A process's participant count is ignored once it is this old (a process that
# stopped); live processes rewrite theirs every REFRESH_EVERY seconds.
STALE_AFTER = 30.0
REFRESH_EVERY = 10.0


class Coordination:
    def __init__(self) -> None:
        self.redis: redis.Redis | None = None
        self.prefix = ""
        self.process = uuid.uuid4().hex

    def configure(self, queue_url: str | None, channel: str) -> None:
        """Share through the Redis message queue, if there is one."""
        if queue_url and queue_url.startswith(("redis://", "rediss://")):
            pool = redis.BlockingConnectionPool.from_url(
                queue_url, max_connections=10, timeout=10
            )
            self.redis, self.prefix = redis.Redis(connection_pool=pool), channel
        else:
            self.redis, self.prefix = None, ""

    def claim(self, name: str, seconds: float) -> bool:
        """True for the one process that sends `name` in the next `seconds`.

        A process that is refused keeps its change pending and tries again next
        round, so a change is always sent by a read made after it.
        """
        if self.redis is None:
            return True
        key = f"{self.prefix}:claim:{name}"
        try:
            return bool(
                self.redis.set(key, self.process, nx=True, px=int(seconds * 1e3))
            )
        except redis.RedisError:
            return True  # better twice than never

    def present(self, session_id: int, here: int) -> int:
        """Record this process's count for a session; return the count of all."""
        if self.redis is None:
            return here
        key = f"{self.prefix}:present:{session_id}"
        now = time.time()
        pipe = self.redis.pipeline()
        pipe.hset(key, self.process, f"{here} {now}")
        pipe.expire(key, int(STALE_AFTER * 4))
        pipe.hgetall(key)
        try:
            counts = pipe.execute()[-1]
        except redis.RedisError:
            return here
        total = 0
        for value in counts.values():
            count, at = value.split()
            if now - float(at) < STALE_AFTER:
                total += int(count)
        return total


coordination = Coordination()
