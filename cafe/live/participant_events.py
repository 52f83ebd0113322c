"""Events a participant's phone sends: ask, upvote, vote; and asking for state."""

from __future__ import annotations

from ..domain import questions
from . import broadcasts, support_broadcasts
from .connections import Connection
from .dispatch import Context, on, queued
from .parsing import a_text, an_id
from .publisher import publisher
from .vote_queue import profanity_for, vote_queue


@on("request_state", who="any")
def request_state(ctx: Context, payload: dict) -> None:
    broadcasts.state_to_sender(ctx)


@on("ask_question", who="participant")
def ask_question(ctx: Context, payload: dict) -> dict:
    body = a_text(payload, "body", max_length=2000)
    q = questions.ask_question(
        ctx.db, ctx.participant, body, profanity=profanity_for(ctx.live)
    )
    broadcasts.question(ctx, q, was_public=False)
    if q.needs_care:
        support_broadcasts.held(ctx, ctx.db, question=q)
    return {"question_id": q.id, "status": q.status.value, "needs_care": q.needs_care}


@on("upvote", who="participant")
def upvote(ctx: Context, payload: dict) -> None:
    questions.upvote(ctx.db, ctx.participant, an_id(payload, "question_id"))
    ctx.after.append(lambda: publisher.upvotes_changed(ctx.live.id))


@on("remove_upvote", who="participant")
def remove_upvote(ctx: Context, payload: dict) -> None:
    questions.remove_upvote(ctx.db, ctx.participant, an_id(payload, "question_id"))
    ctx.after.append(lambda: publisher.upvotes_changed(ctx.live.id))


@queued("cast_vote", who="participant")
def cast_vote(connection: Connection, payload: dict) -> dict:
    return vote_queue.cast(connection, payload)
