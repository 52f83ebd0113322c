"""Plain dicts in the shapes of the real-time protocol (docs/protocol.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ..models import (
    LiveSession,
    Participant,
    Poll,
    PollResponse,
    Question,
    RevealMode,
)
from .errors import InvalidInput
from .gentle import is_quiet
from .moderation import is_muted, list_mutes, mute_payload
from .polls import list_polls
from .questions import PUBLIC_STATUSES, list_questions, my_upvotes, upvote_counts
from .support import alert_payload, list_alerts, my_alerts
from .tallies import full_results, public_results
from .votes import my_answer_notes, my_answers

VIEWER_KINDS = ("host", "participant", "presenter")


def timestamp(moment: datetime | None) -> str | None:
    """A naive UTC time in ISO 8601 with a Z, as browsers parse it."""
    if moment is None:
        return None
    return moment.isoformat(timespec="milliseconds") + "Z"


def session_payload(live: LiveSession) -> dict[str, Any]:
    return {
        "id": live.id,
        "title": live.title,
        "join_code": live.join_code,
        "state": live.state.value,
        "moderation_mode": live.moderation_mode.value,
        "questions_open": live.questions_open,
        "quiet": is_quiet(live),
    }


def question_payload(
    question: Question,
    upvotes: int,
    *,
    for_host: bool = False,
    for_author: bool = False,
    author_names: Mapping[int, str | None] | None = None,
) -> dict[str, Any]:
    """A question; only hosts and its author see why it was hidden, and
    whether it was held for care. body is the text with personal data redacted;
    hosts alone also get the original, when it differs.

    author_names (participant id to chosen name) saves a query per question
    when many are shaped at once.
    """
    payload = {
        "id": question.id,
        "body": question.body,
        "status": question.status.value,
        "upvotes": upvotes,
        "pinned": question.pinned,
        "edited": question.edited,
        "reply": question.reply,
        "author": _author(question, author_names),
        "created_at": timestamp(question.created_at),
    }
    if for_host or for_author:
        payload["hidden_reason"] = question.hidden_reason
        payload["needs_care"] = bool(question.needs_care)
    if for_host and question.original_body:
        payload["original"] = question.original_body
    return payload


def poll_payload(poll: Poll) -> dict[str, Any]:
    return {
        "id": poll.id,
        "kind": poll.kind.value,
        "question": poll.question,
        "status": poll.status.value,
        "results_visibility": poll.results_visibility.value,
        "min_responses": poll.min_responses,
        "allow_change": poll.allow_change,
        "max_choices": poll.max_choices,
        "scale_max": poll.scale_max,
        "scale_min_label": poll.scale_min_label,
        "scale_max_label": poll.scale_max_label,
        "position": poll.position,
        "options": [{"id": o.id, "label": o.label} for o in poll.options],
        "content_note": poll.content_note or "",
        "reveal_mode": (poll.reveal_mode or RevealMode.STANDARD).value,
        "revealed": poll.revealed_at is not None,
    }


def session_state(
    db: Session,
    live: LiveSession,
    *,
    viewer_kind: str,
    participant: Participant | None = None,
    participant_count: int = 0,
    for_staff: bool = False,
) -> dict[str, Any]:
    """Everything one viewer of a session may see, sent on (re)connection.

    Support requests go only to hosts who are staff (for_staff), never to a
    guest host.

    Raises InvalidInput for an unknown viewer kind, or a participant viewer
    without a participant of this session.
    """
    if viewer_kind not in VIEWER_KINDS:
        raise InvalidInput("Unknown kind of viewer.", field="view")
    if viewer_kind == "participant" and (
        participant is None or participant.session_id != live.id
    ):
        raise InvalidInput("A participant of this session is needed.", field="view")
    if viewer_kind != "participant":
        participant = None
    host = viewer_kind == "host"
    polls = list_polls(db, live.id, include_drafts=host)
    state = {
        "session": session_payload(live),
        "viewer": _viewer(viewer_kind, participant),
        "questions": _questions(db, live, host, participant),
        "polls": [poll_payload(p) for p in polls],
        "results": _results(db, polls, host, participant_count),
        "my_upvotes": [],
        "my_answers": {},
        "my_answer_notes": {},
        "participant_count": participant_count,
        "support": [],
        "mutes": [],
        "muted": False,
    }
    if host and for_staff:
        state["support"] = [
            alert_payload(db, a, for_host=True) for a in list_alerts(db, live.id)
        ]
    if host:
        state["mutes"] = [mute_payload(db, m) for m in list_mutes(db, live.id)]
    if participant is not None:
        state.update(_mine(db, participant))
    return state


def _mine(db: Session, participant: Participant) -> dict[str, Any]:
    """The parts of the state that belong to one participant alone."""
    answers = my_answers(db, participant)
    notes = my_answer_notes(db, participant)
    return {
        "my_upvotes": sorted(my_upvotes(db, participant)),
        "my_answers": {str(k): v for k, v in sorted(answers.items())},
        "my_answer_notes": {str(k): v for k, v in sorted(notes.items())},
        "support": [
            alert_payload(db, a, for_host=False) for a in my_alerts(db, participant)
        ],
        "muted": is_muted(db, participant),
    }


def _author(question: Question, names: Mapping[int, str | None] | None) -> str | None:
    """The name the author chose to show, never their pseudonym or id."""
    if question.participant_id is None:
        return None
    if names is not None:
        return names.get(question.participant_id)
    db = object_session(question)
    author = db.get(Participant, question.participant_id) if db else None
    return author.display_name if author else None


def _viewer(kind: str, participant: Participant | None) -> dict[str, Any]:
    if participant is None:
        return {"kind": kind}
    return {
        "kind": kind,
        "participant_id": participant.id,
        "name": participant.shown_name,
    }


def _questions(
    db: Session, live: LiveSession, host: bool, participant: Participant | None
) -> list[dict[str, Any]]:
    def is_own(question: Question) -> bool:
        return participant is not None and question.participant_id == participant.id

    questions = [
        q
        for q in list_questions(db, live.id, include_private=True)
        if host or q.status in PUBLIC_STATUSES or is_own(q)
    ]
    names = _author_names(db, questions)
    counts = upvote_counts(db, live.id)
    return [
        question_payload(
            q,
            counts.get(q.id, 0),
            for_host=host,
            for_author=is_own(q),
            author_names=names,
        )
        for q in questions
    ]


def _author_names(db: Session, questions: list[Question]) -> dict[int, str | None]:
    """The chosen names of every author, in one query."""
    ids = {q.participant_id for q in questions if q.participant_id is not None}
    if not ids:
        return {}
    stmt = select(Participant.id, Participant.display_name).where(
        Participant.id.in_(ids)
    )
    return {pid: name for pid, name in db.execute(stmt)}


def _results(
    db: Session, polls: list[Poll], host: bool, present: int
) -> dict[str, Any]:
    by_poll: dict[int, list[PollResponse]] = defaultdict(list)
    if polls:
        stmt = (
            select(PollResponse)
            .where(PollResponse.poll_id.in_([p.id for p in polls]))
            .order_by(PollResponse.id)
        )
        for response in db.scalars(stmt):
            by_poll[response.poll_id].append(response)
    results = {}
    for poll in polls:
        full = full_results(poll, by_poll[poll.id])
        results[str(poll.id)] = (
            full if host else public_results(poll, full, present=present)
        )
    return results
