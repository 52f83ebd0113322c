"""Votes stored many to a transaction, each acknowledged only after its commit.

One transaction per vote capped a process at a few hundred votes a second on
SQLite, where every database call also blocks the whole green-threaded server.
Here a vote handler puts its vote in the queue and waits; one background task
takes every waiting vote, stores them with votes.cast_votes in one transaction,
commits, and only then wakes each handler with its ack. Under the threading
server (tests, development) each handler stores its own vote the same way.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from flask import Flask, current_app
from sqlalchemy import select

from ..db import db
from ..domain import votes
from ..domain.errors import DomainError, Forbidden
from ..domain.profanity import ProfanityFilter
from ..models import LiveSession, Participant, PollResponse
from . import support_broadcasts
from .connections import Connection
from .parsing import a_dict, an_id
from .publisher import publisher

log = logging.getLogger(__name__)

# A transaction this size takes a few milliseconds; bigger ones only delay acks.
MAX_BATCH = 500


def profanity_for(
    live: LiveSession, app: Flask | None = None
) -> ProfanityFilter | None:
    """The filter a session's text answers go through, unless it is switched off.

    The app defaults to the current one; the vote writer runs outside any context.
    """
    if not live.settings.get("profanity_filter", True):
        return None
    return (app or current_app).extensions["cafe_profanity"]


@dataclass
class _Waiting:
    connection: Connection
    payload: dict
    done: threading.Event = field(default_factory=threading.Event)
    ack: dict | None = None


class VoteQueue:
    def __init__(self) -> None:
        self._pending: list[_Waiting] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._started = False
        self._app: Flask | None = None
        self._socketio = None

    def init_app(self, app: Flask, socketio) -> None:
        self._app, self._socketio = app, socketio

    def cast(self, connection: Connection, payload: dict) -> dict:
        """Store one vote and return its ack, once the vote is committed."""
        item = _Waiting(connection, payload)
        if self._socketio.async_mode == "threading":
            self._write([item])
            return item.ack
        with self._lock:
            self._pending.append(item)
            self._start()
        self._wake.set()
        item.done.wait()
        return item.ack

    def _start(self) -> None:
        if not self._started:
            self._started = True
            self._socketio.start_background_task(self._run)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            while batch := self._take():
                with self._app.app_context():
                    self._write(batch)

    def _take(self) -> list[_Waiting]:
        with self._lock:
            batch = self._pending[:MAX_BATCH]
            del self._pending[:MAX_BATCH]
        return batch

    def _write(self, batch: list[_Waiting]) -> None:
        """Store, commit, then answer; if the commit fails, nothing was saved."""
        try:
            with db.write_scope() as session:
                results = _store(self._app, session, batch)
                acks = [_ack(result) for result in results]
                held = support_broadcasts.held_answers(session, results)
            committed_at = _clock_ms() + 1  # rounded up: see _ack
            for event, data, room in held:
                self._socketio.emit(event, data, to=room)
            for item, ack in zip(batch, acks, strict=True):
                item.ack = {**ack, "committed_at": committed_at} if ack["ok"] else ack
            for poll_id in {r.poll_id for r in results if isinstance(r, PollResponse)}:
                publisher.poll_changed(poll_id)
        except Exception:
            log.exception("storing %d votes failed", len(batch))
        finally:
            for item in batch:
                item.ack = item.ack or _SERVER_ERROR
                item.done.set()


_SERVER_ERROR = {
    "ok": False,
    "error": {
        "code": "server_error",
        "message": "Something went wrong; nothing was saved.",
    },
}


def _store(
    app: Flask, session, batch: list[_Waiting]
) -> list[PollResponse | DomainError]:
    """Each vote's response or refusal, in order; one cast_votes per session."""
    ids = {item.connection.participant_id for item in batch}
    people = {
        p.id: p
        for p in session.scalars(select(Participant).where(Participant.id.in_(ids)))
    }
    results: list[PollResponse | DomainError | None] = [None] * len(batch)
    by_session: dict[int, list[tuple[int, votes.Ballot]]] = {}
    for i, item in enumerate(batch):
        try:
            ballot = _ballot(item, people)
            by_session.setdefault(item.connection.session_id, []).append((i, ballot))
        except DomainError as refusal:
            results[i] = refusal
    for session_id, ballots in by_session.items():
        live = session.get(LiveSession, session_id)
        if live is None:
            refusal = Forbidden("This session no longer exists.")
            stored = [refusal] * len(ballots)
        else:
            stored = votes.cast_votes(
                session, [b for _, b in ballots], profanity=profanity_for(live, app)
            )
        for (i, _), result in zip(ballots, stored, strict=True):
            results[i] = result
    return results


def _ballot(item: _Waiting, people: dict[int, Participant]) -> votes.Ballot:
    participant = people.get(item.connection.participant_id)
    if participant is None:
        raise Forbidden("Join the session again to take part.")
    poll_id = an_id(item.payload, "poll_id")
    return votes.Ballot(participant, poll_id, a_dict(item.payload, "answer"))


def _clock_ms() -> int:
    """The clock tally versions use (publisher.Publisher._next_version).

    A tally whose version is at least a vote's committed_at was read after the
    vote was committed, so it counts that vote.
    """
    return int(time.time() * 1000)


def _ack(result: PollResponse | DomainError) -> dict:
    if isinstance(result, DomainError):
        return {"ok": False, "error": result.as_dict()}
    if result.needs_care:  # the phone shows where to find help
        return {"ok": True, "response_id": result.id, "needs_care": True}
    return {"ok": True, "response_id": result.id}


vote_queue = VoteQueue()
