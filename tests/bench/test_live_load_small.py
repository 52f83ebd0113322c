"""The live load benchmark runs end to end: real servers, real websockets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "participants",
    "connected",
    "votes_sent",
    "votes_persisted",
    "tally_latency_ms",
    "last_tally_after_last_vote_ms",
    "server_rss_mb",
    "server_cpu_pct",
    "messages_sent",
}


@pytest.fixture(scope="module")
def summary():
    """One small run: 50 participants vote within a second on an eventlet server."""
    command = [sys.executable, str(ROOT / "bench" / "live_load.py")]
    command += ["--participants", "50", "--window", "1", "--async-mode", "eventlet"]
    command += ["--timeout", "50"]
    env = {**os.environ, "CAFE_ASYNC_MODE": "eventlet"}
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=60, env=env, cwd=ROOT
    )
    last_line = run.stdout.strip().splitlines()[-1]
    return json.loads(last_line)


def test_the_last_line_is_a_json_summary_with_every_figure(summary):
    assert summary.keys() >= KEYS, summary.get("error")
    assert set(summary["tally_latency_ms"]) == {"p50", "p95", "max"}


def test_every_vote_sent_is_stored(summary):
    assert summary["votes_persisted"] == summary["votes_sent"] == 50
