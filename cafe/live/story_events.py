"""Story feed events: reactions and comments from phones, moderation from hosts.

Hosts post updates over HTTP (a post may carry a picture); everything else about
the feed can also go over the socket.
"""

from __future__ import annotations

from flask import request

from ..domain import story_feed
from ..domain.errors import NotFound
from ..domain.hosting import require_host
from ..domain.story_payloads import feed_payload
from ..models import CommentStatus
from . import story_broadcasts, support_broadcasts
from .dispatch import Context, host_actor, on
from .parsing import a_flag, a_text, an_id
from .story_broadcasts import reaction_tally
from .vote_queue import profanity_for


@on("request_feed", who="any")
def request_feed(ctx: Context, payload: dict) -> None:
    """The whole feed for this socket alone; a host's rights are checked first."""
    for_host = ctx.connection.view == "host"
    if for_host:
        require_host(ctx.db, host_actor(ctx.db, ctx.connection), ctx.live)
    data = feed_payload(
        ctx.db, ctx.live.id, for_host=for_host, participant=ctx.participant
    )
    ctx.emit("story_feed", data, request.sid)


@on("react_to_post", who="participant")
def react_to_post(ctx: Context, payload: dict) -> None:
    post = story_feed.set_reaction(
        ctx.db,
        ctx.participant,
        an_id(payload, "post_id"),
        a_text(payload, "reaction", max_length=20),
        a_flag(payload, "on"),
    )
    post_id, session_id = post.id, post.session_id
    ctx.after.append(lambda: reaction_tally.changed(post_id, session_id))


@on("comment_on_post", who="participant")
def comment_on_post(ctx: Context, payload: dict) -> dict:
    comment = story_feed.add_comment(
        ctx.db,
        ctx.participant,
        an_id(payload, "post_id"),
        a_text(payload, "body", max_length=2000),
        profanity=profanity_for(ctx.live),
    )
    story_broadcasts.comment_changed(ctx, comment, ctx.live.id, was_visible=False)
    if comment.needs_care:
        support_broadcasts.held(ctx, ctx.db, comment=comment)
    return {
        "comment_id": comment.id,
        "status": comment.status.value,
        "needs_care": comment.needs_care,
    }


@on("moderate_comment", who="host")
def moderate_comment(ctx: Context, payload: dict) -> None:
    comment = story_feed.get_comment(ctx.db, an_id(payload, "comment_id"))
    if story_feed.get_post(ctx.db, comment.post_id).session_id != ctx.live.id:
        raise NotFound("That comment is not in this session.")
    was_visible = comment.status == CommentStatus.VISIBLE
    action = a_text(payload, "action", max_length=20)
    story_feed.moderate_comment(ctx.db, ctx.actor, comment.id, action)
    story_broadcasts.comment_changed(ctx, comment, ctx.live.id, was_visible=was_visible)
