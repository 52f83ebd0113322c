"""Private support inside a session: "I need support" alerts and held messages.

An alert carries only the participant's pseudonym and the session (and, for a
held message, a link to it). Facilitators answer it privately; nobody else in
the session ever sees it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    LiveSession,
    Participant,
    PollResponse,
    Question,
    StoryComment,
    SupportAlert,
    SupportReply,
)
from .actors import Actor
from .audit import record
from .errors import NotFound
from .permissions import require_organiser
from .polls import clean_text, is_row_id

MAX_MESSAGE = 500
MAX_REPLY = 1000


def request_support(
    db: Session, participant: Participant, message: Any = None
) -> SupportAlert:
    """Alert the session's facilitators privately, with an optional message.

    Works even for a muted participant. Raises InvalidInput for a message that
    is not text or is too long.
    """
    text = ""
    if message is not None:
        text = clean_text(
            message,
            field="message",
            label="Your message",
            limit=MAX_MESSAGE,
            required=False,
        )
    alert = SupportAlert(
        session_id=participant.session_id, participant_id=participant.id, message=text
    )
    db.add(alert)
    db.flush()
    return alert


def hold_for_care(
    db: Session,
    participant: Participant,
    *,
    question: Question | None = None,
    response: PollResponse | None = None,
    comment: StoryComment | None = None,
) -> SupportAlert:
    """Raise an alert for a message the crisis check held (a question, a poll
    answer or a story comment, given flushed), and log the hold."""
    alert = SupportAlert(
        session_id=participant.session_id,
        participant_id=participant.id,
        question_id=question.id if question else None,
        response_id=response.id if response else None,
        comment_id=comment.id if comment else None,
    )
    db.add(alert)
    db.flush()
    kind, target = next(
        (kind, item)
        for kind, item in (
            ("question", question),
            ("response", response),
            ("comment", comment),
        )
        if item is not None
    )
    record(
        db,
        Actor.system(),
        f"{kind}.held",
        target,
        session_id=participant.session_id,
    )
    return alert


def reply_to_support(
    db: Session, actor: Actor, live: LiveSession, alert_id: Any, body: Any
) -> SupportAlert:
    """Answer an alert privately. Only facilitators and admins may.

    Raises Forbidden, NotFound (not an alert of this session) or InvalidInput.
    """
    user = require_organiser(db, actor)
    alert = _alert_of(db, live, alert_id)
    text = clean_text(body, field="body", label="Your reply", limit=MAX_REPLY)
    reply = SupportReply(
        alert_id=alert.id,
        user_id=user.id,
        author_name=user.display_name or "A facilitator",
        body=text,
    )
    db.add(reply)
    db.flush()
    db.refresh(alert, ["replies"])
    # The reply's words stay out of the log: they may be about someone's health.
    record(db, actor, "support.reply", alert, session_id=live.id)
    return alert


def list_alerts(db: Session, session_id: int) -> list[SupportAlert]:
    """A session's alerts, newest first."""
    stmt = select(SupportAlert).where(SupportAlert.session_id == session_id)
    return list(db.scalars(stmt.order_by(SupportAlert.id.desc())))


def my_alerts(db: Session, participant: Participant) -> list[SupportAlert]:
    """One participant's alerts, newest first."""
    stmt = select(SupportAlert).where(SupportAlert.participant_id == participant.id)
    return list(db.scalars(stmt.order_by(SupportAlert.id.desc())))


def alert_payload(db: Session, alert: SupportAlert, *, for_host: bool) -> dict:
    """An alert as hosts see it (pseudonym, held text) or as its author sees it."""
    payload: dict[str, Any] = {
        "id": alert.id,
        "message": alert.message,
        "held": _held_kind(alert),
        "created_at": _stamp(alert.created_at),
        "replies": [
            {
                "id": r.id,
                "author": r.author_name,
                "body": r.body,
                "created_at": _stamp(r.created_at),
            }
            for r in alert.replies
        ],
    }
    if for_host:
        participant = db.get(Participant, alert.participant_id)
        payload["pseudonym"] = participant.pseudonym if participant else ""
        payload["held_text"] = _held_text(db, alert)
    return payload


def _held_kind(alert: SupportAlert) -> str | None:
    if alert.question_id is not None:
        return "question"
    if alert.response_id is not None:
        return "answer"
    if alert.comment_id is not None:
        return "comment"
    return None


def _held_text(db: Session, alert: SupportAlert) -> str | None:
    if alert.question_id is not None:
        question = db.get(Question, alert.question_id)
        return (question.original_body or question.body) if question else None
    if alert.response_id is not None:
        response = db.get(PollResponse, alert.response_id)
        return (response.original_text or response.text) if response else None
    if alert.comment_id is not None:
        comment = db.get(StoryComment, alert.comment_id)
        return comment.body if comment else None
    return None


def _alert_of(db: Session, live: LiveSession, alert_id: Any) -> SupportAlert:
    alert = db.get(SupportAlert, alert_id) if is_row_id(alert_id) else None
    if alert is None or alert.session_id != live.id:
        raise NotFound("That support request is not in this session.")
    return alert


def _stamp(moment) -> str:
    return moment.isoformat(timespec="milliseconds") + "Z"
