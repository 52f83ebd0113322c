"""Live Q&A: asking, upvoting, moderating and listing questions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import (
    LiveSession,
    ModerationMode,
    Participant,
    Question,
    QuestionStatus,
    SessionState,
    Upvote,
    utcnow,
)
from .actors import Actor
from .audit import record
from .errors import Conflict, InvalidInput, NotFound
from .hosting import require_host
from .moderation import check_not_muted
from .polls import clean_text, is_row_id
from .profanity import ProfanityFilter
from .safeguarding import screen_text
from .sessions import get_session
from .support import hold_for_care

PUBLIC_STATUSES = frozenset({QuestionStatus.LIVE, QuestionStatus.ANSWERED})
MAX_QUESTION = 500
MAX_REASON = 200
MAX_REPLY = 1000
# Which states each host action may start from, and what to say otherwise.
_MOVES = {
    "approve": (
        {QuestionStatus.PENDING},
        "Only a question waiting for approval can be approved.",
    ),
    "hide": (
        set(QuestionStatus) - {QuestionStatus.HIDDEN},
        "This question is already hidden.",
    ),
    "answer": ({QuestionStatus.LIVE}, "Only a live question can be marked answered."),
    "close": (PUBLIC_STATUSES, "Only a live or answered question can be closed."),
    "reopen": (
        {QuestionStatus.CLOSED, QuestionStatus.HIDDEN, QuestionStatus.ANSWERED},
        "Only a closed, hidden or answered question can be reopened; "
        "approve a waiting one instead.",
    ),
}


def ask_question(
    db: Session,
    participant: Participant,
    body: Any,
    *,
    profanity: ProfanityFilter | None = None,
    max_length: int = MAX_QUESTION,
) -> Question:
    """Ask a question, held for approval in a pre-moderated session.

    A question that matches the crisis list is held privately, flagged as
    needing care, and raises a support alert, whatever the moderation mode.
    Personal data is redacted from the text others see. Raises Conflict when
    the session is not live or questions are closed, Forbidden for a muted
    participant, and InvalidInput for an empty, over-long or offensive question.
    """
    live = _live_session(db, participant.session_id)
    if not live.questions_open:
        raise Conflict("Questions are closed for now.")
    text = _clean_body(body, max_length)
    check_not_muted(db, participant)
    if profanity is not None and profanity.matches(text):
        raise InvalidInput(
            "Please reword your question without swearing, so everyone can take part.",
            field="body",
        )
    screening = screen_text(db, text)
    pre = live.moderation_mode == ModerationMode.PRE or screening.held
    question = Question(
        session_id=live.id,
        participant_id=participant.id,
        body=screening.shown,
        original_body=screening.original_if_redacted,
        needs_care=screening.held,
        status=QuestionStatus.PENDING if pre else QuestionStatus.LIVE,
    )
    db.add(question)
    db.flush()
    if screening.held:
        hold_for_care(db, participant, question=question)
    return question


def upvote(db: Session, participant: Participant, question_id: Any) -> Question:
    """Upvote a public question once; repeating it changes nothing.

    Raises NotFound for a question this participant cannot see, and Conflict when
    the session is not live or the question is not public.
    """
    question = _visible_question(db, participant, question_id)
    _live_session(db, participant.session_id)
    if question.status not in PUBLIC_STATUSES:
        raise Conflict("Only questions shown to everyone can be upvoted.")
    if _upvote_of(db, participant, question) is None:
        try:
            with db.begin_nested():
                db.add(Upvote(question_id=question.id, participant_id=participant.id))
        except IntegrityError:
            pass  # the same upvote arrived twice at once: one row is enough
    return question


def remove_upvote(db: Session, participant: Participant, question_id: Any) -> Question:
    """Take back an upvote; repeating it changes nothing.

    Raises NotFound for a question this participant cannot see, and Conflict when
    the session is not live.
    """
    question = _visible_question(db, participant, question_id)
    _live_session(db, participant.session_id)
    existing = _upvote_of(db, participant, question)
    if existing is not None:
        db.delete(existing)
        db.flush()
    return question


def approve_question(db: Session, actor: Actor, question_id: Any) -> Question:
    """Show a question waiting for approval; a host who approves one held for
    care releases it. Raises Forbidden, NotFound, Conflict."""
    return _move(
        db, actor, question_id, "approve", status=QuestionStatus.LIVE, needs_care=False
    )


def edit_question(db: Session, actor: Actor, question_id: Any, body: Any) -> Question:
    """Change a question's text, keeping the original in the audit log.

    Raises Forbidden, NotFound or InvalidInput.
    """
    question = _hosted_question(db, actor, question_id)
    text = _clean_body(body, MAX_QUESTION)
    original = host_text(question)
    if text != original:
        screening = screen_text(db, text)
        question.body = screening.shown
        question.original_body = screening.original_if_redacted
        question.edited = True
        _audit(db, actor, "edit", question, original=original, body=text)
    return question


def host_text(question: Question) -> str:
    """The text as its author wrote it: only hosts may see it."""
    return question.original_body or question.body


def hide_question(db: Session, actor: Actor, question_id: Any, reason: Any) -> Question:
    """Hide a question with a reason its author will see.

    Raises Forbidden, NotFound, InvalidInput (reason) or Conflict (already hidden).
    """
    text = clean_text(
        reason, field="reason", label="The reason for hiding it", limit=MAX_REASON
    )
    return _move(
        db,
        actor,
        question_id,
        "hide",
        status=QuestionStatus.HIDDEN,
        hidden_reason=text,
        pinned=False,
    )


def answer_question(db: Session, actor: Actor, question_id: Any) -> Question:
    """Mark a live question answered. Raises Forbidden, NotFound, Conflict."""
    return _move(
        db,
        actor,
        question_id,
        "answer",
        status=QuestionStatus.ANSWERED,
        answered_at=utcnow(),
    )


def pin_question(db: Session, actor: Actor, question_id: Any, pinned: Any) -> Question:
    """Pin a public question (unpinning any other in its session) or unpin it.

    Raises Forbidden, NotFound, InvalidInput or Conflict (not public).
    """
    question = _hosted_question(db, actor, question_id)
    if not isinstance(pinned, bool):
        raise InvalidInput("Say whether to pin or unpin.", field="pinned")
    if pinned and question.status not in PUBLIC_STATUSES:
        raise Conflict("Only a question shown to everyone can be pinned.")
    if pinned:
        for other in pinned_questions(db, question.session_id):
            other.pinned = False
    question.pinned = pinned
    _audit(db, actor, "pin" if pinned else "unpin", question)
    return question


def reply_to_question(
    db: Session, actor: Actor, question_id: Any, reply: Any
) -> Question:
    """Set or clear (with an empty reply) the host's written reply.

    Raises Forbidden, NotFound or InvalidInput.
    """
    question = _hosted_question(db, actor, question_id)
    text = clean_text(
        reply, field="reply", label="The reply", limit=MAX_REPLY, required=False
    )
    question.reply = text or None
    _audit(db, actor, "reply", question, reply=text)
    return question


def close_question(db: Session, actor: Actor, question_id: Any) -> Question:
    """Take a public question off the list. Raises Forbidden, NotFound, Conflict."""
    return _move(
        db, actor, question_id, "close", status=QuestionStatus.CLOSED, pinned=False
    )


def reopen_question(db: Session, actor: Actor, question_id: Any) -> Question:
    """Put a closed, hidden or answered question back live.

    Raises Forbidden, NotFound or Conflict (waiting for approval, or already live).
    """
    return _move(
        db,
        actor,
        question_id,
        "reopen",
        status=QuestionStatus.LIVE,
        hidden_reason=None,
        answered_at=None,
        needs_care=False,
    )


def set_questions_open(
    db: Session, actor: Actor, session_id: int, open: Any
) -> LiveSession:
    """Let participants ask questions, or stop them.

    Raises Forbidden, NotFound or InvalidInput.
    """
    live = get_session(db, session_id)
    require_host(db, actor, live)
    if not isinstance(open, bool):
        raise InvalidInput("Say whether questions are open.", field="open")
    live.questions_open = open
    db.flush()
    action = "session.questions_open" if open else "session.questions_close"
    record(db, actor, action, live, session_id=live.id)
    return live


def list_questions(
    db: Session, session_id: int, *, include_private: bool, sort: str = "top"
) -> list[Question]:
    """A session's questions, most upvoted ("top") or newest ("recent") first.

    Without include_private only live and answered questions are listed.
    Raises InvalidInput for an unknown sort.
    """
    if sort not in ("top", "recent"):
        raise InvalidInput("Sort by 'top' or 'recent'.", field="sort")
    stmt = (
        select(Question)
        .outerjoin(Upvote, Upvote.question_id == Question.id)
        .where(Question.session_id == session_id)
        .group_by(Question.id)
    )
    if not include_private:
        stmt = stmt.where(Question.status.in_(PUBLIC_STATUSES))
    order = [Question.created_at.desc(), Question.id.desc()]
    if sort == "top":
        order.insert(0, func.count(Upvote.id).desc())
    return list(db.scalars(stmt.order_by(*order)))


def upvote_counts(
    db: Session, session_id: int, *, public_only: bool = False
) -> dict[int, int]:
    """Upvotes per question of a session, zero included."""
    stmt = (
        select(Question.id, func.count(Upvote.id))
        .outerjoin(Upvote, Upvote.question_id == Question.id)
        .where(Question.session_id == session_id)
        .group_by(Question.id)
    )
    if public_only:
        stmt = stmt.where(Question.status.in_(PUBLIC_STATUSES))
    return {question_id: count for question_id, count in db.execute(stmt)}


def count_upvotes(db: Session, question_id: int) -> int:
    """How many participants upvoted one question."""
    stmt = select(func.count(Upvote.id)).where(Upvote.question_id == question_id)
    return db.scalar(stmt) or 0


def my_upvotes(db: Session, participant: Participant) -> set[int]:
    """The ids of the questions this participant upvoted."""
    stmt = select(Upvote.question_id).where(Upvote.participant_id == participant.id)
    return set(db.scalars(stmt))


def my_questions(db: Session, participant: Participant) -> list[Question]:
    """Every question this participant asked, newest first, whatever its status."""
    stmt = (
        select(Question)
        .where(Question.participant_id == participant.id)
        .order_by(Question.created_at.desc(), Question.id.desc())
    )
    return list(db.scalars(stmt))


def pinned_questions(db: Session, session_id: int) -> list[Question]:
    """The pinned questions of a session (at most one after any pin)."""
    stmt = select(Question).where(
        Question.session_id == session_id, Question.pinned.is_(True)
    )
    return list(db.scalars(stmt))


def get_question(db: Session, question_id: Any) -> Question:
    """A question by id. Raises NotFound, also for an id that is not a number."""
    question = None
    if is_row_id(question_id):
        question = db.get(Question, question_id)
    if question is None:
        raise NotFound("That question does not exist.")
    return question


def _clean_body(body: Any, max_length: int) -> str:
    return clean_text(body, field="body", label="Your question", limit=max_length)


def _live_session(db: Session, session_id: int) -> LiveSession:
    live = get_session(db, session_id)
    if live.state != SessionState.LIVE:
        raise Conflict("This session is not live.")
    return live


def _visible_question(
    db: Session, participant: Participant, question_id: Any
) -> Question:
    """A question of the participant's session that they may know of."""
    question = get_question(db, question_id)
    waiting = question.status == QuestionStatus.PENDING
    if question.session_id != participant.session_id or (
        waiting and question.participant_id != participant.id
    ):
        raise NotFound("That question does not exist.")
    return question


def _upvote_of(
    db: Session, participant: Participant, question: Question
) -> Upvote | None:
    return db.scalar(
        select(Upvote).where(
            Upvote.question_id == question.id,
            Upvote.participant_id == participant.id,
        )
    )


def _hosted_question(db: Session, actor: Actor, question_id: Any) -> Question:
    question = get_question(db, question_id)
    require_host(db, actor, get_session(db, question.session_id))
    return question


def _move(
    db: Session,
    actor: Actor,
    question_id: Any,
    action: str,
    **changes: Any,
) -> Question:
    """Apply a host's change to a question in a state that allows it."""
    question = _hosted_question(db, actor, question_id)
    allowed, refusal = _MOVES[action]
    if question.status not in allowed:
        raise Conflict(refusal)
    for name, value in changes.items():
        setattr(question, name, value)
    reason = changes.get("hidden_reason")
    _audit(db, actor, action, question, **({"reason": reason} if reason else {}))
    return question


def _audit(
    db: Session, actor: Actor, action: str, question: Question, **details: Any
) -> None:
    db.flush()
    record(
        db,
        actor,
        f"question.{action}",
        question,
        session_id=question.session_id,
        **details,
    )
