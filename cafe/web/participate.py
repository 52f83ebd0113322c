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
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict

from ..db import db
from ..domain import (
    moderation,
    payloads,
    polls,
    questions,
    safeguarding,
    sessions,
    support,
    votes,
)
from ..domain.errors import DomainError, InvalidInput, RateLimited
from ..live import broadcasts, support_broadcasts
from ..live.connections import registry
from ..live.limits import limiter_for
from ..live.outbox import Outbox
from ..live.publisher import publisher
from ..live.vote_queue import profanity_for
from ..models import LiveSession, Participant, PollKind, QuestionStatus
from . import charts
from .device import device_token, keep_device
from .forms import status_for
from .identity import current_participant

bp = Blueprint("participate", __name__)
bp.add_app_template_global(charts.results_chart, "results_chart")
bp.add_app_template_global(charts.word_sizes, "word_sizes")

SORTS = ("top", "recent")
# What the author of a message held by the crisis check is told, whatever the
# session's moderation mode; the signposting list follows it on the page.
CARE_MESSAGE = (
    "Thank you for telling us. What you wrote has been passed privately to the "
    "facilitators and will not be shown to anyone else. A facilitator may reply "
    "to you on this page. If you need to talk to someone now, the services under "
    "“Support” can help."
)
TEXT_KINDS = (PollKind.WORD_CLOUD, PollKind.OPEN_TEXT)
PUBLIC_STATUSES = {status.value for status in questions.PUBLIC_STATUSES}


@bp.get("/s/<code>")
def page(code: str):
    """The live page of a session this browser has joined."""
    live, participant = _find(code)
    if participant is None:
        return redirect(url_for("join.by_code", code=live.join_code))
    token, fresh = device_token()
    moderation.remember_device(db.session, participant, token)
    response = make_response(_render(live, participant))
    return keep_device(response, token) if fresh else response


@bp.post("/s/<code>/questions")
def ask(code: str):
    """Ask a question without JavaScript."""

    def act(live: LiveSession, participant: Participant, ctx: Outbox) -> str:
        body = request.form.get("body", "")
        q = questions.ask_question(
            db.session, participant, body, profanity=profanity_for(live)
        )
        broadcasts.question(ctx, q, was_public=False)
        if q.needs_care:
            support_broadcasts.held(ctx, db.session, question=q)
            return CARE_MESSAGE
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
        response = votes.cast_vote(
            db.session, participant, poll.id, answer, profanity=profanity_for(live)
        )
        ctx.after.append(lambda: publisher.poll_changed(poll_id))
        if response.needs_care:
            support_broadcasts.held(ctx, db.session, response=response)
            return CARE_MESSAGE
        return "Thank you. Your answer is recorded."

    return _act(code, "cast_vote", act)


@bp.post("/s/<code>/support")
def ask_for_support(code: str):
    """Alert the facilitators privately without JavaScript."""

    def act(live: LiveSession, participant: Participant, ctx: Outbox) -> str:
        message = request.form.get("message") or None
        alert = support.request_support(db.session, participant, message)
        support_broadcasts.alert(ctx, db.session, alert)
        return (
            "Your request was sent privately to the facilitators. "
            "A facilitator will reply to you on this page."
        )

    return _act(code, "request_support", act)


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
    signposts = safeguarding.signposts(db.session)
    db.session.commit()  # keeps the participant's last-seen time
    return render_template(
        "participate/page.html",
        state=state,
        questions=sorted_questions(_public(state["questions"]), sort),
        my_questions=mine,
        sort=sort,
        draft=draft,
        max_question=questions.MAX_QUESTION,
        max_support=support.MAX_MESSAGE,
        anonymous=participant.display_name is None,
        signposts=signposts,
        care=_needs_care(mine, state["my_answer_notes"]),
        care_message=CARE_MESSAGE,
    )


def _needs_care(mine: list[dict], notes: dict[str, dict]) -> bool:
    """Whether something this participant wrote is held for care."""
    held = [q for q in mine if q["needs_care"] and q["status"] == "pending"]
    return bool(held) or any(n["needs_care"] for n in notes.values())


def _public(items: list[dict]) -> list[dict]:
    """The room's questions: a participant's state also holds their own others."""
    return [q for q in items if q["status"] in PUBLIC_STATUSES]


def sorted_questions(items: list[dict], sort: str) -> list[dict]:
    """Most upvoted ("top") or newest ("recent") first, as the domain lists them."""
    newest = sorted(items, key=lambda q: (q["created_at"], q["id"]), reverse=True)
    if sort == "top":
        return sorted(newest, key=lambda q: q["upvotes"], reverse=True)
    return newest
