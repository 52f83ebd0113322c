"""Receipt codes: seeing and deleting your own contributions, with no account.

A participant may take a code when they join. Only its hash is stored; anyone
holding the code can list what that participant posted and delete any of it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    LiveSession,
    Participant,
    Poll,
    PollResponse,
    Question,
    Receipt,
    StoryComment,
    SupportAlert,
    Upvote,
)
from .actors import Actor
from .audit import record
from .errors import NotFound
from .polls import is_row_id

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L or U to misread
GROUPS, GROUP_LENGTH = 3, 4
# The author, never named: a receipt must not tie a pseudonym to an erasure.
AUTHOR = Actor("participant", 0, "the author")
NOT_FOUND = "No contributions match that code. Check it and try again."


def new_code() -> str:
    """A random code such as K7PD-QX4M-2HRT (about 59 bits)."""
    letters = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(
        letters[i : i + GROUP_LENGTH] for i in range(0, len(letters), GROUP_LENGTH)
    )


def normalise(code: str) -> str:
    """Upper case, without spaces or hyphens, as the code is hashed."""
    return "".join(c for c in (code or "").upper() if c.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def issue_receipt(db: Session, participant: Participant) -> str:
    """A new receipt code for this participant; any earlier one stops working."""
    code = new_code()
    existing = db.scalar(
        select(Receipt).where(Receipt.participant_id == participant.id)
    )
    if existing is None:
        db.add(Receipt(participant_id=participant.id, code_hash=hash_code(code)))
    else:
        existing.code_hash = hash_code(code)
    db.flush()
    return code


def participant_for_code(db: Session, code: Any) -> Participant:
    """The participant a code was issued to. Raises NotFound for any other code."""
    if not isinstance(code, str) or not normalise(code):
        raise NotFound(NOT_FOUND)
    receipt = db.scalar(select(Receipt).where(Receipt.code_hash == hash_code(code)))
    if receipt is None:
        raise NotFound(NOT_FOUND)
    return db.get(Participant, receipt.participant_id)


@dataclass
class Contributions:
    """Everything one participant posted in one session, for them alone to see."""

    session_title: str
    event_title: str
    questions: list[Question] = field(default_factory=list)
    answers: list[tuple[Poll, PollResponse]] = field(default_factory=list)
    comments: list[StoryComment] = field(default_factory=list)
    upvotes: int = 0
    support_requests: int = 0

    @property
    def empty(self) -> bool:
        return not (
            self.questions
            or self.answers
            or self.comments
            or self.upvotes
            or self.support_requests
        )


def contributions(db: Session, code: Any) -> Contributions:
    """What the holder of a code posted. Raises NotFound for an unknown code."""
    participant = participant_for_code(db, code)
    live = db.get(LiveSession, participant.session_id)
    found = Contributions(live.title, live.event.title)
    found.questions = _rows(db, select(Question), Question, participant)
    found.answers = [
        (response.poll, response)
        for response in _rows(db, select(PollResponse), PollResponse, participant)
    ]
    found.comments = _rows(db, select(StoryComment), StoryComment, participant)
    found.upvotes = len(_rows(db, select(Upvote), Upvote, participant))
    found.support_requests = len(
        _rows(db, select(SupportAlert), SupportAlert, participant)
    )
    return found


def erase_question(db: Session, code: Any, question_id: Any) -> Question:
    """Delete one of the code holder's questions (returned, already deleted).

    Raises NotFound for an unknown code or a question that is not theirs.
    """
    participant = participant_for_code(db, code)
    question = db.get(Question, question_id) if is_row_id(question_id) else None
    if question is None or question.participant_id != participant.id:
        raise NotFound("That question is not one of yours.")
    record(db, AUTHOR, "question.erased", question, session_id=question.session_id)
    db.delete(question)
    db.flush()
    return question


def erase_answer(db: Session, code: Any, response_id: Any) -> PollResponse:
    """Delete one of the code holder's poll answers (returned, already deleted).

    Raises NotFound for an unknown code or an answer that is not theirs.
    """
    participant = participant_for_code(db, code)
    response = db.get(PollResponse, response_id) if is_row_id(response_id) else None
    if response is None or response.participant_id != participant.id:
        raise NotFound("That answer is not one of yours.")
    record(db, AUTHOR, "response.erased", response, session_id=participant.session_id)
    db.delete(response)
    db.flush()
    return response


@dataclass
class Erased:
    """What erase_everything removed, so the live screens can be told."""

    session_id: int
    question_ids: list[int]
    poll_ids: list[int]


def erase_everything(db: Session, code: Any) -> Erased:
    """Delete all the code holder's questions, answers, upvotes, comments and
    support requests. Raises NotFound for an unknown code."""
    found = contributions(db, code)
    participant = participant_for_code(db, code)
    erased = Erased(
        participant.session_id,
        [q.id for q in found.questions],
        sorted({poll.id for poll, _ in found.answers}),
    )
    for question in found.questions:
        erase_question(db, code, question.id)
    for _poll, response in found.answers:
        erase_answer(db, code, response.id)
    for model in (Upvote, StoryComment, SupportAlert):
        for row in _rows(db, select(model), model, participant):
            db.delete(row)
    db.flush()
    return erased


def _rows(db: Session, stmt, model, participant: Participant) -> list:
    return list(
        db.scalars(
            stmt.where(model.participant_id == participant.id).order_by(model.id)
        )
    )
