"""The daily purge: a background task that applies every event's retention period.

It starts once per server process, on the first request that process serves
(so `cafe db upgrade` and other commands never start it), and runs the purge a
few minutes later and then once a day. Switch it off with
PURGE_SCHEDULE_ENABLED = False; it is off by default when TESTING is set.
Running it in several processes at once is harmless: purging is idempotent.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime

from flask import Flask

from .db import db
from .domain import retention
from .domain.retention import PurgePlan
from .models import utcnow

log = logging.getLogger(__name__)

DAY = 24 * 3600.0
FIRST_RUN_AFTER = 300.0  # let the server settle (and migrations finish) first
NAP = 60.0  # short sleeps, so a green-threaded server is never held up


def run_purge(now: datetime | None = None) -> list[PurgePlan]:
    """Purge every event past its retention in one transaction (in an app context)."""
    with db.write_scope() as session:
        return retention.purge(session, now or utcnow())


class DailyPurge:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._started = False

    def init_app(self, app: Flask, socketio) -> None:
        if not _enabled(app):
            return

        def start_once() -> None:
            with self._lock:
                if self._started:
                    return
                self._started = True
            socketio.start_background_task(self._run, app, socketio)

        app.before_request(start_once)

    def _run(self, app: Flask, socketio) -> None:
        due = time.monotonic() + FIRST_RUN_AFTER
        while True:
            socketio.sleep(NAP)
            if time.monotonic() < due:
                continue
            due = time.monotonic() + DAY
            try:
                with app.app_context():
                    done = run_purge()
                log.info("daily purge: %d event(s) purged", len(done))
            except Exception:  # try again tomorrow rather than stop for good
                log.exception("daily purge failed")


daily_purge = DailyPurge()


def _enabled(app) -> bool:
    setting = app.config["PURGE_SCHEDULE_ENABLED"]
    return not app.testing if setting is None else setting
