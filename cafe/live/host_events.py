"""Events a facilitator's console sends: moderation and poll control."""

from __future__ import annotations

from sqlalchemy import select

from ..domain import polls, questions, votes
from ..domain.errors import NotFound
from ..models import Poll, PollResponse, Question
from . import broadcasts, rooms
from .dispatch import Context, on
from .parsing import a_flag, a_text, an_id, an_id_list
from .publisher import publisher

# Host actions on one question: event name -> (domain function, extra payload field).
QUESTION_ACTIONS = {
    "approve_question": (questions.approve_question, None),
    "edit_question": (questions.edit_question, "body"),
    "hide_question": (questions.hide_question, "reason"),
    "answer_question": (questions.answer_question, None),
    "reply_question": (questions.reply_to_question, "reply"),
    "close_question": (questions.close_question, None),
    "reopen_question": (questions.reopen_question, None),
}

# Poll lifecycle actions: event name -> domain function.
POLL_ACTIONS = {
    "open_poll": polls.open_poll,
    "close_poll": polls.close_poll,
    "reopen_poll": polls.reopen_poll,
}


def _question_action(function, field):
    def handler(ctx: Context, payload: dict) -> None:
        question = _own_question(ctx, an_id(payload, "question_id"))
        was_public = broadcasts.is_public(question)
        args = (a_text(payload, field),) if field else ()
        changed = function(ctx.db, ctx.actor, question.id, *args)
        broadcasts.question(ctx, changed, was_public=was_public)

    return handler


def _poll_action(function):
    def handler(ctx: Context, payload: dict) -> None:
        poll = function(ctx.db, ctx.actor, _own_poll_id(ctx, payload))
        broadcasts.poll(ctx, poll)
        ctx.after.append(lambda: publisher.poll_changed(poll.id))

    return handler


def _own_question(ctx: Context, question_id: int) -> Question:
    """Hosts act only on their socket's session: ids from elsewhere are unknown."""
    question = ctx.db.get(Question, question_id)
    if question is None or question.session_id != ctx.live.id:
        raise NotFound("That question is not in this session.")
    return question


def _own_poll_id(ctx: Context, payload: dict) -> int:
    poll = ctx.db.get(Poll, an_id(payload, "poll_id"))
    if poll is None or poll.session_id != ctx.live.id:
        raise NotFound("That poll is not in this session.")
    return poll.id


for event, (function, field) in QUESTION_ACTIONS.items():
    on(event, who="host")(_question_action(function, field))
for event, function in POLL_ACTIONS.items():
    on(event, who="host")(_poll_action(function))


@on("pin_question", who="host")
def pin_question(ctx: Context, payload: dict) -> None:
    question = _own_question(ctx, an_id(payload, "question_id"))
    pinned_before = list(
        ctx.db.scalars(
            select(Question).where(
                Question.session_id == ctx.live.id, Question.pinned.is_(True)
            )
        )
    )
    questions.pin_question(ctx.db, ctx.actor, question.id, a_flag(payload, "pinned"))
    for changed in {question, *pinned_before}:
        broadcasts.question(ctx, changed, was_public=broadcasts.is_public(changed))


@on("set_questions_open", who="host")
def set_questions_open(ctx: Context, payload: dict) -> None:
    questions.set_questions_open(
        ctx.db, ctx.actor, ctx.live.id, a_flag(payload, "open")
    )
    broadcasts.session(ctx)


@on("create_poll", who="host")
def create_poll(ctx: Context, payload: dict) -> dict:
    draft = polls.PollDraft.from_dict(payload)
    poll = polls.create_poll(ctx.db, ctx.actor, ctx.live.id, draft)
    broadcasts.poll(ctx, poll)
    return {"poll_id": poll.id}


@on("update_poll", who="host")
def update_poll(ctx: Context, payload: dict) -> None:
    poll_id = _own_poll_id(ctx, payload)
    fields = {k: v for k, v in payload.items() if k != "poll_id"}
    draft = polls.PollDraft.from_dict(fields)
    broadcasts.poll(ctx, polls.update_poll(ctx.db, ctx.actor, poll_id, draft))


@on("reorder_polls", who="host")
def reorder_polls(ctx: Context, payload: dict) -> None:
    ordered = polls.reorder_polls(
        ctx.db, ctx.actor, ctx.live.id, an_id_list(payload, "poll_ids")
    )
    broadcasts.poll_order(ctx, ordered)


@on("moderate_response", who="host")
def moderate_response(ctx: Context, payload: dict) -> None:
    response = ctx.db.get(PollResponse, an_id(payload, "response_id"))
    if response is None or response.poll.session_id != ctx.live.id:
        raise NotFound("That answer is not in this session.")
    action = a_text(payload, "action", max_length=20)
    reason = a_text(payload, "reason", max_length=2000) if "reason" in payload else None
    votes.moderate_response(ctx.db, ctx.actor, response.id, action, reason)
    poll_id = response.poll_id
    ctx.emit(
        "my_answer_updated",
        {"poll_id": poll_id, "note": votes.answer_note(response)},
        rooms.participant(response.participant_id),
    )
    ctx.after.append(lambda: publisher.poll_changed(poll_id))
