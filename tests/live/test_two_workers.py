"""Two server processes share PostgreSQL and a Redis message queue."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import socketio

from bench import scenario, servers

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

WAIT = 20  # seconds to wait for a broadcast before failing


def _run_in_own_loop(make_coroutine):
    """Run an async scenario in a thread of its own: the browser tests' sync API
    may have left an event loop running in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


@pytest.fixture
def redis_url():
    url = os.environ.get("CAFE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if "CAFE_TEST_REDIS_URL" not in os.environ:
            pytest.skip("Redis is not running on 127.0.0.1:6379")
    return url


@pytest.fixture
def two_workers(postgres_url, redis_url, tmp_path):
    """Two `python wsgi.py` processes (eventlet) and a live session with 4 joiners."""
    secret = secrets.token_hex(32)
    scenario.upgrade_schema(postgres_url)
    from cafe import create_app

    config = {"DATABASE_URL": postgres_url, "SECRET_KEY": secret}
    app = create_app({**config, "ASYNC_MODE": "threading"})
    setup = scenario.create(app, 4)
    env = {
        "CAFE_ASYNC_MODE": "eventlet",
        "CAFE_DATABASE_URL": postgres_url,
        "CAFE_MESSAGE_QUEUE": redis_url,
        "CAFE_SECRET_KEY": secret,
    }
    running = servers.start(2, env, tmp_path)
    try:
        servers.wait_ready(running, 60)
        yield setup, [s.port for s in running]
    finally:
        servers.stop([s.process for s in running])
        from cafe.db import db

        db.engine.dispose()


class Phone:
    """A participant's socket on one worker, keeping the newest tally it saw."""

    def __init__(self, port: int, cookie: str, session_id: int) -> None:
        self.port, self.cookie, self.session_id = port, cookie, session_id
        self.sio = socketio.AsyncClient(reconnection=False)
        self.tally: dict | None = None
        self.count: int | None = None
        self.sio.on("tally_updated", self._keep_newest)
        self.sio.on("participant_count", self._keep_count)

    async def _keep_count(self, data: dict) -> None:
        self.count = data["count"]

    async def _keep_newest(self, data: dict) -> None:
        if self.tally is None or data["version"] > self.tally["version"]:
            self.tally = data

    async def connect(self) -> None:
        await self.sio.connect(
            f"http://127.0.0.1:{self.port}",
            headers={"Cookie": f"session={self.cookie}"},
            auth={"session_id": self.session_id, "view": "participant"},
            transports=["websocket"],
        )

    async def vote(self, poll_id: int, option_id: int) -> dict:
        answer = {"option_ids": [option_id]}
        return await self.sio.call("cast_vote", {"poll_id": poll_id, "answer": answer})

    def counts(self) -> dict[int, int] | None:
        if self.tally is None:
            return None
        return {o["id"]: o["count"] for o in self.tally["results"]["options"]}


async def _phones(setup, ports) -> list[Phone]:
    """Participants 0 and 2 on the first worker, 1 and 3 on the second."""
    phones = [
        Phone(ports[i % 2], cookie, setup.session_id)
        for i, cookie in enumerate(setup.cookies)
    ]
    await asyncio.gather(*(p.connect() for p in phones))
    return phones


async def _until(condition) -> bool:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return False


def test_a_vote_through_one_worker_reaches_a_participant_on_the_other(two_workers):
    setup, ports = two_workers
    first_option = setup.option_ids[0]

    async def scenario_():
        phones = await _phones(setup, ports)
        ack = await phones[0].vote(setup.poll_id, first_option)
        expected = _expected(setup, {first_option: 1})
        seen = await _until(lambda: phones[1].counts() == expected)
        await asyncio.gather(*(p.sio.disconnect() for p in phones))
        return ack, seen, phones[1].counts()

    ack, seen, counts = _run_in_own_loop(scenario_)
    assert ack["ok"] is True
    assert seen, counts


def test_votes_through_both_workers_give_every_participant_the_exact_tally(
    two_workers,
):
    setup, ports = two_workers
    chosen = [setup.option_ids[i] for i in (0, 1, 1, 3)]
    expected = _expected(setup, {chosen[0]: 1, chosen[1]: 2, chosen[3]: 1})

    async def scenario_():
        phones = await _phones(setup, ports)
        acks = await asyncio.gather(
            *(p.vote(setup.poll_id, o) for p, o in zip(phones, chosen, strict=True))
        )
        seen = await _until(lambda: all(p.counts() == expected for p in phones))
        counts = [p.counts() for p in phones]
        await asyncio.gather(*(p.sio.disconnect() for p in phones))
        return acks, seen, counts

    acks, seen, counts = _run_in_own_loop(scenario_)
    assert [a["ok"] for a in acks] == [True] * 4
    assert seen, counts


def _expected(setup, counts: dict[int, int]) -> dict[int, int]:
    """Counts for every option of the poll, zero included."""
    return {**dict.fromkeys(setup.option_ids, 0), **counts}


def test_the_participant_count_adds_up_both_workers(two_workers):
    setup, ports = two_workers

    async def scenario_():
        phones = await _phones(setup, ports)
        seen = await _until(lambda: all(p.count == 4 for p in phones))
        counts = [p.count for p in phones]
        await asyncio.gather(*(p.sio.disconnect() for p in phones))
        return seen, counts

    seen, counts = _run_in_own_loop(scenario_)
    assert seen, counts
