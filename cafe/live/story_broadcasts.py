"""What each change to a story feed sends, and to whom; reaction counts coalesced.

Socket handlers and the no-JavaScript forms both queue these on an Outbox, so a
change is told the same way whichever way it came.
"""

from __future__ import annotations

import logging
import threading

from ..db import db
from ..domain.story_payloads import (
    comment_names,
    comment_payload,
    post_payload,
    reaction_counts,
)
from ..extensions import socketio
from ..models import CommentStatus, StoryComment, StoryPost
from . import rooms
from .outbox import Outbox

log = logging.getLogger(__name__)

INTERVAL = 0.5


def post_added(outbox: Outbox, post: StoryPost) -> None:
    """Hosts also see whether the author consents to publishing."""
    counts = reaction_counts(outbox.db, [post.id])[post.id]
    for for_host, room in ((True, rooms.hosts), (False, rooms.public)):
        data = {"post": post_payload(post, counts, [], for_host=for_host)}
        outbox.emit("story_posted", data, room(post.session_id))


def post_removed(outbox: Outbox, post: StoryPost) -> None:
    outbox.emit(
        "story_post_removed", {"post_id": post.id}, rooms.everyone(post.session_id)
    )


def comment_changed(
    outbox: Outbox, comment: StoryComment, session_id: int, *, was_visible: bool
) -> None:
    """Hosts see every comment; the room sees visible ones; the author sees theirs."""
    data = {"comment": comment_payload(comment, comment_names(outbox.db, [comment]))}
    outbox.emit("comment_updated", data, rooms.hosts(session_id))
    if comment.status == CommentStatus.VISIBLE:
        outbox.emit("comment_updated", data, rooms.public(session_id))
        return
    if was_visible:
        removed = {"comment_id": comment.id, "post_id": comment.post_id}
        outbox.emit("comment_removed", removed, rooms.public(session_id))
    if comment.participant_id:
        outbox.emit("comment_updated", data, rooms.participant(comment.participant_id))


class ReactionTally:
    """A reaction only marks its post; at most every INTERVAL seconds each marked
    post's counts go to its session, read from the database (so every process
    sends exact figures, as the publisher does for votes)."""

    def __init__(self) -> None:
        self._dirty: dict[int, int] = {}  # post id -> session id
        self._lock = threading.Lock()
        self._started = False

    def changed(self, post_id: int, session_id: int) -> None:
        with self._lock:
            self._dirty[post_id] = session_id
            start, self._started = not self._started, True
        if start:
            socketio.start_background_task(self._run)

    def _run(self) -> None:
        while True:
            socketio.sleep(INTERVAL)
            try:
                self.flush()
            except Exception:  # keep counting whatever one flush hit
                log.exception("reaction counts flush failed")

    def flush(self) -> None:
        with self._lock:
            dirty, self._dirty = self._dirty, {}
        if not dirty:
            return
        with db.session_scope() as session:
            counts = reaction_counts(session, list(dirty))
        for post_id, session_id in dirty.items():
            socketio.emit(
                "reactions_updated",
                {"post_id": post_id, "counts": counts[post_id]},
                to=rooms.everyone(session_id),
            )


reaction_tally = ReactionTally()
