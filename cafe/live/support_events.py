"""Safeguarding events: asking for support, private replies, muting, and the
gentler-session controls (content notes, revealing results, quiet mode)."""

from __future__ import annotations

from ..domain import gentle, moderation, support
from ..domain.errors import InvalidInput, NotFound
from ..models import Poll
from . import broadcasts, support_broadcasts
from .dispatch import Context, on
from .parsing import a_flag, a_text, an_id
from .publisher import publisher

AUTHOR_KEYS = ("question_id", "response_id", "alert_id")


@on("request_support", who="participant")
def request_support(ctx: Context, payload: dict) -> dict:
    message = payload.get("message")
    if message is not None:
        message = a_text(payload, "message", max_length=2000)
    alert = support.request_support(ctx.db, ctx.participant, message)
    support_broadcasts.alert(ctx, ctx.db, alert)
    return {"alert_id": alert.id}


@on("reply_support", who="host")
def reply_support(ctx: Context, payload: dict) -> None:
    alert = support.reply_to_support(
        ctx.db,
        ctx.actor,
        ctx.live,
        an_id(payload, "alert_id"),
        a_text(payload, "body", max_length=2000),
    )
    support_broadcasts.alert(ctx, ctx.db, alert)


@on("mute_participant", who="host")
def mute_participant(ctx: Context, payload: dict) -> None:
    author = moderation.author_of(ctx.db, ctx.live, **_one_author_key(payload))
    moderation.mute_participant(ctx.db, ctx.actor, ctx.live, author)
    support_broadcasts.mutes(ctx, ctx.db, ctx.live.id, author.id)


@on("unmute_participant", who="host")
def unmute_participant(ctx: Context, payload: dict) -> None:
    author = moderation.unmute_participant(
        ctx.db, ctx.actor, ctx.live, an_id(payload, "mute_id")
    )
    support_broadcasts.mutes(ctx, ctx.db, ctx.live.id, author.id)


@on("set_poll_care", who="host")
def set_poll_care(ctx: Context, payload: dict) -> None:
    poll = gentle.set_poll_care(
        ctx.db,
        ctx.actor,
        _own_poll_id(ctx, payload),
        a_text(payload, "content_note", max_length=2000),
        a_text(payload, "reveal_mode", max_length=40),
    )
    _poll_changed(ctx, poll)


@on("reveal_results", who="host")
def reveal_results(ctx: Context, payload: dict) -> None:
    poll = gentle.reveal_results(ctx.db, ctx.actor, _own_poll_id(ctx, payload))
    _poll_changed(ctx, poll)


@on("set_quiet_mode", who="host")
def set_quiet_mode(ctx: Context, payload: dict) -> None:
    gentle.set_quiet_mode(ctx.db, ctx.actor, ctx.live.id, a_flag(payload, "quiet"))
    broadcasts.session(ctx)


def _one_author_key(payload: dict) -> dict[str, int]:
    given = [key for key in AUTHOR_KEYS if key in payload]
    if len(given) != 1:
        raise InvalidInput("Name one question_id, response_id or alert_id.")
    return {given[0]: an_id(payload, given[0])}


def _own_poll_id(ctx: Context, payload: dict) -> int:
    poll = ctx.db.get(Poll, an_id(payload, "poll_id"))
    if poll is None or poll.session_id != ctx.live.id:
        raise NotFound("That poll is not in this session.")
    return poll.id


def _poll_changed(ctx: Context, poll: Poll) -> None:
    broadcasts.poll(ctx, poll)
    poll_id = poll.id
    ctx.after.append(lambda: publisher.poll_changed(poll_id))
