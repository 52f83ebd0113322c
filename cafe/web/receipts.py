"""Receipt codes: take one on the session page; later, see and delete what you
posted with it, without an account.

After a code is checked it is kept in this browser's signed session cookie, so
the delete buttons need not carry it.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ..db import db
from ..domain import receipts, sessions
from ..domain.errors import NotFound
from ..extensions import limiter
from ..live import rooms
from ..live.outbox import Outbox
from ..live.publisher import publisher
from ..models import LiveSession
from .identity import current_participant

bp = Blueprint("receipts", __name__)

_KEY = "receipt_code"


def _failed_lookup(response) -> bool:
    return response.status_code == 404


# Only wrong codes count, so someone deleting many things is never held up.
code_check = limiter.limit(
    lambda: current_app.config["RECEIPT_RATE_LIMIT"],
    methods=["POST"],
    deduct_when=_failed_lookup,
)


@bp.post("/s/<code>/receipt")
def issue(code: str):
    """Give this browser's participant a receipt code, shown once."""
    live = sessions.find_by_code(db.session, code)
    participant = current_participant(db.session, live)
    if participant is None:
        return redirect(url_for("join.by_code", code=live.join_code))
    receipt = receipts.issue_receipt(db.session, participant)
    db.session.commit()
    page = render_template("receipts/issued.html", receipt=receipt, live=live)
    return _private(page)


@bp.route("/receipt", methods=["GET", "POST"])
@code_check
def lookup():
    """The box to type a receipt code into."""
    if request.method == "GET":
        return render_template("receipts/lookup.html")
    typed = request.form.get("code", "")
    try:
        receipts.participant_for_code(db.session, typed)
    except NotFound as error:
        return render_template("receipts/lookup.html", error=error.message), 404
    session[_KEY] = receipts.normalise(typed)
    return redirect(url_for(".mine"))


@bp.get("/receipt/mine")
def mine():
    """What the holder of the checked code posted, with a way to delete each."""
    code = session.get(_KEY)
    if not code:
        return redirect(url_for(".lookup"))
    try:
        found = receipts.contributions(db.session, code)
    except NotFound:
        session.pop(_KEY, None)
        flash("That receipt code no longer works.", "error")
        return redirect(url_for(".lookup"))
    return _private(render_template("receipts/mine.html", found=found))


@bp.post("/receipt/questions/<int:question_id>/delete")
def delete_question(question_id: int):
    """Delete one question; the live screens drop it at once."""
    question = receipts.erase_question(db.session, _code(), question_id)
    out = Outbox(db.session, db.session.get(LiveSession, question.session_id))
    _question_gone(out, question.session_id, question.id)
    db.session.commit()
    out.send()
    flash("Your question was deleted.", "success")
    return redirect(url_for(".mine"))


@bp.post("/receipt/answers/<int:response_id>/delete")
def delete_answer(response_id: int):
    """Delete one poll answer; its results are counted again."""
    response = receipts.erase_answer(db.session, _code(), response_id)
    poll_id = response.poll_id
    db.session.commit()
    publisher.poll_changed(poll_id)
    flash("Your answer was deleted.", "success")
    return redirect(url_for(".mine"))


@bp.post("/receipt/delete-all")
def delete_all():
    """Delete everything the code holder posted."""
    erased = receipts.erase_everything(db.session, _code())
    out = Outbox(db.session, db.session.get(LiveSession, erased.session_id))
    for question_id in erased.question_ids:
        _question_gone(out, erased.session_id, question_id)
    db.session.commit()
    out.send()
    for poll_id in erased.poll_ids:
        publisher.poll_changed(poll_id)
    publisher.upvotes_changed(erased.session_id)
    flash("Everything you posted in that session was deleted.", "success")
    return redirect(url_for(".mine"))


@bp.post("/receipt/forget")
def forget():
    """Stop this browser remembering the code."""
    session.pop(_KEY, None)
    flash("This browser no longer holds your receipt code.", "success")
    return redirect(url_for(".lookup"))


def _code() -> str:
    code = session.get(_KEY)
    if not code:
        raise NotFound("Enter your receipt code first.")
    return code


def _question_gone(out: Outbox, session_id: int, question_id: int) -> None:
    for room in (rooms.public(session_id), rooms.hosts(session_id)):
        out.emit("question_removed", {"question_id": question_id}, room)


def _private(page: str):
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response
