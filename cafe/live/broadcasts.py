"""What each kind of change sends, and to whom. Queued on the context's outbox."""

from __future__ import annotations

from flask import request

from ..domain import payloads
from ..domain.questions import PUBLIC_STATUSES
from ..models import Poll, PollStatus, Question
from . import rooms
from .dispatch import Context
from .outbox import Outbox
from .publisher import state_for


def is_public(question: Question) -> bool:
    return question.status in PUBLIC_STATUSES


def question(ctx: Outbox, q: Question, *, was_public: bool) -> None:
    """Hosts see every change; the room sees public ones; the author sees theirs."""
    upvotes = len(q.upvotes)
    sid = q.session_id
    ctx.emit(
        "question_updated",
        {"question": payloads.question_payload(q, upvotes, for_host=True)},
        rooms.hosts(sid),
    )
    if is_public(q):
        ctx.emit(
            "question_updated",
            {"question": payloads.question_payload(q, upvotes)},
            rooms.public(sid),
        )
    elif was_public:
        ctx.emit("question_removed", {"question_id": q.id}, rooms.public(sid))
    if q.participant_id:
        ctx.emit(
            "my_question_updated",
            {"question": payloads.question_payload(q, upvotes, for_author=True)},
            rooms.participant(q.participant_id),
        )


def poll(ctx: Outbox, p: Poll) -> None:
    """Drafts go to hosts only; the tally follows from the publisher."""
    data = {"poll": payloads.poll_payload(p)}
    ctx.emit("poll_updated", data, rooms.hosts(p.session_id))
    if p.status != PollStatus.DRAFT:
        ctx.emit("poll_updated", data, rooms.public(p.session_id))


def poll_order(ctx: Outbox, polls: list[Poll]) -> None:
    sid = ctx.live.id
    ctx.emit("polls_reordered", {"poll_ids": [p.id for p in polls]}, rooms.hosts(sid))
    public_ids = [p.id for p in polls if p.status != PollStatus.DRAFT]
    ctx.emit("polls_reordered", {"poll_ids": public_ids}, rooms.public(sid))


def session(ctx: Outbox) -> None:
    ctx.emit(
        "session_updated",
        {"session": payloads.session_payload(ctx.live)},
        rooms.everyone(ctx.live.id),
    )


def state_to_sender(ctx: Context) -> None:
    ctx.emit("session_state", state_for(ctx.db, ctx.live, ctx.connection), request.sid)
