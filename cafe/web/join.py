"""Joining a session with a code: no account, anonymous unless someone chooses."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from ..db import db
from ..domain import participants, sessions
from ..domain.errors import DomainError, NotFound
from ..extensions import limiter
from ..models import LiveSession, Participant, SessionState
from . import identity, qr
from .forms import AboutYouForm, JoinForm, choices, show_error

bp = Blueprint("join", __name__)

# What the lobby says about each state; lobby.js shows the same words when it changes.
STATES = {
    SessionState.SCHEDULED: (
        "waiting",
        "This session has not started yet. This page will show a button "
        "when it starts.",
    ),
    SessionState.LIVE: ("live", "The session is live."),
    SessionState.ENDED: ("ended", "This session has ended. Thank you for taking part."),
}


def _failed_lookup(response: Response) -> bool:
    return response.status_code in (400, 404)


# Only failed lookups count, so a room full of people behind one address can
# reload freely while someone guessing codes soon gets a 429.
code_lookup = limiter.shared_limit(
    lambda: current_app.config["JOIN_RATE_LIMIT"],
    scope="join-code",
    deduct_when=_failed_lookup,
)


@bp.route("/join", methods=["GET", "POST"])
@code_lookup
def join_page():
    """The code box; a typed or linked code goes on to the session."""
    form = JoinForm()
    if form.validate_on_submit():
        return _enter(form.code.data or "", form)
    if "code" in request.args:
        form.code.data = request.args["code"]
        return _enter(request.args["code"], form)
    return render_template("join/join.html", form=form)


@bp.get("/j/<code>")
@code_lookup
def by_code(code: str):
    """Where a QR code or a shared link lands."""
    return _enter(code, JoinForm(formdata=None, code=code))


@bp.route("/j/<code>/about-you", methods=["GET", "POST"])
@code_lookup
def about_you(code: str):
    """The optional name and role, asked once; skipping keeps you anonymous."""
    live, participant = _joined(code)
    if participant.profile_done:
        return redirect(url_for(".lobby", code=live.join_code))
    form = AboutYouForm()
    form.role.choices = choices(current_app.config["PARTICIPANT_ROLES"])
    status = 200
    if form.validate_on_submit():
        try:
            _save_profile(participant, form)
        except DomainError as error:
            db.session.rollback()
            status = show_error(form, error)
        else:
            db.session.commit()
            return redirect(url_for(".lobby", code=live.join_code))
    db.session.commit()
    page = render_template(
        "join/about_you.html", form=form, live=live, participant=participant
    )
    return page, status


@bp.get("/j/<code>/lobby")
@code_lookup
def lobby(code: str):
    """Where the session is, what to expect, and the way in once it is live."""
    live, participant = _joined(code)
    db.session.commit()
    state, label = STATES[live.state]
    return render_template(
        "join/lobby.html",
        live=live,
        event=live.event,
        participant=participant,
        state=state,
        state_label=label,
        session_url=session_path(live),
    )


@bp.get("/j/<code>/state.json")
@code_lookup
def lobby_state(code: str):
    """The session's state, for the lobby page to notice when it starts."""
    live = sessions.find_by_code(db.session, code)
    state, label = STATES[live.state]
    return jsonify(state=state, label=label, session_url=session_path(live))


@bp.get("/j/<code>/qr.svg")
@code_lookup
def public_qr(code: str):
    """The join QR code for a presenter screen or a poster."""
    return qr.svg_response(sessions.find_by_code(db.session, code), public=True)


def session_path(live: LiveSession) -> str:
    return "/s/" + live.join_code


def _enter(typed: str, form: JoinForm):
    try:
        live = sessions.find_by_code(db.session, typed)
    except DomainError as error:
        show_error(form, error)
        status = 404 if isinstance(error, NotFound) else 400
        return render_template("join/join.html", form=form), status
    participant = identity.current_participant(db.session, live)
    token = None
    if participant is None:
        participant, token = participants.join(db.session, live)
    db.session.commit()
    if token:
        identity.remember_participant(live.id, token)
    step = ".lobby" if participant.profile_done else ".about_you"
    return redirect(url_for(step, code=live.join_code))


def _joined(code: str) -> tuple[LiveSession, Participant]:
    """The session and this browser's participant; one who has not joined joins."""
    live = sessions.find_by_code(db.session, code)
    participant = identity.current_participant(db.session, live)
    if participant is None:
        abort(redirect(url_for(".by_code", code=live.join_code)))
    return live, participant


def _save_profile(participant: Participant, form: AboutYouForm) -> None:
    roles = [key for key, _label in current_app.config["PARTICIPANT_ROLES"]]
    if request.form.get("action") == "skip":
        participants.set_profile(db.session, participant, None, None, roles)
    else:
        name, role = form.display_name.data, form.role.data
        participants.set_profile(db.session, participant, name, role, roles)
