"""Answering polls, and moderating open-text answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import (
    ModerationMode,
    Participant,
    Poll,
    PollKind,
    PollResponse,
    PollStatus,
    ResponseStatus,
    SessionState,
)
from .actors import Actor
from .audit import record
from .errors import Conflict, DomainError, InvalidInput, NotFound
from .hosting import require_host
from .moderation import check_not_muted
from .polls import clean_text, get_poll, is_row_id
from .profanity import ProfanityFilter
from .safeguarding import Screening, crisis_matcher, redacted_names, screen
from .sessions import get_session
from .support import hold_for_care

TEXT_LIMITS = {PollKind.WORD_CLOUD: 40, PollKind.OPEN_TEXT: 500}
_MODERATION = {"approve": ResponseStatus.VISIBLE, "hide": ResponseStatus.HIDDEN}


@dataclass(frozen=True)
class _Answer:
    """A checked answer in the columns it is stored in.

    text is what others may see (redacted); original is the text as written,
    kept for hosts only when it differs; held means the crisis check held it.
    """

    option_ids: list[int] | None = None
    rating: int | None = None
    text: str | None = None
    original: str | None = None
    held: bool = False

    def same_as(self, response: PollResponse) -> bool:
        return (self.option_ids, self.rating, self.original or self.text) == (
            response.option_ids,
            response.rating,
            response.original_text or response.text,
        )


class _Screener:
    """Screens text answers, loading the crisis list and names once per batch."""

    def __init__(self, db: Session) -> None:
        self._db = db
        self._lists = None

    def __call__(self, text: str) -> Screening:
        if self._lists is None:
            self._lists = (crisis_matcher(self._db), redacted_names(self._db))
        return screen(text, *self._lists)


def cast_vote(
    db: Session,
    participant: Participant,
    poll_id: Any,
    answer: Any,
    *,
    profanity: ProfanityFilter | None = None,
) -> PollResponse:
    """Answer a poll, or change the answer when the poll allows it.

    Sending the same answer again returns the stored one unchanged. A text
    answer that matches the crisis list is held privately and raises a support
    alert; personal data is redacted from what others see. Raises NotFound (no
    such poll in this session), Conflict (poll not open, or a change the poll
    does not allow), Forbidden (a muted participant's text answer) or
    InvalidInput (malformed answer).
    """
    poll = get_poll(db, poll_id)
    if poll.session_id != participant.session_id:
        raise NotFound("That poll does not exist.")
    _check_open(db, poll)
    checked = _check_answer(poll, answer, profanity, _Screener(db))
    _check_may_post(db, poll, participant)
    existing = _response_of(db, poll, participant)
    if existing is None:
        created = _insert(db, poll, participant, checked)
        if created is not None:
            return created
        # The same participant's first answer arrived twice at once.
        existing = _response_of(db, poll, participant)
        if existing is None:
            raise Conflict("Your answer is still being saved; try again.")
    return _change(db, poll, existing, checked)


@dataclass(frozen=True)
class Ballot:
    """One participant's answer to one poll, as it arrived."""

    participant: Participant
    poll_id: Any
    answer: Any


def cast_votes(
    db: Session,
    ballots: Sequence[Ballot],
    *,
    profanity: ProfanityFilter | None = None,
) -> list[PollResponse | DomainError]:
    """Store many answers at once, each exactly as cast_vote would on its own.

    Returns, in order, each ballot's response or the DomainError that refused it
    (NotFound, Conflict or InvalidInput); a refused ballot writes nothing. New
    answers go in with one insert; if that meets an answer stored meanwhile by
    another process, they are retried one by one.
    """
    results: list[PollResponse | DomainError | None] = [None] * len(ballots)
    stored = _stored_responses(db, ballots)
    fresh: dict[int, PollResponse] = {}  # ballot index -> response to insert
    open_polls: dict[int, Poll] = {}  # checked once, and held for the whole batch
    screener = _Screener(db)
    for i, ballot in enumerate(ballots):
        try:
            poll, checked = _checked_ballot(db, ballot, profanity, open_polls, screener)
            key = (poll.id, ballot.participant.id)
            if key in stored:
                results[i] = _change(db, poll, stored[key], checked)
            else:
                stored[key] = fresh[i] = _new_response(db, poll, ballot, checked)
                results[i] = fresh[i]
        except DomainError as refusal:
            results[i] = refusal
    if fresh and not _inserted(db, list(fresh.values())):
        for i in fresh:
            results[i] = _cast_alone(db, ballots[i], profanity)
    elif fresh:
        for i, response in fresh.items():
            _alert_if_held(db, ballots[i].participant, response)
    return results


def _checked_ballot(
    db: Session,
    ballot: Ballot,
    profanity: ProfanityFilter | None,
    open_polls: dict[int, Poll],
    screener: _Screener,
) -> tuple[Poll, _Answer]:
    """The same checks as cast_vote, in the same order, loading each poll once."""
    poll = open_polls.get(ballot.poll_id) if is_row_id(ballot.poll_id) else None
    if poll is None:
        poll = get_poll(db, ballot.poll_id)
    if poll.session_id != ballot.participant.session_id:
        raise NotFound("That poll does not exist.")
    if poll.id not in open_polls:
        _check_open(db, poll)
        open_polls[poll.id] = poll
    checked = _check_answer(poll, ballot.answer, profanity, screener)
    _check_may_post(db, poll, ballot.participant)
    return poll, checked


def _stored_responses(
    db: Session, ballots: Sequence[Ballot]
) -> dict[tuple[int, int], PollResponse]:
    """The answers already stored for these ballots, in one query."""
    poll_ids = {b.poll_id for b in ballots if is_row_id(b.poll_id)}
    participant_ids = {b.participant.id for b in ballots}
    if not poll_ids:
        return {}
    stmt = select(PollResponse).where(
        PollResponse.poll_id.in_(poll_ids),
        PollResponse.participant_id.in_(participant_ids),
    )
    return {(r.poll_id, r.participant_id): r for r in db.scalars(stmt)}


def _new_response(
    db: Session, poll: Poll, ballot: Ballot, answer: _Answer
) -> PollResponse:
    return PollResponse(
        poll_id=poll.id,
        participant_id=ballot.participant.id,
        option_ids=answer.option_ids,
        rating=answer.rating,
        text=answer.text,
        original_text=answer.original,
        needs_care=answer.held,
        status=_status_for(db, poll, answer),
    )


def _inserted(db: Session, responses: list[PollResponse]) -> bool:
    """Insert them together, or none of them if one breaks the unique constraint."""
    try:
        with db.begin_nested():
            db.add_all(responses)
    except IntegrityError:
        return False
    return True


def _cast_alone(
    db: Session, ballot: Ballot, profanity: ProfanityFilter | None
) -> PollResponse | DomainError:
    try:
        return cast_vote(
            db, ballot.participant, ballot.poll_id, ballot.answer, profanity=profanity
        )
    except DomainError as refusal:
        return refusal


def moderate_response(
    db: Session, actor: Actor, response_id: Any, action: Any, reason: Any = None
) -> PollResponse:
    """Approve or hide an open-text answer, or a word-cloud entry held for care.

    Hiding may give a reason, which the author sees; approving one held for
    care releases it. Raises Forbidden, NotFound, InvalidInput (unknown action,
    bad reason) or Conflict (not an answer that is moderated).
    """
    response = None
    if is_row_id(response_id):
        response = db.get(PollResponse, response_id)
    if response is None:
        raise NotFound("That answer does not exist.")
    poll = response.poll
    require_host(db, actor, get_session(db, poll.session_id))
    if not isinstance(action, str) or action not in _MODERATION:
        raise InvalidInput("Choose 'approve' or 'hide'.", field="action")
    moderated = poll.kind == PollKind.OPEN_TEXT or (
        poll.kind == PollKind.WORD_CLOUD and response.status != ResponseStatus.VISIBLE
    )
    if not moderated:
        raise Conflict("Only open-text answers are moderated.")
    hidden = action == "hide"
    response.hidden_reason = _reason(reason) if hidden else None
    response.status = _MODERATION[action]
    response.needs_care = response.needs_care and hidden
    db.flush()
    details = {"reason": response.hidden_reason} if response.hidden_reason else {}
    record(
        db, actor, f"response.{action}", response, session_id=poll.session_id, **details
    )
    return response


def _reason(reason: Any) -> str | None:
    if reason is None:
        return None
    return (
        clean_text(
            reason, field="reason", label="The reason", limit=200, required=False
        )
        or None
    )


def my_answers(db: Session, participant: Participant) -> dict[int, dict[str, Any]]:
    """This participant's answers, by poll id, in the protocol's Answer shape."""
    stmt = select(PollResponse).where(PollResponse.participant_id == participant.id)
    return {r.poll_id: answer_of(r) for r in db.scalars(stmt)}


def my_answer_notes(db: Session, participant: Participant) -> dict[int, dict[str, Any]]:
    """What became of this participant's text answers that others do not see."""
    stmt = select(PollResponse).where(
        PollResponse.participant_id == participant.id,
        PollResponse.status != ResponseStatus.VISIBLE,
    )
    return {r.poll_id: answer_note(r) for r in db.scalars(stmt)}


def answer_note(response: PollResponse) -> dict[str, Any]:
    """An answer's status, the reason a host hid it, and whether it was held."""
    return {
        "status": response.status.value,
        "hidden_reason": response.hidden_reason,
        "needs_care": bool(response.needs_care),
    }


def answer_of(response: PollResponse) -> dict[str, Any]:
    """A stored response in the protocol's Answer shape."""
    if response.text is not None:
        return {"text": response.text}
    if response.rating is not None:
        return {"rating": response.rating}
    return {"option_ids": list(response.option_ids or [])}


def _check_open(db: Session, poll: Poll) -> None:
    if poll.status == PollStatus.DRAFT:
        raise Conflict("This poll is not open yet.")
    if poll.status == PollStatus.CLOSED:
        raise Conflict("This poll is closed, so it takes no more answers.")
    if get_session(db, poll.session_id).state != SessionState.LIVE:
        raise Conflict("This session is not live.")


def _check_answer(
    poll: Poll, answer: Any, profanity: ProfanityFilter | None, screener: _Screener
) -> _Answer:
    if not isinstance(answer, dict):
        raise InvalidInput("Send the answer as an object.", field="answer")
    if poll.kind == PollKind.RATING:
        return _Answer(rating=_rating(poll, answer.get("rating")))
    if poll.kind in TEXT_LIMITS:
        screening = screener(_text(poll, answer.get("text"), profanity))
        return _Answer(
            text=screening.shown,
            original=screening.original_if_redacted,
            held=screening.held,
        )
    return _Answer(option_ids=_option_ids(poll, answer.get("option_ids")))


def _check_may_post(db: Session, poll: Poll, participant: Participant) -> None:
    """Text is a post: a muted participant may still vote, but not write."""
    if poll.kind in TEXT_LIMITS:
        check_not_muted(db, participant)


def _rating(poll: Poll, value: Any) -> int:
    top = poll.scale_max or 5
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= top:
        return value
    raise InvalidInput(f"Choose a rating from 1 to {top}.", field="rating")


def _text(poll: Poll, value: Any, profanity: ProfanityFilter | None) -> str:
    limit = TEXT_LIMITS[poll.kind]
    text = clean_text(value, field="text", label="Your answer", limit=limit)
    if profanity is not None and profanity.matches(text):
        raise InvalidInput(
            "Please reword your answer without swearing, so everyone can take part.",
            field="text",
        )
    return text


def _option_ids(poll: Poll, value: Any) -> list[int]:
    """Chosen option ids in the order the kind needs, checked against the poll."""
    positions = {option.id: i for i, option in enumerate(poll.options)}
    ids = value if isinstance(value, list) else None
    if ids is None or not all(type(i) is int and i in positions for i in ids):
        raise InvalidInput("Choose from this poll's options.", field="option_ids")
    if len(set(ids)) != len(ids):
        raise InvalidInput("Choose each option only once.", field="option_ids")
    if poll.kind == PollKind.RANKING:
        if len(ids) != len(positions):
            raise InvalidInput("Put every option in order.", field="option_ids")
        return ids
    most = 1 if poll.kind == PollKind.SINGLE else poll.max_choices or len(positions)
    if not 1 <= len(ids) <= most:
        message = (
            "Choose one option."
            if most == 1
            else f"Choose between 1 and {most} options."
        )
        raise InvalidInput(message, field="option_ids")
    # The order of a choice does not matter, so a retry in another order matches.
    return sorted(ids, key=positions.__getitem__)


def _response_of(
    db: Session, poll: Poll, participant: Participant
) -> PollResponse | None:
    return db.scalar(
        select(PollResponse).where(
            PollResponse.poll_id == poll.id,
            PollResponse.participant_id == participant.id,
        )
    )


def _status_for(db: Session, poll: Poll, answer: _Answer) -> ResponseStatus:
    if answer.held:
        return ResponseStatus.PENDING
    if poll.kind != PollKind.OPEN_TEXT:
        return ResponseStatus.VISIBLE
    live = get_session(db, poll.session_id)
    pre = live.moderation_mode == ModerationMode.PRE
    return ResponseStatus.PENDING if pre else ResponseStatus.VISIBLE


def _insert(
    db: Session, poll: Poll, participant: Participant, answer: _Answer
) -> PollResponse | None:
    response = PollResponse(
        poll_id=poll.id,
        participant_id=participant.id,
        option_ids=answer.option_ids,
        rating=answer.rating,
        text=answer.text,
        original_text=answer.original,
        needs_care=answer.held,
        status=_status_for(db, poll, answer),
    )
    try:
        with db.begin_nested():
            db.add(response)
    except IntegrityError:
        return None
    _alert_if_held(db, participant, response)
    return response


def _change(
    db: Session, poll: Poll, response: PollResponse, answer: _Answer
) -> PollResponse:
    if answer.same_as(response):
        return response
    if not poll.allow_change:
        raise Conflict("You have already answered this poll, and it cannot be changed.")
    response.option_ids = answer.option_ids
    response.rating = answer.rating
    response.text = answer.text
    response.original_text = answer.original
    response.needs_care = answer.held
    response.hidden_reason = None
    response.status = _status_for(db, poll, answer)
    db.flush()
    if response.needs_care:
        participant = db.get(Participant, response.participant_id)
        hold_for_care(db, participant, response=response)
    return response


def _alert_if_held(
    db: Session, participant: Participant, response: PollResponse
) -> None:
    if response.needs_care:
        hold_for_care(db, participant, response=response)
