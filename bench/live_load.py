"""Live-update load test: N participants vote within W seconds; prints JSON.

    python bench/live_load.py --participants 1000 --window 1
    python bench/live_load.py --participants 5000 --window 5 --workers 2 \\
        --database-url postgresql+psycopg2://postgres@127.0.0.1/cafe_bench \\
        --message-queue redis://127.0.0.1:6379/0

It starts the app as real server processes (`python wsgi.py`) on free loopback
ports, creates a live session with an open poll and N participants through the
domain API, connects the participants over websocket from separate client
processes (round-robin over the workers), has each vote at a seeded random
moment of the window, and prints one JSON object as the last line of output.
Every wait has a deadline and the servers are stopped whatever happens.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import queue
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import scenario, servers  # noqa: E402

UPVOTE_SHARE = 1.0  # with --ask, everyone upvotes one seeded question
ASK_SHARE = 0.1  # with --ask, one participant in ten asks a question


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, required=True)
    parser.add_argument("--window", type=float, required=True, help="seconds")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database-url", help="default: SQLite in a temporary file")
    parser.add_argument("--message-queue", help="e.g. redis://127.0.0.1:6379/0")
    parser.add_argument(
        "--async-mode", default="eventlet", choices=["eventlet", "gevent", "threading"]
    )
    parser.add_argument("--ask", action="store_true", help="also ask and upvote")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--client-processes", type=int, default=0, help="default: one per 2,500"
    )
    parser.add_argument("--timeout", type=float, help="hard limit for the whole run")
    parser.add_argument(
        "--keep", type=Path, help="keep the database and the logs in this folder"
    )
    parser.add_argument(
        "--profile", type=Path, help="write py-spy profiles of the voting phase here"
    )
    args = parser.parse_args(argv)
    if args.workers > 1 and not args.message_queue:
        parser.error("--workers above 1 needs --message-queue")
    if args.workers > 1 and not args.database_url:
        parser.error("--workers above 1 needs a shared --database-url")
    args.client_processes = args.client_processes or max(
        1, math.ceil(args.participants / 2500)
    )
    args.timeout = args.timeout or 90 + args.participants * 0.02 + args.window
    return args


def plan(args, setup: scenario.Scenario, ports: list[int]) -> list[dict]:
    """Each participant's port, cookie, answer and seeded moments in the window."""
    rng = random.Random(args.seed)
    people = []
    for i, cookie in enumerate(setup.cookies):
        person = {
            "index": i,
            "port": ports[i % len(ports)],
            "cookie": cookie,
            "vote_at": rng.uniform(0, args.window),
            "option_id": rng.choice(setup.option_ids),
        }
        if args.ask:
            asks = rng.random() < ASK_SHARE
            person["ask_at"] = rng.uniform(0, args.window) if asks else None
            person["upvote"] = rng.choice(setup.question_ids)
            person["upvote_at"] = rng.uniform(0, args.window)
        people.append(person)
    return people


class Clients:
    """The client processes, each driving a share of the participants."""

    def __init__(self, args, setup, people: list[dict], workdir: Path) -> None:
        self.processes: list[subprocess.Popen] = []
        self.results: list[Path] = []
        self.lines: queue.Queue = queue.Queue()
        share = args.client_processes
        for k in range(share):
            plan_path = workdir / f"plan-{k}.json"
            plan_path.write_text(json.dumps(_plan_file(args, setup, people[k::share])))
            self.results.append(workdir / f"result-{k}.json")
            with (workdir / f"clients-{k}.log").open("w") as log:
                process = subprocess.Popen(
                    [sys.executable, str(Path(__file__).parent / "live_clients.py")]
                    + [str(plan_path), str(self.results[-1])],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=log,
                    text=True,
                )
            threading.Thread(target=self._read, args=(process,), daemon=True).start()
            self.processes.append(process)

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.lines.put(line.split())
        self.lines.put(["exited"])

    def expect(self, word: str, deadline: float) -> list[int]:
        """The number each process printed after `word`. Raises TimeoutError."""
        values = []
        while len(values) < len(self.processes):
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"client processes did not say {word!r}") from None
            if line[0] == "exited":
                raise RuntimeError("a client process exited early")
            if line[0] == word:
                values.append(int(line[1]) if len(line) > 1 else 0)
        return values

    def tell(self, line: str) -> None:
        for process in self.processes:
            process.stdin.write(line + "\n")
            process.stdin.flush()

    def read_results(self) -> list[dict]:
        return [json.loads(path.read_text()) for path in self.results]


def _plan_file(args, setup, people: list[dict]) -> dict:
    return {
        "session_id": setup.session_id,
        "poll_id": setup.poll_id,
        "participants": people,
        "connect_concurrency": 200,
        "connect_timeout": 60.0,
        "ack_timeout": 30.0,
        "settle_timeout": 10 + args.participants / 1000,
    }


def percentiles(values: list[float]) -> dict[str, float | None]:
    """p50, p95 and max in milliseconds (nearest rank)."""
    if not values:
        return {"p50": None, "p95": None, "max": None}
    ordered = sorted(values)

    def rank(q: float) -> float:
        return round(1000 * ordered[max(0, math.ceil(q * len(ordered)) - 1)], 1)

    return {"p50": rank(0.50), "p95": rank(0.95), "max": rank(1.0)}


def summarise(args, results: list[dict], persisted: dict, usage: dict) -> dict:
    def total(key):
        return sum(r[key] for r in results)

    votes_ok = total("votes_ok")
    finals = [f for r in results for f in r["final_tallies"]]
    converged = [at for n, at in finals if n >= votes_ok and at is not None]
    last_ack = max((r["last_acked"] for r in results if r["last_acked"]), default=None)
    first_sent = min((r["first_sent"] for r in results if r["first_sent"]), default=0)
    last_sent = max((r["last_sent"] for r in results if r["last_sent"]), default=None)
    messages = _merged([r["messages"] for r in results])
    return {
        "participants": args.participants,
        "connected": total("connected"),
        "votes_sent": total("votes_sent"),
        "votes_acked": votes_ok,
        "votes_persisted": persisted["votes"],
        "vote_errors": _merged([r["vote_errors"] for r in results]),
        "tally_latency_ms": percentiles(
            [x for r in results for x in r["tally_latencies"]]
        ),
        "tally_latency_measured": sum(len(r["tally_latencies"]) for r in results),
        "ack_latency_ms": percentiles([x for r in results for x in r["ack_latencies"]]),
        "client_loop_lag_ms": percentiles([x for r in results for x in r["loop_lags"]]),
        # From the last vote sent until every participant had the final tally.
        "last_tally_after_last_vote_ms": (
            round(1000 * (max(converged) - last_sent), 1)
            if last_sent and converged and len(converged) == len(finals)
            else None
        ),
        "saw_final_tally": len(converged),
        "ingest_votes_per_s": (
            round(votes_ok / (last_ack - first_sent), 1) if last_ack else None
        ),
        "server_rss_mb": usage["rss_mb"],
        "server_cpu_pct": usage["cpu_pct"],
        "server_cpu_s": usage["cpu_s"],
        "client_cpu_pct": usage["client_cpu_pct"],
        "load_avg_1m": usage["load_avg_1m"],
        "messages_sent": sum(messages.values()),
        "messages_by_event": messages,
        "dropped": _merged([r["dropped"] for r in results]),
        **_asking(args, results, persisted),
        "config": {
            "workers": args.workers,
            "async_mode": args.async_mode,
            "database": "sqlite" if not args.database_url else args.database_url,
            "message_queue": args.message_queue,
            "window_s": args.window,
            "seed": args.seed,
            "client_processes": args.client_processes,
        },
    }


def _merged(counts: list[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for one in counts:
        for name, count in one.items():
            total[name] = total.get(name, 0) + count
    return dict(sorted(total.items()))


def _asking(args, results: list[dict], persisted: dict) -> dict:
    if not args.ask:
        return {}
    return {
        "asks_sent": sum(r["asks_sent"] for r in results),
        "asks_persisted": persisted["questions"],
        "upvotes_sent": sum(r["upvotes_sent"] for r in results),
        "upvotes_persisted": persisted["upvotes"],
    }


def run(args, workdir: Path, started: float) -> dict:
    deadline = started + args.timeout
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite'}"
    secret = secrets.token_hex(32)
    scenario.upgrade_schema(url)
    from cafe import create_app

    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": secret, "ASYNC_MODE": "threading"}
    )
    setup = scenario.create(app, args.participants)
    env = {
        "CAFE_ASYNC_MODE": args.async_mode,
        "CAFE_DATABASE_URL": url,
        "CAFE_MESSAGE_QUEUE": args.message_queue or "",
        "CAFE_SECRET_KEY": secret,
        "CAFE_ENV": "production",
    }
    running = servers.start(args.workers, env, workdir)
    clients = None
    try:
        servers.wait_ready(running, min(60, deadline - time.monotonic()))
        usage = servers.Usage.watch(running)
        people = plan(args, setup, [s.port for s in running])
        clients = Clients(args, setup, people, workdir)
        clients.expect("connected", deadline)
        client_usage = servers.Usage.watch_processes(clients.processes)
        usage.mark()
        client_usage.mark()
        load_at_start = os.getloadavg()[0]
        profilers = servers.profile(running, args.profile) if args.profile else []
        clients.tell(f"go {time.time() + 0.5}")
        acked = sum(clients.expect("acted", deadline))
        clients.tell(f"settle {acked}")
        clients.expect("done", deadline)
        servers.stop_profiling(profilers)
        cpu, cpu_s = usage.cpu_percent(), usage.cpu_seconds()
        rss = usage.close()
        client_cpu = client_usage.cpu_percent()
        client_usage.close()
        results = clients.read_results()
        for server in running:
            if server.process.poll() is not None:
                raise RuntimeError(f"a server exited during the run:\n{server.tail()}")
    finally:
        servers.stop(
            (clients.processes if clients else []) + [s.process for s in running]
        )
    persisted = scenario.counts(url, setup)
    usage_figures = {
        "rss_mb": round(rss / 2**20, 1),
        "cpu_pct": round(cpu, 1),
        "cpu_s": round(cpu_s, 2),
        "client_cpu_pct": round(client_cpu, 1),
        # Other programs on the machine slow every figure; say how busy it was.
        "load_avg_1m": [round(load_at_start, 2), round(os.getloadavg()[0], 2)],
    }
    return summarise(args, results, persisted, usage_figures)


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    # A watchdog: whatever hangs, the process ends within the bound.
    timer = threading.Timer(args.timeout + 30, lambda: os._exit(3))
    timer.daemon = True
    timer.start()
    with tempfile.TemporaryDirectory(prefix="cafe-bench-") as temporary:
        workdir = args.keep or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            summary = run(args, workdir, started)
        except Exception as problem:  # report as JSON, like a result
            print(json.dumps({"error": f"{type(problem).__name__}: {problem}"}))
            return 1
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
