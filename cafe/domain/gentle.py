"""Gentler sessions: content notes and delayed results for polls, quiet mode."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..models import LiveSession, Poll, RevealMode, utcnow
from .actors import Actor
from .audit import record
from .errors import Conflict, InvalidInput
from .hosting import require_host
from .polls import clean_text, get_poll
from .sessions import get_session

MAX_CONTENT_NOTE = 300
_REVEAL_MODES = frozenset(mode.value for mode in RevealMode)


def set_poll_care(
    db: Session, actor: Actor, poll_id: Any, content_note: Any, reveal_mode: Any
) -> Poll:
    """Set a poll's content note (shown before its question; empty for none) and
    whether its results wait until everyone present has answered.

    Raises Forbidden, NotFound or InvalidInput.
    """
    poll = get_poll(db, poll_id)
    require_host(db, actor, get_session(db, poll.session_id))
    note = clean_text(
        content_note,
        field="content_note",
        label="The content note",
        limit=MAX_CONTENT_NOTE,
        required=False,
    )
    if not isinstance(reveal_mode, str) or reveal_mode not in _REVEAL_MODES:
        raise InvalidInput(
            "Show results as usual, or once everyone present has answered.",
            field="reveal_mode",
        )
    poll.content_note = note
    if poll.reveal_mode != reveal_mode:
        poll.reveal_mode = RevealMode(reveal_mode)
        poll.revealed_at = None
    db.flush()
    record(
        db,
        actor,
        "poll.care",
        poll,
        session_id=poll.session_id,
        reveal_mode=reveal_mode,
        content_note=bool(note),
    )
    return poll


def reveal_results(db: Session, actor: Actor, poll_id: Any) -> Poll:
    """Show the results of a poll that waits for everyone, before they all answer.

    Raises Forbidden, NotFound or Conflict (the poll does not wait, or its
    results are already revealed).
    """
    poll = get_poll(db, poll_id)
    require_host(db, actor, get_session(db, poll.session_id))
    if poll.reveal_mode != RevealMode.EVERYONE_ANSWERED:
        raise Conflict("This poll's results do not wait for everyone.")
    if poll.revealed_at is not None:
        raise Conflict("These results are already revealed.")
    poll.revealed_at = utcnow()
    db.flush()
    record(db, actor, "poll.reveal", poll, session_id=poll.session_id)
    return poll


def set_quiet_mode(
    db: Session, actor: Actor, session_id: int, quiet: Any
) -> LiveSession:
    """Hide counts (upvotes, people here, responses) from participants, or show them.

    Raises Forbidden, NotFound or InvalidInput.
    """
    live = get_session(db, session_id)
    require_host(db, actor, live)
    if not isinstance(quiet, bool):
        raise InvalidInput("Say whether quiet mode is on.", field="quiet")
    # A new dict: the JSON column notices assignment, not changes in place.
    live.settings = {**(live.settings or {}), "quiet": quiet}
    db.flush()
    action = "session.quiet_on" if quiet else "session.quiet_off"
    record(db, actor, action, live, session_id=live.id)
    return live


def is_quiet(live: LiveSession) -> bool:
    return bool((live.settings or {}).get("quiet", False))
