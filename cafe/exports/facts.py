"""What a summary is built from, read from the database into plain values.

Nothing here holds a participant's id, token, pseudonym or name: a response
carries only its author's self-declared role, so no identifier can reach an
export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import (
    AttendanceSample,
    Event,
    EventStatus,
    LiveSession,
    Participant,
    Poll,
    PollKind,
    PollResponse,
    PollStatus,
    Question,
    QuestionStatus,
    ResponseStatus,
    Series,
    Upvote,
    YouSaidWeDid,
)

PUBLIC_QUESTION_STATUSES = (
    QuestionStatus.LIVE,
    QuestionStatus.ANSWERED,
    QuestionStatus.CLOSED,
)


@dataclass(frozen=True)
class AnswerFact:
    role: str | None
    option_ids: tuple[int, ...]
    rating: int | None
    text: str | None
    status: ResponseStatus


@dataclass(frozen=True)
class PollFact:
    id: int
    kind: PollKind
    question: str
    status: PollStatus
    options: tuple[tuple[int, str], ...]
    scale_max: int | None
    scale_min_label: str
    scale_max_label: str
    answers: tuple[AnswerFact, ...]


@dataclass(frozen=True)
class QuestionFact:
    id: int
    body: str
    status: QuestionStatus
    hidden_reason: str | None
    edited: bool
    reply: str | None
    upvotes: int
    created_at: datetime

    @property
    def public(self) -> bool:
        return self.status in PUBLIC_QUESTION_STATUSES


@dataclass(frozen=True)
class SessionFacts:
    id: int
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    moderation_mode: str
    facilitator_notes: str
    roles: tuple[str | None, ...]  # one per participant who joined
    peak_connected: int | None  # None: not recorded
    questions: tuple[QuestionFact, ...]
    polls: tuple[PollFact, ...]


@dataclass(frozen=True)
class YouSaidFact:
    theme_title: str
    questions: tuple[tuple[int, str], ...]  # (session id, question text)
    status_label: str
    reason: str
    decided_on: date


@dataclass(frozen=True)
class EventFacts:
    id: int
    title: str
    status: EventStatus
    starts_at: datetime
    ends_at: datetime
    place: str
    sessions: tuple[SessionFacts, ...]
    you_said: tuple[YouSaidFact, ...]


@dataclass(frozen=True)
class SeriesFacts:
    id: int
    title: str
    events: tuple[EventFacts, ...]


def load_session(db: Session, live: LiveSession) -> SessionFacts:
    """The facts of one session."""
    roles = db.scalars(
        select(Participant.role)
        .where(Participant.session_id == live.id)
        .order_by(Participant.id)
    )
    peak = db.scalar(
        select(func.max(AttendanceSample.connected)).where(
            AttendanceSample.session_id == live.id
        )
    )
    return SessionFacts(
        id=live.id,
        title=live.title,
        starts_at=live.starts_at,
        ends_at=live.ends_at,
        moderation_mode=live.moderation_mode.value,
        facilitator_notes=live.facilitator_notes,
        roles=tuple(roles),
        peak_connected=peak,
        questions=tuple(_questions(db, live.id)),
        polls=tuple(_polls(db, live.id)),
    )


def load_event(
    db: Session, event: Event, only_session_id: int | None = None
) -> EventFacts:
    """The facts of an event and its sessions (or just one of them)."""
    sessions = [s for s in event.sessions if only_session_id in (None, s.id)]
    return EventFacts(
        id=event.id,
        title=event.title,
        status=event.status,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=event.place,
        sessions=tuple(load_session(db, live) for live in sessions),
        you_said=tuple(_you_said(db, event.id)),
    )


def load_series(db: Session, series: Series, events: Iterable[Event]) -> SeriesFacts:
    """The facts of the given events of a series, oldest first."""
    ordered = sorted(events, key=lambda e: (e.starts_at, e.id))
    return SeriesFacts(
        id=series.id,
        title=series.title,
        events=tuple(load_event(db, event) for event in ordered),
    )


def _questions(db: Session, session_id: int) -> Iterable[QuestionFact]:
    rows = db.execute(
        select(Question, func.count(Upvote.id))
        .outerjoin(Upvote, Upvote.question_id == Question.id)
        .where(Question.session_id == session_id)
        .group_by(Question.id)
        .order_by(Question.created_at, Question.id)
    )
    for question, upvotes in rows:
        yield QuestionFact(
            id=question.id,
            body=question.body,
            status=question.status,
            hidden_reason=question.hidden_reason,
            edited=question.edited,
            reply=question.reply,
            upvotes=upvotes,
            created_at=question.created_at,
        )


def _polls(db: Session, session_id: int) -> Iterable[PollFact]:
    polls = db.scalars(
        select(Poll)
        .where(Poll.session_id == session_id, Poll.status != PollStatus.DRAFT)
        .order_by(Poll.position, Poll.id)
    )
    for poll in polls:
        yield PollFact(
            id=poll.id,
            kind=poll.kind,
            question=poll.question,
            status=poll.status,
            options=tuple((o.id, o.label) for o in poll.options),
            scale_max=poll.scale_max,
            scale_min_label=poll.scale_min_label,
            scale_max_label=poll.scale_max_label,
            answers=tuple(_answers(db, poll.id)),
        )


def _answers(db: Session, poll_id: int) -> Iterable[AnswerFact]:
    rows = db.execute(
        select(PollResponse, Participant.role)
        .join(Participant, Participant.id == PollResponse.participant_id)
        .where(PollResponse.poll_id == poll_id)
        .order_by(PollResponse.id)
    )
    for response, role in rows:
        yield AnswerFact(
            role=role,
            option_ids=tuple(response.option_ids or ()),
            rating=response.rating,
            text=response.text,
            status=response.status,
        )


def _you_said(db: Session, event_id: int) -> Iterable[YouSaidFact]:
    responses = db.scalars(
        select(YouSaidWeDid)
        .where(YouSaidWeDid.event_id == event_id)
        .order_by(YouSaidWeDid.decided_on, YouSaidWeDid.id)
    )
    for response in responses:
        yield YouSaidFact(
            theme_title=response.theme_title,
            questions=tuple(
                (q.session_id, q.body)
                for q in response.questions
                if q.status in PUBLIC_QUESTION_STATUSES
            ),
            status_label=response.status.label,
            reason=response.reason,
            decided_on=response.decided_on,
        )
