"""Local wall-clock time, as events are typed and read, against UTC as it is stored.

Events and sessions hold local times; guest windows and other timestamps hold
naive UTC. The zone is the TIMEZONE setting (Europe/London unless set).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from ..models import utcnow

DEFAULT_ZONE = "Europe/London"


def zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("TIMEZONE", DEFAULT_ZONE))


def local_now() -> datetime:
    """Now as a naive local wall-clock time, comparable with event times."""
    return to_local(utcnow())


def to_utc(local: datetime) -> datetime:
    """A naive local time as naive UTC (for storing)."""
    return local.replace(tzinfo=zone()).astimezone(UTC).replace(tzinfo=None)


def to_local(utc: datetime) -> datetime:
    """A naive UTC time as naive local time (for showing)."""
    return utc.replace(tzinfo=UTC).astimezone(zone()).replace(tzinfo=None)


def local_as_utc(local: datetime) -> datetime:
    """An event's local time as an aware UTC time (for calendars and feeds)."""
    return local.replace(tzinfo=zone()).astimezone(UTC)
