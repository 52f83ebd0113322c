"""A member of staff's own account: personal API tokens."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask_wtf import FlaskForm
from wtforms import StringField

from ..db import db
from ..domain import api_tokens
from ..domain.errors import InvalidInput
from .forms import show_error
from .identity import staff_actor, staff_required

bp = Blueprint("accounts", __name__, url_prefix="/account")


class TokenForm(FlaskForm):
    name = StringField(
        "Name of the new token",
        render_kw={"maxlength": api_tokens.MAX_NAME, "autocomplete": "off"},
    )


class RevokeForm(FlaskForm):
    """A button: the CSRF token is its only field."""


@bp.route("/tokens", methods=["GET", "POST"])
@staff_required
def tokens():
    """List tokens; a new token's secret is shown on this response alone."""
    form, secret, status = TokenForm(), None, 200
    if form.validate_on_submit():
        try:
            token, secret = api_tokens.create_token(
                db.session, staff_actor(), form.name.data or ""
            )
            db.session.commit()
            form = TokenForm(formdata=None)
        except InvalidInput as error:
            db.session.rollback()
            status = show_error(form, error)
    listed = api_tokens.list_tokens(db.session, staff_actor())
    page = render_template(
        "account/tokens.html",
        form=form,
        tokens=listed,
        secret=secret,
        revoke_form=RevokeForm(),
    )
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/tokens/<int:token_id>/revoke")
@staff_required
def revoke(token_id: int):
    """Revoke one of your tokens at once."""
    if not RevokeForm().validate_on_submit():
        abort(400)
    token = api_tokens.revoke_token(db.session, staff_actor(), token_id)
    db.session.commit()
    flash(f"The token “{token.name}” no longer works.", "success")
    return redirect(url_for("accounts.tokens"))
