"""The presenter screen: join details, the current poll and the top questions.

It sees only what the room may see (the "presenter" view of the protocol), so a
hidden or waiting question never reaches the projector.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from ..db import db
from ..domain import payloads
from ..live.connections import registry
from . import qr
from .console import hosted_session
from .identity import host_required
from .participate import sorted_questions

bp = Blueprint("present", __name__)

TOP_QUESTIONS = 5


@bp.get("/present/sessions/<int:session_id>")
@host_required
def page(session_id: int):
    """The projector view of a session."""
    live = hosted_session(session_id)
    state = payloads.session_state(
        db.session,
        live,
        viewer_kind="presenter",
        participant_count=registry.participant_count(live.id),
    )
    pinned, top = featured_questions(state["questions"])
    return render_template(
        "present/page.html",
        state=state,
        polls=current_polls(state["polls"]),
        pinned=pinned,
        top=top,
        join_url=qr.join_url(live),
    )


def current_polls(polls: list[dict]) -> list[dict]:
    """The open polls; when none is open, the last closed one, to show its results."""
    open_polls = [p for p in polls if p["status"] == "open"]
    if open_polls:
        return open_polls
    closed = [p for p in polls if p["status"] == "closed"]
    return closed[-1:]


def featured_questions(items: list[dict]) -> tuple[dict | None, list[dict]]:
    """The pinned question, and the most upvoted live questions besides it."""
    pinned = next((q for q in items if q["pinned"]), None)
    live = [q for q in sorted_questions(items, "top") if q["status"] == "live"]
    return pinned, [q for q in live if q is not pinned][:TOP_QUESTIONS]
