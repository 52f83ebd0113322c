"""'You said, we did': recording what the council did about what people said.

Commissioners, facilitators and admins record a response to one published
question, or to a theme that groups several. Commissioners may do so only for
events they may read (published, closed or archived).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    Event,
    EventStatus,
    LiveSession,
    Question,
    QuestionStatus,
    YouSaidQuestion,
    YouSaidStatus,
    YouSaidWeDid,
)
from . import joincodes
from .actors import Actor
from .audit import record
from .errors import InvalidInput, NotFound
from .summary_access import readable_event

PUBLIC_EVENT_STATUSES = (EventStatus.PUBLISHED, EventStatus.CLOSED)
PUBLIC_QUESTION_STATUSES = (
    QuestionStatus.LIVE,
    QuestionStatus.ANSWERED,
    QuestionStatus.CLOSED,
)
MAX_THEME = 200
MAX_REASON = 4000


@dataclass
class YouSaidDetails:
    """What a member of staff enters about one response."""

    question_ids: list[int] = field(default_factory=list)
    theme_title: str = ""
    status: str = YouSaidStatus.UNDER_CONSIDERATION.value
    reason: str = ""
    decided_on: date | None = None

    def check(self) -> YouSaidStatus:
        if not self.question_ids:
            raise InvalidInput("Choose at least one question.", field="question_ids")
        theme = self.theme_title.strip()
        if len(self.question_ids) > 1 and not theme:
            raise InvalidInput(
                "Give the theme a title when you answer several questions.",
                field="theme_title",
            )
        if len(theme) > MAX_THEME:
            raise InvalidInput(
                f"Keep the theme title under {MAX_THEME} characters.",
                field="theme_title",
            )
        if not self.reason.strip():
            raise InvalidInput("Say what was done and why.", field="reason")
        if len(self.reason) > MAX_REASON:
            raise InvalidInput(
                f"Keep the reason under {MAX_REASON} characters.", field="reason"
            )
        if self.decided_on is None:
            raise InvalidInput("Enter the date of the decision.", field="decided_on")
        try:
            return YouSaidStatus(self.status)
        except ValueError:
            raise InvalidInput(
                "Choose a status from the list.", field="status"
            ) from None


def answerable_questions(db: Session, actor: Actor, event_id: int) -> list[Question]:
    """The event's published questions in session order. Raises Forbidden, NotFound."""
    event = readable_event(db, actor, event_id)
    return _public_questions(db, event)


def record_response(
    db: Session, actor: Actor, event_id: int, details: YouSaidDetails
) -> YouSaidWeDid:
    """Record a response. Raises Forbidden, NotFound or InvalidInput."""
    event = readable_event(db, actor, event_id)
    status = details.check()
    response = YouSaidWeDid(event_id=event.id, created_by_id=actor.user_id)
    _apply(db, event, response, details, status)
    db.add(response)
    db.flush()
    record(db, actor, "you_said.create", response, status=status.value)
    return response


def update_response(
    db: Session, actor: Actor, response_id: int, details: YouSaidDetails
) -> YouSaidWeDid:
    """Change a response. Raises Forbidden, NotFound or InvalidInput."""
    response = get_response(db, actor, response_id)
    status = details.check()
    _apply(db, db.get(Event, response.event_id), response, details, status)
    db.flush()
    record(db, actor, "you_said.update", response, status=status.value)
    return response


def delete_response(db: Session, actor: Actor, response_id: int) -> None:
    """Remove a response recorded by mistake. Raises Forbidden or NotFound."""
    response = get_response(db, actor, response_id)
    record(db, actor, "you_said.delete", response)
    db.delete(response)
    db.flush()


def get_response(db: Session, actor: Actor, response_id: int) -> YouSaidWeDid:
    """A response on an event the actor may read. Raises Forbidden or NotFound."""
    response = db.get(YouSaidWeDid, response_id)
    if response is None:
        raise NotFound("That response does not exist.")
    readable_event(db, actor, response.event_id)
    return response


def list_responses(db: Session, actor: Actor, event_id: int) -> list[YouSaidWeDid]:
    """An event's responses, newest decision first. Raises Forbidden, NotFound."""
    event = readable_event(db, actor, event_id)
    return _responses(db, event.id)


def public_responses(db: Session, event_id: int) -> tuple[Event, list[YouSaidWeDid]]:
    """A published or closed event and its responses, for anyone to read.

    Raises NotFound for any other event.
    """
    event = db.get(Event, event_id)
    if event is None or event.status not in PUBLIC_EVENT_STATUSES:
        raise NotFound("That event does not exist.")
    return event, _responses(db, event.id)


def public_question_texts(response: YouSaidWeDid) -> list[str]:
    """The texts of a response's questions that are still published."""
    return [q.body for q in response.questions if q.status in PUBLIC_QUESTION_STATUSES]


def _responses(db: Session, event_id: int) -> list[YouSaidWeDid]:
    return list(
        db.scalars(
            select(YouSaidWeDid)
            .where(YouSaidWeDid.event_id == event_id)
            .order_by(YouSaidWeDid.decided_on.desc(), YouSaidWeDid.id.desc())
        )
    )


def _public_questions(db: Session, event: Event) -> list[Question]:
    return list(
        db.scalars(
            select(Question)
            .join(LiveSession, LiveSession.id == Question.session_id)
            .where(
                LiveSession.event_id == event.id,
                Question.status.in_(PUBLIC_QUESTION_STATUSES),
            )
            .order_by(LiveSession.position, Question.created_at, Question.id)
        )
    )


def _apply(db, event, response, details, status) -> None:
    allowed = {q.id: q for q in _public_questions(db, event)}
    chosen = list(dict.fromkeys(details.question_ids))
    if any(qid not in allowed for qid in chosen):
        raise InvalidInput(
            "Choose published questions from this event.", field="question_ids"
        )
    response.theme_title = details.theme_title.strip()
    response.status = status
    response.reason = details.reason.strip()
    response.decided_on = details.decided_on
    # Keep the links that stay: a new link with the same key would clash.
    kept = {link.question_id: link for link in response.links}
    response.links = [
        kept.get(qid) or YouSaidQuestion(question_id=qid) for qid in chosen
    ]


def public_event_for_code(db: Session, typed_code: str) -> Event:
    """The published or closed event of the session with this join code.

    Raises NotFound for an unknown code or an event that is not public.
    """
    code = joincodes.normalise(typed_code)
    live = db.scalar(select(LiveSession).where(LiveSession.join_code == code))
    if live is None or live.event.status not in PUBLIC_EVENT_STATUSES:
        raise NotFound("No event has that code.")
    return live.event
