"""The `cafe` command: create-user, demo and db upgrade on a real database file."""

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from cafe.models import Event, PollResponse, Question, User

CAFE = str(Path(sys.executable).with_name("cafe"))


def _cafe(tmp_path, *args, stdin=""):
    env = {
        "CAFE_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
        "CAFE_ASYNC_MODE": "threading",
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        [CAFE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _count(tmp_path, model):
    engine = create_engine(f"sqlite:///{tmp_path / 'cli.sqlite'}")
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return count


def test_db_upgrade_then_create_user_reads_the_password_from_stdin(tmp_path):
    assert _cafe(tmp_path, "db", "upgrade").returncode == 0
    result = _cafe(
        tmp_path,
        "create-user",
        "Sam@Example.org",
        "--role",
        "facilitator",
        stdin="a long enough password\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Created facilitator sam@example.org" in result.stdout
    assert _count(tmp_path, User) == 1


def test_create_user_refuses_a_short_password_and_writes_nothing(tmp_path):
    _cafe(tmp_path, "db", "upgrade")
    result = _cafe(
        tmp_path, "create-user", "sam@example.org", "--role", "admin", stdin="short\n"
    )
    assert result.returncode != 0
    assert "at least 10 characters" in result.stderr
    assert _count(tmp_path, User) == 0


def test_demo_loads_a_series_with_activity_once(tmp_path):
    _cafe(tmp_path, "db", "upgrade")
    first = _cafe(tmp_path, "demo", "--if-empty")
    assert first.returncode == 0, first.stderr
    assert "facilitator@cafe.example" in first.stdout
    assert _count(tmp_path, Event) == 2
    assert _count(tmp_path, Question) > 0 and _count(tmp_path, PollResponse) > 0
    again = _cafe(tmp_path, "demo", "--if-empty")
    assert "not loaded" in again.stdout
    assert _count(tmp_path, Event) == 2
