"""Participants for bench/live_load.py: asyncio Socket.IO clients in one process.

Started by live_load.py with the path of a JSON plan. It connects every planned
participant over websocket, prints `connected <n>`, waits for a `go <t0>` line on
stdin, sends each participant's vote (and optional question and upvote) at its
planned second after t0, waits until the tallies settle, writes a JSON result
file and prints `done`.

Times are wall-clock seconds (time.time()) because the server's tally versions
are wall-clock milliseconds on the same machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import math
import sys
import time
from collections import Counter

import engineio
import socketio


class BrowserLikeEngineIO(engineio.AsyncClient):
    """Waits for the server as long as a browser does before giving up.

    python-engineio drops a connection when it has sent nothing for
    max(pingInterval, pingTimeout) + 5 s (30 s with the defaults), so a server
    whose pings run 5 s late under load loses python clients that a browser,
    which waits pingInterval + pingTimeout (45 s), would keep.
    """

    async def _connect_websocket(self, url, headers, engineio_path):
        connected = await super()._connect_websocket(url, headers, engineio_path)
        if connected:  # read before the read and write loops first run
            self.ping_timeout += self.ping_interval
        return connected


class Client(socketio.AsyncClient):
    def _engineio_client_class(self):
        return BrowserLikeEngineIO


class Participant:
    """One phone: a socket, its planned actions, and what it saw."""

    def __init__(self, plan: dict, counts: Counter) -> None:
        self.plan = plan
        self.counts = counts  # shared by every participant of this process
        self.sio = Client(reconnection=False)
        self.sio.on("*", self._on_event)
        self.sio.on("disconnect", self._on_disconnect)
        self.connected = False
        self.dropped = False
        self.tallies: list[tuple[float, int, int]] = []  # (seen at, version, n)
        self.vote: dict | None = None
        self.asked: bool | None = None
        self.upvoted: bool | None = None

    async def _on_event(self, event, data=None) -> None:
        self.counts[event] += 1
        if event == "tally_updated":
            self.tallies.append((time.time(), data["version"], data["results"]["n"]))

    async def _on_disconnect(self, reason=None) -> None:
        if self.connected:
            self.dropped = str(reason)

    async def connect(self, session_id: int, timeout: float) -> None:
        try:
            await asyncio.wait_for(
                self.sio.connect(
                    f"http://127.0.0.1:{self.plan['port']}",
                    headers={"Cookie": f"session={self.plan['cookie']}"},
                    auth={"session_id": session_id, "view": "participant"},
                    transports=["websocket"],
                    wait_timeout=timeout,
                ),
                timeout,
            )
            self.connected = True
        except Exception as problem:  # counted as not connected
            print(f"connect failed: {problem!r}", file=sys.stderr)
            await self._close()

    async def act(self, t0: float, poll_id: int, ack_timeout: float) -> None:
        steps = [self._vote(t0 + self.plan["vote_at"], poll_id, ack_timeout)]
        if self.plan.get("ask_at") is not None:
            steps.append(self._ask(t0 + self.plan["ask_at"], ack_timeout))
        if self.plan.get("upvote") is not None:
            steps.append(self._upvote(t0 + self.plan["upvote_at"], ack_timeout))
        await asyncio.gather(*steps)

    async def _vote(self, at: float, poll_id: int, timeout: float) -> None:
        await _sleep_until(at)
        answer = {"option_ids": [self.plan["option_id"]]}
        sent = time.time()
        ack = await self._call(
            "cast_vote", {"poll_id": poll_id, "answer": answer}, timeout
        )
        self.vote = {"sent": sent, "acked": time.time(), "ok": _ok(ack)}
        if self.vote["ok"]:
            self.vote["committed_at"] = ack.get("committed_at")
        if not self.vote["ok"]:
            self.vote["error"] = _error_code(ack)

    async def _ask(self, at: float, timeout: float) -> None:
        await _sleep_until(at)
        body = f"Question {self.plan['index']}: what happens next?"
        self.asked = _ok(await self._call("ask_question", {"body": body}, timeout))

    async def _upvote(self, at: float, timeout: float) -> None:
        await _sleep_until(at)
        payload = {"question_id": self.plan["upvote"]}
        self.upvoted = _ok(await self._call("upvote", payload, timeout))

    async def _call(self, event: str, payload: dict, timeout: float):
        try:
            ack = await self.sio.call(event, payload, timeout=timeout)
        except Exception:  # a timeout or a dropped socket: no ack
            return None
        self.counts["(ack)"] += 1
        return ack

    def vote_latency(self) -> float | None:
        """Seconds from sending the vote to the first tally that includes it.

        A tally's version is the server's clock, in milliseconds, when it began
        reading the votes, and the ack says when the vote was committed on the
        same clock (rounded up): a tally whose version is at least that was read
        after the commit. Without committed_at, the moment the ack arrived is a
        later, safe bound.
        """
        if not self.vote or not self.vote["ok"]:
            return None
        committed = self.vote.get("committed_at")
        if committed is None:
            committed = math.floor(self.vote["acked"] * 1000) + 1
        seen = [at for at, version, _ in self.tallies if version >= committed]
        return min(seen) - self.vote["sent"] if seen else None

    def final_tally(self) -> tuple[int, float | None]:
        """The n of the newest tally, and when a tally with that n first arrived."""
        if not self.tallies:
            return 0, None
        n = max(self.tallies, key=lambda t: t[1])[2]
        return n, min(at for at, _, count in self.tallies if count >= n)

    async def _close(self) -> None:
        with contextlib.suppress(Exception):  # closing is best effort
            await asyncio.wait_for(self.sio.eio.disconnect(abort=True), 2)


def _ok(ack) -> bool:
    return isinstance(ack, dict) and ack.get("ok") is True


def _error_code(ack) -> str:
    if not isinstance(ack, dict):
        return "no_ack"
    return str(ack.get("error", {}).get("code", "unknown"))


async def _sleep_until(at: float) -> None:
    delay = at - time.time()
    if delay > 0:
        await asyncio.sleep(delay)


async def _watch_loop(lags: list[float], stop: asyncio.Event) -> None:
    """How late this process's event loop wakes up: if the clients themselves
    are starved of CPU, their latencies measure them, not the server."""
    while not stop.is_set():
        before = time.monotonic()
        await asyncio.sleep(0.01)
        lags.append(time.monotonic() - before - 0.01)


async def _connect_all(people: list[Participant], plan: dict) -> None:
    gate = asyncio.Semaphore(plan["connect_concurrency"])

    async def one(person: Participant) -> None:
        async with gate:
            await person.connect(plan["session_id"], plan["connect_timeout"])

    await asyncio.gather(*(one(p) for p in people))


async def _settle(people: list[Participant], expected: int, timeout: float) -> None:
    """Wait until every connected participant has a tally counting `expected`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if all(p.final_tally()[0] >= expected for p in people if p.connected):
            return
        await asyncio.sleep(0.05)


async def run(plan: dict, result_path: str) -> None:
    counts: Counter = Counter()
    people = [Participant(p, counts) for p in plan["participants"]]
    await _connect_all(people, plan)
    # As in wsgi.py: full collections of thousands of clients paused this loop
    # for half a second; freeze what connecting built and collect less often.
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 10, 100)
    print(f"connected {sum(p.connected for p in people)}", flush=True)
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    t0 = float(line.split()[1])
    active = [p for p in people if p.connected]
    lags: list[float] = []
    stop = asyncio.Event()
    watcher = asyncio.create_task(_watch_loop(lags, stop))
    await asyncio.gather(
        *(p.act(t0, plan["poll_id"], plan["ack_timeout"]) for p in active)
    )
    stop.set()
    await watcher
    print(f"acted {sum(bool(p.vote and p.vote['ok']) for p in people)}", flush=True)
    # The parent answers with the votes acknowledged across every client process.
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    await _settle(people, int(line.split()[1]), plan["settle_timeout"])
    _write(result_path, people, counts, lags)
    print("done", flush=True)


def _write(
    path: str, people: list[Participant], counts: Counter, lags: list[float]
) -> None:
    votes = [p.vote for p in people if p.vote]
    result = {
        "connected": sum(p.connected for p in people),
        "dropped": dict(Counter(p.dropped for p in people if p.dropped)),
        "votes_sent": len(votes),
        "votes_ok": sum(v["ok"] for v in votes),
        "vote_errors": dict(Counter(v["error"] for v in votes if not v["ok"])),
        "first_sent": min((v["sent"] for v in votes), default=None),
        "last_sent": max((v["sent"] for v in votes), default=None),
        "last_acked": max((v["acked"] for v in votes if v["ok"]), default=None),
        "ack_latencies": [v["acked"] - v["sent"] for v in votes if v["ok"]],
        "tally_latencies": [
            x for x in (p.vote_latency() for p in people) if x is not None
        ],
        "final_tallies": [p.final_tally() for p in people if p.connected],
        "asks_sent": sum(p.asked is not None for p in people),
        "asks_ok": sum(bool(p.asked) for p in people),
        "upvotes_sent": sum(p.upvoted is not None for p in people),
        "upvotes_ok": sum(bool(p.upvoted) for p in people),
        "messages": dict(counts),
        "loop_lags": lags,
    }
    with open(path, "w") as out:
        json.dump(result, out)


def main() -> None:
    plan_path, result_path = sys.argv[1], sys.argv[2]
    with open(plan_path) as source:
        plan = json.load(source)
    asyncio.run(run(plan, result_path))
    sys.stdout.flush()
    # Closing thousands of sockets politely takes long; the parent stops the servers.
    import os

    os._exit(0)


if __name__ == "__main__":
    main()
