"""Polls: drafting, ordering and the open/close lifecycle."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import (
    Poll,
    PollKind,
    PollOption,
    PollResponse,
    PollStatus,
    ResultsVisibility,
    SessionState,
    utcnow,
)
from .actors import Actor
from .audit import record
from .errors import Conflict, InvalidInput, NotFound
from .hosting import require_host
from .sessions import get_session

CHOICE_KINDS = frozenset({PollKind.SINGLE, PollKind.MULTIPLE, PollKind.RANKING})
MAX_QUESTION = 300
MIN_OPTIONS, MAX_OPTIONS = 2, 10
MAX_OPTION = 200
MAX_SCALE_LABEL = 60
SCALES = (5, 10)
MAX_MIN_RESPONSES = 100
_KINDS = frozenset(k.value for k in PollKind)
_VISIBILITIES = frozenset(v.value for v in ResultsVisibility)
_MAX_ROW_ID = 2**63 - 1  # the largest BIGINT; a larger id cannot even be looked up


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_row_id(value: Any) -> bool:
    """Whether a value from a payload can be a primary key on every database."""
    return _is_int(value) and 0 < value <= _MAX_ROW_ID


def storable(text: str) -> bool:
    """Whether every database can store the text (no NUL, no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def clean_text(
    value: Any, *, field: str, label: str, limit: int, required: bool = True
) -> str:
    """Trimmed text within a length limit. Raises InvalidInput naming the field."""
    if not isinstance(value, str) or not storable(value):
        raise InvalidInput(f"{label} must be plain text.", field=field)
    text = value.strip()
    if required and not text:
        raise InvalidInput(f"{label} cannot be empty.", field=field)
    if len(text) > limit:
        raise InvalidInput(
            f"Keep {label[0].lower()}{label[1:]} to {limit} characters or fewer.",
            field=field,
        )
    return text


@dataclass
class PollDraft:
    """What a host types about a poll, checked by checked()."""

    kind: str
    question: str
    options: list[str] = field(default_factory=list)
    results_visibility: str = ResultsVisibility.LIVE.value
    min_responses: int = 5
    allow_change: bool = True
    max_choices: int | None = None
    scale_max: int | None = None
    scale_min_label: str = ""
    scale_max_label: str = ""

    @classmethod
    def from_dict(cls, payload: Any) -> PollDraft:
        """A checked draft from a decoded JSON object. Raises InvalidInput only.

        Keys it does not know (such as poll_id) are ignored.
        """
        if not isinstance(payload, dict):
            raise InvalidInput("Send the poll as an object.")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in payload.items() if isinstance(k, str) and k in known}
        for required in ("kind", "question"):
            if required not in values:
                raise InvalidInput(f"The poll needs a {required}.", field=required)
        return cls(**values).checked()

    def checked(self) -> PollDraft:
        """This draft with text trimmed. Raises InvalidInput naming the bad field."""
        kind = self._kind()
        options = self._options(kind)
        rating = kind == PollKind.RATING
        return replace(
            self,
            kind=kind.value,
            question=clean_text(
                self.question,
                field="question",
                label="The question",
                limit=MAX_QUESTION,
            ),
            options=options,
            results_visibility=self._visibility(),
            min_responses=self._min_responses(),
            allow_change=self._allow_change(),
            max_choices=self._max_choices(kind, len(options)),
            scale_max=self._scale_max(kind),
            scale_min_label=self._label("scale_min_label") if rating else "",
            scale_max_label=self._label("scale_max_label") if rating else "",
        )

    def _kind(self) -> PollKind:
        if isinstance(self.kind, str) and self.kind in _KINDS:
            return PollKind(self.kind)
        kinds = ", ".join(k.value for k in PollKind)
        raise InvalidInput(f"The poll kind must be one of: {kinds}.", field="kind")

    def _options(self, kind: PollKind) -> list[str]:
        if not isinstance(self.options, list):
            raise InvalidInput("Options must be a list.", field="options")
        if kind not in CHOICE_KINDS:
            if self.options:
                raise InvalidInput("This kind of poll has no options.", field="options")
            return []
        labels = [
            clean_text(o, field="options", label="Each option", limit=MAX_OPTION)
            for o in self.options
        ]
        if not MIN_OPTIONS <= len(labels) <= MAX_OPTIONS:
            raise InvalidInput(
                f"Give between {MIN_OPTIONS} and {MAX_OPTIONS} options.",
                field="options",
            )
        if len({label.casefold() for label in labels}) != len(labels):
            raise InvalidInput("Each option must be different.", field="options")
        return labels

    def _visibility(self) -> str:
        value = self.results_visibility
        if isinstance(value, str) and value in _VISIBILITIES:
            return value
        raise InvalidInput(
            "Results must be shown live, after close, or hidden.",
            field="results_visibility",
        )

    def _min_responses(self) -> int:
        value = self.min_responses
        if _is_int(value) and 0 <= value <= MAX_MIN_RESPONSES:
            return value
        raise InvalidInput(
            f"The minimum number of answers must be 0 to {MAX_MIN_RESPONSES}.",
            field="min_responses",
        )

    def _allow_change(self) -> bool:
        if isinstance(self.allow_change, bool):
            return self.allow_change
        raise InvalidInput(
            "Say whether people may change their answer.", field="allow_change"
        )

    def _max_choices(self, kind: PollKind, option_count: int) -> int | None:
        value = self.max_choices
        if value is None:
            return None
        if kind != PollKind.MULTIPLE:
            raise InvalidInput(
                "Only a multi-select poll has a maximum number of choices.",
                field="max_choices",
            )
        if _is_int(value) and 1 <= value <= option_count:
            return value
        raise InvalidInput(
            f"The maximum number of choices must be 1 to {option_count}.",
            field="max_choices",
        )

    def _scale_max(self, kind: PollKind) -> int | None:
        value = self.scale_max
        if kind != PollKind.RATING:
            if value is not None:
                raise InvalidInput("Only a rating poll has a scale.", field="scale_max")
            return None
        if _is_int(value) and value in SCALES:
            return value
        raise InvalidInput("A rating scale goes up to 5 or 10.", field="scale_max")

    def _label(self, name: str) -> str:
        return clean_text(
            getattr(self, name),
            field=name,
            label="A scale label",
            limit=MAX_SCALE_LABEL,
            required=False,
        )


def create_poll(db: Session, actor: Actor, session_id: int, draft: PollDraft) -> Poll:
    """Add a draft poll at the end of a session's list.

    Raises Forbidden, NotFound or InvalidInput.
    """
    live = get_session(db, session_id)
    require_host(db, actor, live)
    draft = draft.checked()
    last = db.scalar(select(func.max(Poll.position)).where(Poll.session_id == live.id))
    poll = Poll(session_id=live.id, position=0 if last is None else last + 1)
    _apply(poll, draft)
    db.add(poll)
    db.flush()
    _audit(db, actor, "create", poll, question=poll.question)
    return poll


def update_poll(db: Session, actor: Actor, poll_id: Any, draft: PollDraft) -> Poll:
    """Rewrite a poll that nobody has answered yet; its options are replaced.

    Raises Forbidden, NotFound, InvalidInput or Conflict (already answered).
    """
    poll = _hosted_poll(db, actor, poll_id)
    draft = draft.checked()
    if _has_responses(db, poll):
        raise Conflict("People have already answered this poll, so it cannot change.")
    _apply(poll, draft)
    db.flush()
    _audit(db, actor, "update", poll, question=poll.question)
    return poll


def reorder_polls(
    db: Session, actor: Actor, session_id: int, poll_ids: Any
) -> list[Poll]:
    """Put a session's polls in the given order.

    Raises Forbidden, NotFound, InvalidInput (not a list of distinct ids) or
    Conflict (not exactly the session's polls).
    """
    live = get_session(db, session_id)
    require_host(db, actor, live)
    if not isinstance(poll_ids, list) or not all(_is_int(i) for i in poll_ids):
        raise InvalidInput("Send the poll ids as a list.", field="poll_ids")
    if len(set(poll_ids)) != len(poll_ids):
        raise InvalidInput("Each poll may appear once.", field="poll_ids")
    polls = {p.id: p for p in list_polls(db, live.id, include_drafts=True)}
    if set(polls) != set(poll_ids):
        raise Conflict("The polls have changed since this list was made; reload.")
    for position, poll_id in enumerate(poll_ids):
        polls[poll_id].position = position
    db.flush()
    record(db, actor, "poll.reorder", live, session_id=live.id, poll_ids=poll_ids)
    return [polls[poll_id] for poll_id in poll_ids]


def open_poll(db: Session, actor: Actor, poll_id: Any) -> Poll:
    """Open a draft poll for answers. Raises Forbidden, NotFound, Conflict."""
    poll = _hosted_poll(db, actor, poll_id)
    if poll.status == PollStatus.CLOSED:
        raise Conflict("This poll is closed; reopen it instead.")
    if poll.status == PollStatus.OPEN:
        raise Conflict("This poll is already open.")
    return _open(db, actor, poll, "open")


def reopen_poll(db: Session, actor: Actor, poll_id: Any) -> Poll:
    """Open a closed poll again. Raises Forbidden, NotFound, Conflict."""
    poll = _hosted_poll(db, actor, poll_id)
    if poll.status != PollStatus.CLOSED:
        raise Conflict("Only a closed poll can be reopened.")
    return _open(db, actor, poll, "reopen")


def close_poll(db: Session, actor: Actor, poll_id: Any) -> Poll:
    """Stop taking answers. Raises Forbidden, NotFound, Conflict (not open)."""
    poll = _hosted_poll(db, actor, poll_id)
    if poll.status != PollStatus.OPEN:
        raise Conflict("Only an open poll can be closed.")
    poll.status = PollStatus.CLOSED
    poll.closed_at = utcnow()
    db.flush()
    _audit(db, actor, "close", poll)
    return poll


def delete_poll(db: Session, actor: Actor, poll_id: Any) -> None:
    """Delete a poll that was never opened. Raises Forbidden, NotFound, Conflict."""
    poll = _hosted_poll(db, actor, poll_id)
    if poll.status != PollStatus.DRAFT:
        raise Conflict("Only a draft poll can be deleted; close it instead.")
    _audit(db, actor, "delete", poll, question=poll.question)
    db.delete(poll)
    db.flush()


def list_polls(db: Session, session_id: int, *, include_drafts: bool) -> list[Poll]:
    """A session's polls in their running order."""
    stmt = select(Poll).where(Poll.session_id == session_id)
    if not include_drafts:
        stmt = stmt.where(Poll.status != PollStatus.DRAFT)
    return list(db.scalars(stmt.order_by(Poll.position, Poll.id)))


def get_poll(db: Session, poll_id: Any) -> Poll:
    """A poll by id. Raises NotFound, also for an id that is not a number."""
    poll = None
    if is_row_id(poll_id):
        poll = db.get(Poll, poll_id)
    if poll is None:
        raise NotFound("That poll does not exist.")
    return poll


def _open(db: Session, actor: Actor, poll: Poll, action: str) -> Poll:
    if get_session(db, poll.session_id).state != SessionState.LIVE:
        raise Conflict("Start the session before opening a poll.")
    poll.status = PollStatus.OPEN
    poll.opened_at = utcnow()
    poll.closed_at = None
    db.flush()
    _audit(db, actor, action, poll)
    return poll


def _apply(poll: Poll, draft: PollDraft) -> None:
    poll.kind = PollKind(draft.kind)
    poll.question = draft.question
    poll.results_visibility = ResultsVisibility(draft.results_visibility)
    poll.min_responses = draft.min_responses
    poll.allow_change = draft.allow_change
    poll.max_choices = draft.max_choices
    poll.scale_max = draft.scale_max
    poll.scale_min_label = draft.scale_min_label
    poll.scale_max_label = draft.scale_max_label
    poll.options = [
        PollOption(label=label, position=i) for i, label in enumerate(draft.options)
    ]


def _has_responses(db: Session, poll: Poll) -> bool:
    stmt = select(PollResponse.id).where(PollResponse.poll_id == poll.id).limit(1)
    return db.scalar(stmt) is not None


def _hosted_poll(db: Session, actor: Actor, poll_id: Any) -> Poll:
    poll = get_poll(db, poll_id)
    require_host(db, actor, get_session(db, poll.session_id))
    return poll


def _audit(db: Session, actor: Actor, action: str, poll: Poll, **details: Any) -> None:
    record(db, actor, f"poll.{action}", poll, session_id=poll.session_id, **details)
