"""Curated stories: facilitators build, preview and publish them; anyone reads them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import StringField, TextAreaField

from ..db import db
from ..domain import events, payloads, stories
from ..domain.errors import DomainError
from ..models import Story
from .forms import show_error, status_for
from .identity import organiser_required, staff_actor

bp = Blueprint("story_pages", __name__)
bp.add_app_template_global(payloads.poll_payload, "poll_dict")

PUBLISH_DONE = {
    "publish": "The story is published. Anyone can read it now.",
    "unpublish": "The story is back to a draft. Only staff can see it.",
}


class StoryForm(FlaskForm):
    title = StringField("Title", render_kw={"maxlength": stories.MAX_TITLE})
    introduction = TextAreaField(
        "Introduction", render_kw={"maxlength": stories.MAX_INTRODUCTION, "rows": 5}
    )


class ButtonForm(FlaskForm):
    """A button: the CSRF token is its only field."""


@bp.route("/workspace/events/<int:event_id>/stories", methods=["GET", "POST"])
@organiser_required
def event_stories(event_id: int):
    """An event's stories, and a form to start one."""
    event = events.get_event(db.session, event_id)
    form, status = StoryForm(), 200
    if form.validate_on_submit():
        try:
            story = stories.create_story(
                db.session,
                staff_actor(),
                event.id,
                form.title.data,
                form.introduction.data,
            )
            db.session.commit()
            return redirect(url_for(".edit", story_id=story.id), code=303)
        except DomainError as error:
            db.session.rollback()
            status = show_error(form, error)
    elif form.is_submitted():
        status = 400
    listed = stories.list_stories(db.session, staff_actor(), event.id)
    page = render_template(
        "stories/manage.html", event=event, form=form, stories=listed
    )
    return page, status


@bp.route("/workspace/stories/<int:story_id>", methods=["GET", "POST"])
@organiser_required
def edit(story_id: int):
    """Title, introduction, and which posts, questions and polls go in what order."""
    story = stories.get_story(db.session, story_id)
    form, status, error = StoryForm(obj=story), 200, None
    if form.validate_on_submit():
        try:
            _save(story, form)
            db.session.commit()
            flash("Story saved.", "success")
            return redirect(url_for(".edit", story_id=story.id), code=303)
        except DomainError as problem:
            db.session.rollback()
            status, error = show_error(form, problem), problem
    elif form.is_submitted():
        status = 400
    return _edit_page(story, form, error), status


@bp.get("/workspace/stories/<int:story_id>/preview")
@organiser_required
def preview(story_id: int):
    """The story as the public will see it, with what still needs consent marked."""
    story = stories.get_story(db.session, story_id)
    return render_template(
        "stories/story.html",
        story=story,
        event=events.get_event(db.session, story.event_id),
        blocks=stories.story_blocks(db.session, story),
        preview=True,
        button=ButtonForm(),
    )


@bp.post("/workspace/stories/<int:story_id>/<any(publish, unpublish):action>")
@organiser_required
def publish(story_id: int, action: str):
    """Publish a story (every post's author must consent), or take it back."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    change = stories.publish_story if action == "publish" else stories.unpublish_story
    try:
        change(db.session, staff_actor(), story_id)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        story = stories.get_story(db.session, story_id)
        return _edit_page(story, StoryForm(obj=story), error), status_for(error)
    db.session.commit()
    flash(PUBLISH_DONE[action], "success")
    return redirect(url_for(".edit", story_id=story_id), code=303)


@bp.get("/stories/<int:story_id>")
def public(story_id: int):
    """A published story, for anyone to read."""
    story = stories.public_story(db.session, story_id)
    return render_template(
        "stories/story.html",
        story=story,
        event=events.get_event(db.session, story.event_id),
        blocks=stories.story_blocks(db.session, story, public=True),
        preview=False,
    )


def chosen_items(form: MultiDict) -> list[tuple[str, int]]:
    """The ticked items in the order their numbers give (ties keep the page order)."""
    ticked = []
    for index, value in enumerate(form.getlist("item")):
        kind, _, ref = value.partition(":")
        if not ref.isdigit():
            continue
        order = form.get(f"order-{value}", "")
        rank = int(order) if order.isdigit() else 10_000
        ticked.append((rank, index, kind, int(ref)))
    return [(kind, ref) for _rank, _index, kind, ref in sorted(ticked)]


def _save(story: Story, form: StoryForm) -> None:
    actor = staff_actor()
    stories.update_story(
        db.session, actor, story.id, form.title.data, form.introduction.data
    )
    stories.set_items(db.session, actor, story.id, chosen_items(request.form))


def _edit_page(story: Story, form: StoryForm, error: DomainError | None) -> str:
    if request.method == "POST" and "title" in request.form:  # keep what was ticked
        chosen = chosen_items(request.form)
        positions = {f"{kind}:{ref}": n for n, (kind, ref) in enumerate(chosen, 1)}
    else:
        positions = {f"{i.kind.value}:{i.ref_id}": i.position + 1 for i in story.items}
    return render_template(
        "stories/edit.html",
        story=story,
        event=events.get_event(db.session, story.event_id),
        form=form,
        error=error,
        candidates=stories.candidates(db.session, staff_actor(), story.event_id),
        positions=positions,
        button=ButtonForm(),
    )
