"""'You said, we did': the public list for an event, and the staff pages to edit it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from wtforms import (
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields import DateField
from wtforms.validators import InputRequired
from wtforms.widgets import CheckboxInput, ListWidget

from ..db import db
from ..domain import responses, summary_access
from ..domain.errors import InvalidInput
from ..domain.responses import YouSaidDetails
from ..models import YouSaidStatus, YouSaidWeDid
from .forms import show_error
from .identity import staff_actor, staff_required

bp = Blueprint("you_said", __name__)

STATUS_CHOICES = [SelectChoice(s.value, s.label) for s in YouSaidStatus]


class YouSaidForm(FlaskForm):
    question_ids = SelectMultipleField(
        "Questions this answers",
        coerce=int,
        validate_choice=False,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    theme_title = StringField(
        "Theme title (needed when you choose several questions)",
        render_kw={"maxlength": responses.MAX_THEME},
    )
    status = SelectField("Status", choices=STATUS_CHOICES)
    reason = TextAreaField("What we did and why", render_kw={"rows": 4})
    decided_on = DateField(
        "Date",
        validators=[InputRequired("Enter the date of the decision.")],
        default=date.today,
    )

    def details(self) -> YouSaidDetails:
        return YouSaidDetails(
            question_ids=list(self.question_ids.data or []),
            theme_title=self.theme_title.data or "",
            status=self.status.data or "",
            reason=self.reason.data or "",
            decided_on=self.decided_on.data,
        )


class DeleteForm(FlaskForm):
    """A button: the CSRF token is its only field."""


@bp.get("/events/<int:event_id>/you-said-we-did")
def public_page(event_id: int):
    """What the council did about what people said, for anyone to read."""
    event, listed = responses.public_responses(db.session, event_id)
    return render_template(
        "summaries/you_said_public.html",
        event=event,
        responses=listed,
        texts=responses.public_question_texts,
    )


@bp.get("/j/<code>/you-said-we-did")
def by_code(code: str):
    """From a session's code to its event's public page."""
    event = responses.public_event_for_code(db.session, code)
    return redirect(url_for("you_said.public_page", event_id=event.id))


@bp.route("/summaries/events/<int:event_id>/you-said-we-did", methods=["GET", "POST"])
@staff_required
def manage(event_id: int):
    """The event's responses, and a form to add one."""
    event = summary_access.readable_event(db.session, staff_actor(), event_id)
    form = _form(event.id)
    saved, status = _save(
        form,
        lambda: responses.record_response(
            db.session, staff_actor(), event.id, form.details()
        ),
    )
    if saved:
        flash("Response saved.", "success")
        return redirect(url_for("you_said.manage", event_id=event.id))
    listed = responses.list_responses(db.session, staff_actor(), event.id)
    return render_template(
        "summaries/you_said_manage.html",
        event=event,
        form=form,
        responses=listed,
        delete_form=DeleteForm(),
        texts=responses.public_question_texts,
    ), status


@bp.route("/summaries/you-said-we-did/<int:response_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(response_id: int):
    """Change a response's questions, status, reason or date."""
    existing = responses.get_response(db.session, staff_actor(), response_id)
    form = _form(existing.event_id, existing)
    saved, status = _save(
        form,
        lambda: responses.update_response(
            db.session, staff_actor(), response_id, form.details()
        ),
    )
    if saved:
        flash("Response updated.", "success")
        return redirect(url_for("you_said.manage", event_id=existing.event_id))
    page = render_template("summaries/you_said_edit.html", response=existing, form=form)
    return page, status


def _save(form: YouSaidForm, write: Callable[[], object]) -> tuple[bool, int]:
    """Validate, write and commit; (saved, status) with errors put on the form."""
    if not form.validate_on_submit():
        return False, 400 if form.is_submitted() else 200
    try:
        write()
    except InvalidInput as error:
        db.session.rollback()
        return False, show_error(form, error)
    db.session.commit()
    return True, 302


@bp.post("/summaries/you-said-we-did/<int:response_id>/delete")
@staff_required
def delete(response_id: int):
    """Remove a response recorded by mistake."""
    if not DeleteForm().validate_on_submit():
        abort(400)
    existing = responses.get_response(db.session, staff_actor(), response_id)
    event_id = existing.event_id
    responses.delete_response(db.session, staff_actor(), response_id)
    db.session.commit()
    flash("Response removed.", "success")
    return redirect(url_for("you_said.manage", event_id=event_id))


def _form(event_id: int, existing: YouSaidWeDid | None = None) -> YouSaidForm:
    form = YouSaidForm(obj=existing)
    if existing is not None and not form.is_submitted():
        form.question_ids.data = [link.question_id for link in existing.links]
        form.status.data = existing.status.value
    questions = responses.answerable_questions(db.session, staff_actor(), event_id)
    form.question_ids.choices = [SelectChoice(q.id, q.body) for q in questions]
    return form
