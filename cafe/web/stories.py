"""The story feed over HTTP: hosts post updates (with a picture), participants react
and comment with plain forms that work without JavaScript (static/js/stories.js
sends the same over the socket), and authors give or withdraw consent.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import BooleanField, FileField, StringField, TextAreaField

from ..db import db
from ..domain import images, sessions, stories, story_feed
from ..domain.errors import DomainError, Forbidden, NotFound, RateLimited
from ..domain.hosting import require_host
from ..domain.story_payloads import feed_payload
from ..live import story_broadcasts, support_broadcasts
from ..live.limits import limiter_for
from ..live.outbox import Outbox
from ..live.story_broadcasts import reaction_tally
from ..live.vote_queue import profanity_for
from ..models import CommentStatus, LiveSession, Participant, Reaction, StoryPost
from .forms import show_error, status_for
from .identity import current_participant, host_actor, host_required
from .participate import CARE_MESSAGE

bp = Blueprint("stories", __name__)
bp.add_app_template_global(list(Reaction), "reactions")


class PostForm(FlaskForm):
    body = TextAreaField(
        "Your update", render_kw={"maxlength": story_feed.MAX_POST, "rows": 4}
    )
    image = FileField(
        "A picture (optional)", render_kw={"accept": "image/jpeg,image/png,image/webp"}
    )
    alt_text = StringField(
        "Describe the picture for people who cannot see it",
        render_kw={"maxlength": story_feed.MAX_ALT},
    )
    consent = BooleanField("I agree that this post may be published in a story")


class ButtonForm(FlaskForm):
    """A button: the CSRF token is its only field."""


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_error):
    """Uploads bigger than the request limit never reach the form."""
    flash(images.too_large_message(), "error")
    return redirect(request.path, code=303)


# ----- participants -----


@bp.get("/s/<code>/stories")
def feed(code: str):
    """The session's story feed, for a participant who has joined it."""
    live, participant = _joined(code)
    return _feed_page(live, participant)


@bp.post("/s/<code>/stories/<int:post_id>/reactions")
def react(code: str, post_id: int):
    """Add or take back a reaction without JavaScript."""

    def act(live: LiveSession, participant: Participant, outbox: Outbox) -> str:
        on = request.form.get("on") == "1"
        reaction = request.form.get("reaction", "")
        post = story_feed.set_reaction(db.session, participant, post_id, reaction, on)
        outbox.after.append(lambda: reaction_tally.changed(post.id, live.id))
        return "Thank you for your reaction." if on else "Your reaction was taken back."

    return _participant_act(code, "react_to_post", act)


@bp.post("/s/<code>/stories/<int:post_id>/comments")
def comment(code: str, post_id: int):
    """Comment on a post without JavaScript."""

    def act(live: LiveSession, participant: Participant, outbox: Outbox) -> str:
        body = request.form.get("body", "")
        added = story_feed.add_comment(
            db.session, participant, post_id, body, profanity=profanity_for(live)
        )
        story_broadcasts.comment_changed(outbox, added, live.id, was_visible=False)
        if added.needs_care:
            support_broadcasts.held(outbox, db.session, comment=added)
            return CARE_MESSAGE
        if added.status == CommentStatus.PENDING:
            return "Thank you. Your comment will appear once a host approves it."
        return "Thank you. Your comment is on the post."

    return _participant_act(code, "comment_on_post", act)


# ----- hosts -----


@bp.route("/host/sessions/<int:session_id>/stories", methods=["GET", "POST"])
@host_required
def host_feed(session_id: int):
    """Post an update, and see the feed with every comment to moderate."""
    live = _hosted(session_id)
    form, status = PostForm(), 200
    if form.validate_on_submit():
        try:
            _post(live, form)
        except DomainError as error:
            db.session.rollback()
            status = show_error(form, error)
        else:
            flash("Your update is on the feed.", "success")
            return redirect(url_for(".host_feed", session_id=live.id), code=303)
    elif form.is_submitted():
        status = 400
    return _host_page(live, form, status)


@bp.post("/host/comments/<int:comment_id>/moderate")
@host_required
def moderate(comment_id: int):
    """Show or hide a comment."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    found = story_feed.get_comment(db.session, comment_id)
    post = story_feed.get_post(db.session, found.post_id)
    live = sessions.get_session(db.session, post.session_id)
    was_visible = found.status == CommentStatus.VISIBLE
    action = request.form.get("action", "")
    story_feed.moderate_comment(db.session, host_actor(), found.id, action)
    outbox = Outbox(db=db.session, live=live)
    story_broadcasts.comment_changed(outbox, found, live.id, was_visible=was_visible)
    done = "Comment shown." if action == "approve" else "Comment hidden."
    return _commit_and_back(outbox, done)


@bp.post("/host/posts/<int:post_id>/remove")
@host_required
def remove(post_id: int):
    """Take a post off the feed and out of every story."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    post = story_feed.remove_post(db.session, host_actor(), post_id)
    live = sessions.get_session(db.session, post.session_id)
    outbox = Outbox(db=db.session, live=live)
    story_broadcasts.post_removed(outbox, post)
    return _commit_and_back(outbox, "The post was removed.")


@bp.post("/host/posts/<int:post_id>/consent")
@host_required
def consent(post_id: int):
    """The author gives or withdraws consent to publishing one of their posts."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    give = request.form.get("consent") == "give"
    story_feed.set_consent(db.session, host_actor(), post_id, give)
    db.session.commit()
    flash(
        "Thank you: this post may now be published in a story."
        if give
        else "Consent withdrawn: this post is no longer in any published story.",
        "success",
    )
    return redirect(_back(), code=303)


@bp.get("/story-images/<int:post_id>")
def image(post_id: int):
    """A post's picture, for those who may see the post."""
    post = story_feed.get_post(db.session, post_id)
    if post.image is None or not _may_see(post):
        raise NotFound("That picture does not exist.")
    response = Response(post.image.data, mimetype=post.image.content_type)
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["Content-Disposition"] = "inline"
    return response


# ----- helpers -----


def _post(live: LiveSession, form: PostForm) -> StoryPost:
    """Prepare the picture, post, commit, then tell the session."""
    upload = request.files.get(form.image.name)
    prepared = None
    if upload is not None and upload.filename:
        prepared = images.prepare_image(
            upload.read(images.MAX_BYTES + 1),
            claimed_type=upload.mimetype or "",
            filename=upload.filename,
        )
    post = story_feed.post_update(
        db.session,
        host_actor(),
        live.id,
        form.body.data or "",
        consent=bool(form.consent.data),
        image=prepared,
        alt_text=form.alt_text.data or "",
    )
    outbox = Outbox(db=db.session, live=live)
    story_broadcasts.post_added(outbox, post)
    db.session.commit()
    outbox.send()
    return post


def _hosted(session_id: int) -> LiveSession:
    live = sessions.get_session(db.session, session_id)
    require_host(db.session, host_actor(), live)
    return live


def _host_page(live: LiveSession, form: PostForm, status: int):
    feed_data = feed_payload(db.session, live.id, for_host=True)
    return render_template(
        "stories/host.html",
        live=live,
        form=form,
        posts=feed_data["posts"],
        button=ButtonForm(),
        max_bytes_mb=images.MAX_BYTES // (1024 * 1024),
    ), status


def _joined(code: str) -> tuple[LiveSession, Participant]:
    live = sessions.find_by_code(db.session, code)
    participant = current_participant(db.session, live)
    if participant is None:
        abort(redirect(url_for("join.by_code", code=live.join_code)))
    return live, participant


def _feed_page(
    live: LiveSession, participant: Participant, draft: tuple[int, str] | None = None
):
    """The feed; draft is (post id, text) of a refused comment, to type again."""
    data = feed_payload(db.session, live.id, for_host=False, participant=participant)
    db.session.commit()  # keeps the participant's last-seen time
    return render_template(
        "stories/feed.html",
        live=live,
        posts=data["posts"],
        draft=draft or (0, ""),
        max_comment=story_feed.MAX_COMMENT,
    )


Action = Callable[[LiveSession, Participant, Outbox], str]


def _participant_act(code: str, event: str, action: Action):
    """Run one write for this browser's participant, then back to the feed (PRG).

    It counts against the same rate limit as the socket event of that name.
    """
    live, participant = _joined(code)
    outbox = Outbox(db=db.session, live=live)
    try:
        allowed = limiter_for(event)
        if allowed is not None and not allowed(str(participant.id)):
            raise RateLimited("That is a lot in a short time. Please wait a moment.")
        message = action(live, participant, outbox)
        db.session.commit()
    except DomainError as problem:
        db.session.rollback()
        flash(problem.message, "error")
        draft = (request.view_args["post_id"], request.form.get("body", ""))
        return _feed_page(live, participant, draft), _status(problem)
    outbox.send()
    flash(message, "success")
    return redirect(url_for(".feed", code=live.join_code), code=303)


def _status(problem: DomainError) -> int:
    if isinstance(problem, NotFound):
        return 404
    return 429 if isinstance(problem, RateLimited) else status_for(problem)


def _commit_and_back(outbox: Outbox, message: str):
    db.session.commit()
    outbox.send()
    flash(message, "success")
    return redirect(_back(), code=303)


def _back() -> str:
    """Where a host's button came from: a path on this site, never elsewhere."""
    back = request.form.get("back", "")
    if back.startswith("/") and not back.startswith(("//", "/\\")):
        return back
    return url_for("guests.home")


def _may_see(post: StoryPost) -> bool:
    """A picture is seen by the session's participants and hosts, or anyone once
    its post is published in a story."""
    if stories.post_is_public(db.session, post):
        return True
    live = sessions.get_session(db.session, post.session_id)
    if current_participant(db.session, live) is not None:
        return True
    actor = host_actor()
    if actor is None:
        return False
    try:
        require_host(db.session, actor, live)
    except Forbidden:
        return False
    return True
