"""The message queue that lets several server processes broadcast to each other."""

from __future__ import annotations

import hashlib

import redis
import socketio

# Connections one process may hold to Redis; publishers wait for a free one.
REDIS_POOL_SIZE = 50
REDIS_POOL_WAIT = 10  # seconds


class BlockingRedisManager(socketio.RedisManager):
    """Socket.IO's Redis manager with a pool that waits instead of failing.

    redis-py's default pool refuses a 101st connection, and the manager then
    drops the message ("Cannot publish to redis... giving up"): under a burst of
    broadcasts from many green threads, clients missed updates.
    """

    def _redis_connect(self) -> None:
        pool = redis.BlockingConnectionPool.from_url(
            self.redis_url, max_connections=REDIS_POOL_SIZE, timeout=REDIS_POOL_WAIT
        )
        self.redis = redis.Redis(connection_pool=pool)
        self.pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        self.connected = True


def channel_for(database_url: str) -> str:
    """Processes that share a database share a channel, and only they do."""
    digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return f"cafe-{digest}"


def client_manager(queue_url: str | None, database_url: str):
    """The Socket.IO client manager for a queue URL, or None for one process.

    Two sites (or two test runs) on one Redis never receive each other's
    broadcasts: see channel_for.
    """
    if not queue_url:
        return None
    channel = channel_for(database_url)
    if queue_url.startswith(("redis://", "rediss://")):
        return BlockingRedisManager(queue_url, channel=channel)
    return socketio.KombuManager(queue_url, channel=channel)
