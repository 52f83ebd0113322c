"""Broadcasting: immediate emits after commit, and coalesced tallies and counts.

A vote or an upvote only marks its poll or session dirty. A background task wakes
every INTERVAL seconds and sends one tally per dirty poll and one count per dirty
session, computed from the database, so that every process sends exact figures.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import NamedTuple

from sqlalchemy import Text, cast, func, select

from ..db import db
from ..domain import payloads, questions, tallies
from ..extensions import socketio
from ..models import (
    AttendanceSample,
    Poll,
    PollKind,
    PollResponse,
    PollStatus,
    StaffLogin,
)
from . import rooms
from .connections import registry
from .coordination import REFRESH_EVERY, coordination

log = logging.getLogger(__name__)

INTERVAL = 0.25
# Counts go to everyone in the room: while thousands join, sending them every
# INTERVAL was most of the server's work (76,000 messages for 5,000 joiners).
COUNT_EVERY = 1.0
LOGIN_SWEEP_EVERY = 2.0


class Publisher:
    def __init__(self, socketio) -> None:
        self.socketio = socketio
        self._lock = threading.Lock()
        self._polls: set[int] = set()
        self._upvotes: set[int] = set()
        self._counts: set[int] = set()
        self._version = 0
        self._present: dict[int, int] = {}  # session -> count in all processes
        self._started = False
        self._last_sweep = 0.0

    def poll_changed(self, poll_id: int) -> None:
        with self._lock:
            self._polls.add(poll_id)

    def upvotes_changed(self, session_id: int) -> None:
        with self._lock:
            self._upvotes.add(session_id)

    def count_changed(self, session_id: int) -> None:
        with self._lock:
            self._counts.add(session_id)

    def start(self) -> None:
        """Start the background task once per process, on the first connection."""
        with self._lock:
            if self._started:
                return
            self._started = True
        self.socketio.start_background_task(self._run)

    def _run(self) -> None:
        counted_at = refreshed_at = 0.0
        while True:
            started = time.monotonic()
            with_counts = started - counted_at >= COUNT_EVERY
            if with_counts:
                counted_at = started
            if coordination.redis and started - refreshed_at >= REFRESH_EVERY:
                refreshed_at = started  # keep this process's counts fresh in Redis
                for session_id in registry.sessions():
                    self.count_changed(session_id)
            try:
                self.flush(with_counts=with_counts)
            except Exception:  # keep broadcasting whatever one flush hit
                log.exception("live publisher flush failed")
            # Every INTERVAL from start to start, however long the flush took.
            self.socketio.sleep(max(0.0, INTERVAL - (time.monotonic() - started)))

    def flush(self, *, with_counts: bool = True) -> None:
        """Send what changed; participant counts only if `with_counts`."""
        with self._lock:
            polls, self._polls = self._polls, set()
            upvotes, self._upvotes = self._upvotes, set()
            if with_counts:
                counts, self._counts = self._counts, set()
            else:
                counts = set()
        polls = self._claimed("tally", polls, self.poll_changed)
        upvotes = self._claimed("upvotes", upvotes, self.upvotes_changed)
        if polls or upvotes:
            read_at = int(time.time() * 1000)  # before any vote is read
            with db.session_scope() as session:
                for poll_id in polls:
                    self._send_tally(session, poll_id, read_at)
                for session_id in upvotes:
                    self._send_upvotes(session, session_id)
        if counts:
            self._send_counts(counts)
        self._sweep_logins()

    @staticmethod
    def _claimed(kind: str, ids: set[int], again) -> set[int]:
        """The ids this process sends now; another process sends the rest this
        round, and they stay pending here for the next one."""
        mine = {i for i in ids if coordination.claim(f"{kind}:{i}", INTERVAL)}
        for i in ids - mine:
            again(i)
        return mine

    def _send_counts(self, session_ids: set[int]) -> None:
        """Tell each room how many are here, and keep the reading for summaries."""
        readings = {}
        for sid in session_ids:
            total = coordination.present(sid, registry.participant_count(sid))
            self._present[sid] = total
            if coordination.claim(f"count:{sid}", COUNT_EVERY):
                readings[sid] = total
            else:
                self.count_changed(sid)
        for session_id, count in readings.items():
            self.socketio.emit(
                "participant_count", {"count": count}, to=rooms.everyone(session_id)
            )
        with db.session_scope() as session:
            session.add_all(
                AttendanceSample(session_id=sid, connected=count)
                for sid, count in readings.items()
            )

    def _next_version(self, read_at: int) -> int:
        """The server clock in milliseconds when the votes were read, kept strictly
        increasing: comparable across processes, and a tally whose version is
        later than a vote's commit counts that vote."""
        self._version = max(self._version + 1, read_at)
        return self._version

    def _send_tally(self, session, poll_id: int, read_at: int) -> None:
        poll = session.get(Poll, poll_id)
        if poll is None:
            return
        full = tallies.full_results(poll, _answers(session, poll))
        version = self._next_version(read_at)
        sid = poll.session_id
        self.socketio.emit(
            "tally_updated",
            {"poll_id": poll.id, "version": version, "results": full},
            to=rooms.hosts(sid),
        )
        if poll.status != PollStatus.DRAFT:
            self.socketio.emit(
                "tally_updated",
                {
                    "poll_id": poll.id,
                    "version": version,
                    "results": tallies.public_results(
                        poll, full, present=self._present_in(sid)
                    ),
                },
                to=rooms.public(sid),
            )

    def _present_in(self, session_id: int) -> int:
        """Participants connected to the session, in every process."""
        here = registry.participant_count(session_id)
        return self._present.get(session_id, here) if coordination.redis else here

    def _send_upvotes(self, session, session_id: int) -> None:
        """Hosts get every count; the room only those of public questions."""
        for public_only, room in ((False, rooms.hosts), (True, rooms.public)):
            counts = questions.upvote_counts(
                session, session_id, public_only=public_only
            )
            self.socketio.emit(
                "upvotes_updated",
                {"counts": {str(k): v for k, v in counts.items()}},
                to=room(session_id),
            )

    def _sweep_logins(self) -> None:
        """Disconnect staff sockets whose login was revoked in any process."""
        now = time.monotonic()
        if now - self._last_sweep < LOGIN_SWEEP_EVERY:
            return
        self._last_sweep = now
        staff = registry.staff_connections()
        if staff:
            with db.session_scope() as session:
                revoked = revoked_tokens(session, {c.login_token for c in staff})
            for connection in staff:
                if connection.login_token in revoked:
                    disconnect(self.socketio, connection.sid)


class _Choice(NamedTuple):
    """What a choice or rating tally reads of one answer."""

    option_ids: list[int] | None
    rating: int | None


# Kinds whose tally reads only the choice: many answers share one, so the
# database counts them and each distinct choice is decoded once.
_COUNTED = {PollKind.SINGLE, PollKind.MULTIPLE, PollKind.RANKING, PollKind.RATING}


def _answers(session, poll: Poll) -> list:
    """A poll's answers with only the columns its tally reads.

    Loading a full object per answer cost more than the rest of a flush, four
    times a second, for every open poll with thousands of answers.
    """
    if poll.kind in _COUNTED:
        return _counted_choices(session, poll.id)
    columns = (
        PollResponse.id,
        PollResponse.option_ids,
        PollResponse.rating,
        PollResponse.text,
        PollResponse.status,
        PollResponse.original_text,
        PollResponse.needs_care,
    )
    stmt = select(*columns).where(PollResponse.poll_id == poll.id)
    return list(session.execute(stmt.order_by(PollResponse.id)))


def _counted_choices(session, poll_id: int) -> list[_Choice]:
    choice = cast(PollResponse.option_ids, Text)  # PostgreSQL cannot group JSON
    stmt = (
        select(choice, PollResponse.rating, func.count())
        .where(PollResponse.poll_id == poll_id)
        .group_by(choice, PollResponse.rating)
    )
    answers: list[_Choice] = []
    for option_ids, rating, count in session.execute(stmt):
        decoded = json.loads(option_ids) if option_ids is not None else None
        answers.extend([_Choice(decoded, rating)] * count)
    return answers


def revoked_tokens(session, tokens: set[str]) -> set[str]:
    """Which of these login tokens no longer grant rights."""
    logins = session.scalars(select(StaffLogin).where(StaffLogin.token.in_(tokens)))
    good = {login.token for login in logins if login.is_valid}
    return tokens - good


def disconnect(socketio, sid: str) -> None:
    registry.remove(sid)
    socketio.server.disconnect(sid, namespace="/")


def state_for(session, live, connection) -> dict:
    """The full State a socket receives on connect and on request_state."""
    from ..models import Participant

    participant = (
        session.get(Participant, connection.participant_id)
        if connection.participant_id
        else None
    )
    return payloads.session_state(
        session,
        live,
        viewer_kind=connection.view,
        participant=participant,
        participant_count=registry.participant_count(live.id),
        for_staff=connection.view == "host" and bool(connection.login_token),
    )


publisher = Publisher(socketio)
