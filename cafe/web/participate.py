"""The participant's page: questions and polls, with plain forms that work without JS.

With JavaScript the same forms are sent over the socket instead (static/js/
participant.js); without it each form posts here, calls the same domain function,
and comes back to the page with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict

from ..db import db
from ..domain import payloads, polls, questions, sessions, votes
from ..domain.errors import DomainError, InvalidInput, RateLimited
from ..live import broadcasts
from ..live.connections import registry
from ..live.limits import limiter_for
from ..live.outbox import Outbox
from ..live.publisher import publisher
from ..live.vote_queue import profanity_for
from ..models import LiveSession, Participant, PollKind, QuestionStatus
from . import charts
from .forms import status_for
from .identity import current_participant

bp = Blueprint("participate", __name__)
bp.add_app_template_global(charts.results_chart, "results_chart")
bp.add_app_template_global(charts.word_sizes, "word_sizes")

SORTS = ("top", "recent")
TEXT_KINDS = (PollKind.WORD_CLOUD, PollKind.OPEN_TEXT)
PUBLIC_STATUSES = {status.value for status in questions.PUBLIC_STATUSES}


@bp.get("/s/<code>")
def page(code: str):
    """The live page of a session this browser has joined."""
    live, participant = _find(code)
    if participant is None:
        return redirect(url_for("join.by_code", code=live.join_code))
    return _render(live, participant)


@bp.post("/s/<code>/questions")
def ask(code: str):
    """Ask a question without JavaScript."""

    def act(live: LiveSession, participant: Participant, ctx: Outbox) -> str:
        body = request.form.get("body", "")
        q = questions.ask_question(
            db.session, participant, body, profanity=profanity_for(live)
        )
        broadcasts.question(ctx, q, was_public=False)
        if q.status == QuestionStatus.PENDING:
            return "Thank you. Your question will appear once a host approves it."
        return "Thank you. Your question is on the list."

    return _act(code, "ask_question", act)


@bp.post("/s/<code>/questions/<int:question_id>/upvote")
def upvote(code: str, question_id: int):
    """Upvote a question without JavaScript."""
    return _act(code, "upvote", _upvoting(questions.upvote, question_id, "Upvoted."))


@bp.post("/s/<code>/questions/<int:question_id>/unvote")
def remove_upvote(code: str, question_id: int):
    """Take back an upvote without JavaScript."""
    message = "Your upvote was taken back."
    action = _upvoting(questions.remove_upvote, question_id, message)
    return _act(code, "remove_upvote", action)


@bp.post("/s/<code>/polls/<int:poll_id>/vote")
def vote(code: str, poll_id: int):
    """Answer a poll without JavaScript."""

    def act(live: LiveSession, participant: Participant, ctx: Outbox) -> str:
        poll = polls.get_poll(db.session, poll_id)
        answer = answer_from_form(poll.kind, request.form)
        votes.cast_vote(
            db.session, participant, poll.id, answer, profanity=profanity_for(live)
        )
        ctx.after.append(lambda: publisher.poll_changed(poll_id))
        return "Thank you. Your answer is recorded."

    return _act(code, "cast_vote", act)


def answer_from_form(kind: PollKind, form: MultiDict) -> dict[str, Any]:
    """The protocol's Answer for a poll kind from the fields of its HTML form.

    Raises InvalidInput when a choice is not a number; the domain checks the rest.
    """
    if kind == PollKind.RATING:
        return {"rating": _number(form.get("rating"), "Choose a number on the scale.")}
    if kind in TEXT_KINDS:
        return {"text": form.get("text", "")}
    message = "Choose from the options shown."
    return {"option_ids": [_number(v, message) for v in form.getlist("option_id") if v]}


def _number(value: str | None, message: str) -> int:
    if value is None or not value.isdigit():
        raise InvalidInput(message)
    return int(value)


def _upvoting(function: Callable, question_id: int, message: str):
    def act(live: LiveSession, participant: Participant, ctx: Outbox) -> str:
        function(db.session, participant, question_id)
        ctx.after.append(lambda: publisher.upvotes_changed(live.id))
        return message

    return act


Action = Callable[[LiveSession, Participant, Outbox], str]


def _act(code: str, event: str, action: Action):
    """Run one write for this browser's participant, then back to the page (PRG).

    It counts against the same rate limit as the socket event of that name. A
    domain error writes nothing: the page comes back with the message and the
    status that fits it.
    """
    live, participant = _find(code)
    if participant is None:
        return redirect(url_for("join.by_code", code=live.join_code))
    ctx = Outbox(db.session, live)
    try:
        _check_rate(event, participant)
        message = action(live, participant, ctx)
        db.session.commit()
    except DomainError as problem:
        db.session.rollback()
        flash(problem.message, "error")
        page = _render(live, participant, draft=request.form.get("body", ""))
        return page, _status(problem)
    ctx.send()
    flash(message, "success")
    return redirect(url_for(".page", code=live.join_code, sort=_sort()))


def _check_rate(event: str, participant: Participant) -> None:
    allowed = limiter_for(event)
    if allowed is not None and not allowed(str(participant.id)):
        raise RateLimited("That is a lot in a short time. Please wait a moment.")


def _status(problem: DomainError) -> int:
    return 429 if isinstance(problem, RateLimited) else status_for(problem)


def _find(code: str) -> tuple[LiveSession, Participant | None]:
    live = sessions.find_by_code(db.session, code)
    return live, current_participant(db.session, live)


def _sort() -> str:
    sort = request.args.get("sort", "top")
    return sort if sort in SORTS else "top"


def _render(live: LiveSession, participant: Participant, *, draft: str = ""):
    state = payloads.session_state(
        db.session,
        live,
        viewer_kind="participant",
        participant=participant,
        participant_count=registry.participant_count(live.id),
    )
    mine = [
        payloads.question_payload(q, len(q.upvotes), for_author=True)
        for q in questions.my_questions(db.session, participant)
    ]
    sort = _sort()
    db.session.commit()  # keeps the participant's last-seen time
    return render_template(
        "participate/page.html",
        state=state,
        questions=sorted_questions(_public(state["questions"]), sort),
        my_questions=mine,
        sort=sort,
        draft=draft,
        max_question=questions.MAX_QUESTION,
        anonymous=participant.display_name is None,
    )


def _public(items: list[dict]) -> list[dict]:
    """The room's questions: a participant's state also holds their own others."""
    return [q for q in items if q["status"] in PUBLIC_STATUSES]


def sorted_questions(items: list[dict], sort: str) -> list[dict]:
    """Most upvoted ("top") or newest ("recent") first, as the domain lists them."""
    newest = sorted(items, key=lambda q: (q["created_at"], q["id"]), reverse=True)
    if sort == "top":
        return sorted(newest, key=lambda q: q["upvotes"], reverse=True)
    return newest
