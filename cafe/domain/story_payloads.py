"""Reading a session's story feed, and the shapes of it in the real-time protocol."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import (
    CommentStatus,
    Participant,
    Reaction,
    StoryComment,
    StoryPost,
    StoryReaction,
)
from .payloads import timestamp

FEED_LENGTH = 50
REACTIONS = tuple(r.value for r in Reaction)


def feed_payload(
    db: Session,
    session_id: int,
    *,
    for_host: bool,
    participant: Participant | None = None,
) -> dict[str, Any]:
    """The whole feed as one viewer may see it: {"posts": [Post]}.

    Hosts see every comment and each post's consent; a participant sees visible
    comments, their own, and which reactions they gave.
    """
    posts = list_posts(db, session_id)
    ids = [post.id for post in posts]
    counts = reaction_counts(db, ids)
    comments = list_comments(
        db,
        ids,
        for_host=for_host,
        participant_id=participant.id if participant else None,
    )
    names = comment_names(db, [c for listed in comments.values() for c in listed])
    mine = my_reactions(db, participant) if participant else {}
    return {
        "posts": [
            post_payload(
                post,
                counts[post.id],
                [comment_payload(c, names) for c in comments[post.id]],
                for_host=for_host,
                mine=sorted(mine.get(post.id, ())),
            )
            for post in posts
        ]
    }


def post_payload(
    post: StoryPost,
    reactions: Mapping[str, int],
    comments: list[dict[str, Any]],
    *,
    for_host: bool = False,
    mine: list[str] | None = None,
) -> dict[str, Any]:
    """A post: its author's chosen name, never an account or an address."""
    image = post.image
    payload: dict[str, Any] = {
        "id": post.id,
        "session_id": post.session_id,
        "author": {"name": post.author_name, "kind": post.author_kind.value},
        "body": post.body,
        "image": (
            {"alt": image.alt_text, "width": image.width, "height": image.height}
            if image
            else None
        ),
        "reactions": dict(reactions),
        "comments": comments,
        "created_at": timestamp(post.created_at),
    }
    if for_host:
        payload["consent"] = post.consent
    if mine is not None:
        payload["my_reactions"] = mine
    return payload


def comment_payload(
    comment: StoryComment, names: Mapping[int, str | None]
) -> dict[str, Any]:
    """A comment with the name its author chose to show, or null (anonymous)."""
    author = names.get(comment.participant_id) if comment.participant_id else None
    return {
        "id": comment.id,
        "post_id": comment.post_id,
        "body": comment.body,
        "status": comment.status.value,
        "needs_care": comment.needs_care,
        "author": author,
        "created_at": timestamp(comment.created_at),
    }


def list_posts(db: Session, session_id: int) -> list[StoryPost]:
    """The feed of a session, newest first, without removed posts."""
    stmt = (
        select(StoryPost)
        .where(StoryPost.session_id == session_id, StoryPost.removed_at.is_(None))
        .order_by(StoryPost.created_at.desc(), StoryPost.id.desc())
        .limit(FEED_LENGTH)
    )
    return list(db.scalars(stmt))


def reaction_counts(db: Session, post_ids: list[int]) -> dict[int, dict[str, int]]:
    """Reactions per post and kind, every kind present (zero included)."""
    counts = {post_id: dict.fromkeys(REACTIONS, 0) for post_id in post_ids}
    if post_ids:
        stmt = (
            select(StoryReaction.post_id, StoryReaction.kind, func.count())
            .where(StoryReaction.post_id.in_(post_ids))
            .group_by(StoryReaction.post_id, StoryReaction.kind)
        )
        for post_id, kind, count in db.execute(stmt):
            counts[post_id][Reaction(kind).value] = count
    return counts


def my_reactions(db: Session, participant: Participant) -> dict[int, set[str]]:
    """The reactions a participant gave, by post."""
    mine: dict[int, set[str]] = {}
    stmt = select(StoryReaction.post_id, StoryReaction.kind).where(
        StoryReaction.participant_id == participant.id
    )
    for post_id, kind in db.execute(stmt):
        mine.setdefault(post_id, set()).add(Reaction(kind).value)
    return mine


def list_comments(
    db: Session, post_ids: list[int], *, for_host: bool, participant_id: int | None
) -> dict[int, list[StoryComment]]:
    """Comments by post, oldest first: hosts see all, others visible ones and theirs."""
    found: dict[int, list[StoryComment]] = {post_id: [] for post_id in post_ids}
    if not post_ids:
        return found
    stmt = select(StoryComment).where(StoryComment.post_id.in_(post_ids))
    for comment in db.scalars(stmt.order_by(StoryComment.id)):
        own = participant_id is not None and comment.participant_id == participant_id
        if for_host or own or comment.status == CommentStatus.VISIBLE:
            found[comment.post_id].append(comment)
    return found


def comment_names(db: Session, comments: list[StoryComment]) -> dict[int, str | None]:
    """The chosen names of these comments' authors, in one query."""
    ids = {c.participant_id for c in comments if c.participant_id is not None}
    if not ids:
        return {}
    stmt = select(Participant.id, Participant.display_name).where(
        Participant.id.in_(ids)
    )
    return {pid: name for pid, name in db.execute(stmt)}
