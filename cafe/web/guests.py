"""Guest hosts: facilitators create and withdraw links; guests accept them and host.

The link holds a random secret signed with the app's key, so a mangled or made-up
link is turned away before the database is asked; the database then says whether
it is still unused, unexpired and not withdrawn.
"""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, Signer
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired

from ..db import db
from ..domain import events, guests, story_feed
from ..domain.actors import Actor
from ..domain.errors import Conflict, DomainError, InvalidInput
from ..live import handover
from ..models import GuestInvite, utcnow
from . import identity
from .errors import error_page
from .forms import show_error, when_field
from .identity import organiser_required, staff_actor
from .localtime import local_now, to_local, to_utc

bp = Blueprint("guests", __name__)
bp.add_app_template_filter(to_local, "local")

DEFAULT_LENGTH = timedelta(hours=2)
NO_GUEST = "Open the guest link you were sent to host a session."


class InviteForm(FlaskForm):
    scope = SelectField("What they will host", validate_choice=False)
    label = StringField(
        "Who it is for (only staff see this)",
        render_kw={"maxlength": guests.MAX_LABEL, "autocomplete": "off"},
    )
    starts_at = when_field("From", [InputRequired("Enter when hosting starts.")])
    ends_at = when_field("Until", [InputRequired("Enter when hosting ends.")])

    def details(self) -> guests.InviteDetails:
        """Raises InvalidInput for a scope that is neither the event nor a session."""
        scope = self.scope.data or "event"
        if scope != "event" and not scope.isdigit():
            raise InvalidInput("Choose the whole event or one session.", field="scope")
        return guests.InviteDetails(
            starts_at=to_utc(self.starts_at.data),
            ends_at=to_utc(self.ends_at.data),
            session_id=None if scope == "event" else int(scope),
            label=self.label.data or "",
        )


class AcceptForm(FlaskForm):
    display_name = StringField(
        "Your name, as everyone will see it",
        render_kw={"maxlength": guests.MAX_DISPLAY_NAME, "autocomplete": "nickname"},
    )


class ButtonForm(FlaskForm):
    """A button: the CSRF token is its only field."""


def signer() -> Signer:
    return Signer(current_app.config["SECRET_KEY"], salt="cafe-guest-link")


@bp.route("/workspace/events/<int:event_id>/guests", methods=["GET", "POST"])
@organiser_required
def invites(event_id: int):
    """An event's guest links; a new link is shown on this response alone."""
    event = events.get_event(db.session, event_id)
    form, link, status = _invite_form(event), None, 200
    if form.validate_on_submit():
        try:
            created, token = guests.create_invite(
                db.session, staff_actor(), event.id, form.details()
            )
            db.session.commit()
            link = url_for(
                ".accept", signed=signer().sign(token).decode(), _external=True
            )
            form = _invite_form(event, formdata=None)
        except DomainError as error:
            db.session.rollback()
            status = show_error(form, error)
    elif form.is_submitted():
        status = 400
    page = render_template(
        "guests/invites.html",
        event=event,
        form=form,
        link=link,
        invites=guests.list_invites(db.session, staff_actor(), event.id),
        now=utcnow(),
        button=ButtonForm(),
    )
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/workspace/guests/<int:invite_id>/revoke")
@organiser_required
def revoke(invite_id: int):
    """Withdraw a guest's link: their open pages lose their rights at once."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    invite = guests.revoke_invite(db.session, staff_actor(), invite_id)
    sessions = [s.id for s in guests.hosted_sessions(invite)]
    db.session.commit()
    handover.end_hosting(invite.id, sessions)
    flash(f"The guest link for {_who(invite)} no longer works.", "success")
    return redirect(url_for(".invites", event_id=invite.event_id))


@bp.route("/guest/<signed>", methods=["GET", "POST"])
def accept(signed: str):
    """Where a guest link lands: choose a name, then start hosting."""
    token = _unsigned(signed)
    mine = identity.current_guest(db.session)
    if mine is not None and guests.is_link_of(mine, token):
        return redirect(url_for(".home"))
    try:
        invite = guests.invite_for_link(db.session, token)
    except DomainError as error:
        return error_page(409 if isinstance(error, Conflict) else 404, error.message)
    form, status = AcceptForm(), 200
    if form.validate_on_submit():
        try:
            return _accepted(token, form.display_name.data)
        except DomainError as error:
            db.session.rollback()
            status = show_error(form, error)
    elif form.is_submitted():
        status = 400
    page = render_template("guests/accept.html", invite=invite, form=form)
    return page, status


@bp.get("/guest")
def home():
    """The guest host's own page: what they host, until when, and their posts."""
    invite = identity.current_guest(db.session)
    if invite is None:
        return error_page(403, NO_GUEST)
    actor = Actor.guest(invite)
    return render_template(
        "guests/home.html",
        invite=invite,
        status=invite.status(utcnow()),
        sessions=guests.hosted_sessions(invite),
        posts=story_feed.posts_by_author(db.session, actor),
        button=ButtonForm(),
    )


@bp.post("/guest/leave")
def leave():
    """Forget the guest credential in this browser."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    identity.forget_guest()
    flash("This browser no longer holds your guest link.", "success")
    return redirect(url_for("pages.home"))


def _accepted(token: str, name: str | None):
    invite, credential = guests.accept_invite(db.session, token, name or "")
    sessions = [s.id for s in guests.hosted_sessions(invite)]
    active = invite.status(utcnow()) == "active"
    db.session.commit()
    identity.remember_guest(credential)
    if active:
        handover.announce(sessions)
    flash(f"Welcome, {invite.display_name}. You are a guest host.", "success")
    return redirect(url_for(".home"))


def _unsigned(signed: str) -> str:
    try:
        return signer().unsign(signed).decode()
    except BadSignature:
        message = "This guest link is not valid. Check it was copied whole."
        abort(make_response(error_page(404, message)))


def _invite_form(event, **kwargs) -> InviteForm:
    start = local_now().replace(second=0, microsecond=0)
    form = InviteForm(starts_at=start, ends_at=start + DEFAULT_LENGTH, **kwargs)
    sessions = [
        SelectChoice(str(s.id), f"Only the session “{s.title}”") for s in event.sessions
    ]
    form.scope.choices = [SelectChoice("event", "The whole event"), *sessions]
    return form


def _who(invite: GuestInvite) -> str:
    return invite.display_name or invite.label or f"guest link {invite.id}"
