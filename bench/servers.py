"""Starting, watching and stopping the app's server processes for a benchmark."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text().splitlines()[-lines:])
        except OSError:
            return ""


def start(count: int, env: dict[str, str], workdir: Path) -> list[Server]:
    """`python wsgi.py` once per worker, each on its own free loopback port."""
    servers = []
    for i in range(count):
        port = free_port()
        log = workdir / f"server-{i}.log"
        with log.open("w") as output:  # the child keeps its own copy
            process = subprocess.Popen(
                [sys.executable, str(ROOT / "wsgi.py")],
                cwd=ROOT,
                env={**os.environ, **env, "CAFE_HOST": "127.0.0.1"}
                | {"CAFE_PORT": str(port)},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        servers.append(Server(port, process, log))
    return servers


def wait_ready(servers: list[Server], timeout: float) -> None:
    """Until every server answers its health check. Raises RuntimeError."""
    deadline = time.monotonic() + timeout
    for server in servers:
        url = f"http://127.0.0.1:{server.port}/healthz"
        while True:
            if server.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{server.tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready:\n{server.tail()}")
            time.sleep(0.1)


def stop(processes: list[subprocess.Popen]) -> None:
    """Terminate, then kill whatever is still running after a moment."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + 3
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def profile(servers: list[Server], directory: Path) -> list[subprocess.Popen]:
    """Sample each server with py-spy (idle waits included) until stopped."""
    directory.mkdir(parents=True, exist_ok=True)
    return [
        subprocess.Popen(
            [Path(sys.executable).parent / "py-spy", "record", "--idle", "-r", "200"]
            + os.environ.get("BENCH_PYSPY_FLAGS", "").split()
            + ["-f", "raw", "-p", str(s.process.pid)]
            + ["-o", str(directory / f"server-{i}.txt")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i, s in enumerate(servers)
    ]


def stop_profiling(profilers: list[subprocess.Popen]) -> None:
    """py-spy writes its file when interrupted."""
    for profiler in profilers:
        profiler.send_signal(signal.SIGINT)
    for profiler in profilers:
        try:
            profiler.wait(timeout=30)
        except subprocess.TimeoutExpired:
            profiler.kill()


@dataclass
class Usage:
    """Peak resident memory and CPU time of the server processes."""

    processes: list[psutil.Process]
    peak_rss: int = 0
    _cpu_mark: float = 0.0
    _time_mark: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def watch(cls, servers: list[Server]) -> Usage:
        return cls.watch_processes([s.process for s in servers])

    @classmethod
    def watch_processes(cls, processes: list[subprocess.Popen]) -> Usage:
        usage = cls([psutil.Process(p.pid) for p in processes])
        threading.Thread(target=usage._sample, daemon=True).start()
        return usage

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.peak_rss = max(self.peak_rss, self._rss())

    def _rss(self) -> int:
        try:
            return sum(p.memory_info().rss for p in self.processes)
        except psutil.Error:
            return 0

    def _cpu(self) -> float:
        try:
            return sum(sum(p.cpu_times()[:2]) for p in self.processes)
        except psutil.Error:
            return 0.0

    def mark(self) -> None:
        """Start counting CPU time from now."""
        self._cpu_mark, self._time_mark = self._cpu(), time.monotonic()

    def cpu_seconds(self) -> float:
        """CPU time used since mark()."""
        return self._cpu() - self._cpu_mark

    def cpu_percent(self) -> float:
        """CPU used since mark() as a share of one core (above 100 with workers)."""
        elapsed = time.monotonic() - self._time_mark
        return 100 * self.cpu_seconds() / elapsed if elapsed else 0.0

    def close(self) -> int:
        self._stop.set()
        self.peak_rss = max(self.peak_rss, self._rss())
        return self.peak_rss
