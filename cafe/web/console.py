"""The facilitator's console: moderation and polls of one live session.

The page shows the current state on load; every action then goes over the socket
(static/js/console.js), and the page follows the session's events.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from ..db import db
from ..domain import moderation, payloads, sessions
from ..domain.hosting import require_host
from ..live.connections import registry
from ..models import LiveSession
from . import qr
from .identity import host_actor, host_required
from .participate import sorted_questions

bp = Blueprint("console", __name__)

QUESTION_GROUPS = (
    ("pending", "Queue", ("pending",)),
    ("live", "Live", ("live",)),
    ("answered", "Answered", ("answered",)),
    ("archived", "Hidden and closed", ("hidden", "closed")),
)


@bp.get("/console/sessions/<int:session_id>")
@host_required
def page(session_id: int):
    """The console of a session, drawn from the state a host socket would get."""
    live = hosted_session(session_id)
    state = host_state(live)
    return render_template(
        "console/page.html",
        state=state,
        groups=group_questions(state["questions"]),
        join_url=qr.join_url(live),
        reasons=moderation.reasons(db.session),
        staff=current_user.is_authenticated,
    )


def hosted_session(session_id: int) -> LiveSession:
    """The session, if the signed-in member of staff or the guest host may host it."""
    live = sessions.get_session(db.session, session_id)
    require_host(db.session, host_actor(), live)
    return live


def host_state(live: LiveSession) -> dict:
    return payloads.session_state(
        db.session,
        live,
        viewer_kind="host",
        participant_count=registry.participant_count(live.id),
        for_staff=current_user.is_authenticated,
    )


def group_questions(items: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """The console's sections: the queue oldest first, the others most upvoted."""
    top = sorted_questions(items, "top")
    oldest = sorted_questions(items, "recent")[::-1]
    groups = []
    for key, heading, statuses in QUESTION_GROUPS:
        ordered = oldest if key == "pending" else top
        groups.append((key, heading, [q for q in ordered if q["status"] in statuses]))
    return groups
