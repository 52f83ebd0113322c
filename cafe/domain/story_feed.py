"""A session's story feed: hosts post updates; participants react and comment.

Each post records whether its author consents to its use in a published story.
The author may change that later; withdrawing takes the post out of every story
at once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import (
    AuthorKind,
    CommentStatus,
    GuestInvite,
    LiveSession,
    ModerationMode,
    Participant,
    Reaction,
    SessionState,
    StoryComment,
    StoryImage,
    StoryItem,
    StoryPost,
    StoryReaction,
    User,
    utcnow,
)
from . import moderation, safeguarding, support
from .actors import Actor
from .audit import record
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .hosting import require_host
from .images import PreparedImage
from .polls import clean_text, is_row_id
from .profanity import ProfanityFilter
from .sessions import get_session

MAX_POST = 500
MAX_ALT = 300
MAX_COMMENT = 300
REACTIONS = tuple(r.value for r in Reaction)


def post_update(
    db: Session,
    actor: Actor,
    session_id: int,
    body: Any,
    *,
    consent: bool,
    image: PreparedImage | None = None,
    alt_text: Any = "",
) -> StoryPost:
    """Post a short update, with an optional prepared picture, to a session's feed.

    Raises Forbidden (not a host of this session now), NotFound, Conflict (the
    session has ended) or InvalidInput (text, or a picture without a description).
    """
    live = get_session(db, session_id)
    require_host(db, actor, live)
    if live.state == SessionState.ENDED:
        raise Conflict("This session has ended, so its feed is closed.")
    text = clean_text(body, field="body", label="Your update", limit=MAX_POST)
    post = StoryPost(session_id=live.id, body=text, consent=bool(consent))
    _set_author(db, post, actor)
    if image is not None:
        post.image = _image(image, alt_text)
    db.add(post)
    db.flush()
    _audit(db, actor, "story_post.create", post, consent=post.consent)
    return post


def set_consent(db: Session, actor: Actor, post_id: Any, consent: Any) -> StoryPost:
    """Give, or withdraw, the author's consent to use a post in published stories.

    Withdrawing takes the post out of every story. Only its author may do this,
    also after their time as a host has ended. Raises Forbidden, NotFound or
    InvalidInput.
    """
    post = get_post(db, post_id)
    if not is_author(actor, post):
        raise Forbidden("Only the author of a post can change their consent.")
    if not isinstance(consent, bool):
        raise InvalidInput("Say whether you consent.", field="consent")
    stories: list[int] = []
    if consent:
        post.consent, post.consent_withdrawn_at = True, None
    elif post.consent:
        post.consent, post.consent_withdrawn_at = False, utcnow()
        stories = _take_out_of_stories(db, post)
    db.flush()
    action = "story_post.consent_give" if consent else "story_post.consent_withdraw"
    _audit(db, actor, action, post, stories=stories)
    return post


def remove_post(db: Session, actor: Actor, post_id: Any) -> StoryPost:
    """Take a post off the feed and out of every story.

    A host of the session or the post's author may do it. Raises Forbidden,
    NotFound or Conflict (already removed).
    """
    post = get_post(db, post_id)
    if not is_author(actor, post):
        require_host(db, actor, get_session(db, post.session_id))
    if post.removed_at is not None:
        raise Conflict("This post was already removed.")
    post.removed_at = utcnow()
    stories = _take_out_of_stories(db, post)
    db.flush()
    _audit(db, actor, "story_post.remove", post, stories=stories)
    return post


def set_reaction(
    db: Session, participant: Participant, post_id: Any, kind: Any, on: Any
) -> StoryPost:
    """Add or take back one supportive reaction; repeating either changes nothing.

    Raises NotFound (no such post in the participant's session), Conflict (the
    session has ended) or InvalidInput (unknown reaction).
    """
    post = _post_for(db, participant, post_id)
    reaction = _reaction(kind)
    if not isinstance(on, bool):
        raise InvalidInput("Say whether to add or take back the reaction.", field="on")
    existing = db.scalar(
        select(StoryReaction).where(
            StoryReaction.post_id == post.id,
            StoryReaction.participant_id == participant.id,
            StoryReaction.kind == reaction,
        )
    )
    if on and existing is None:
        try:
            with db.begin_nested():
                db.add(
                    StoryReaction(
                        post_id=post.id, participant_id=participant.id, kind=reaction
                    )
                )
        except IntegrityError:
            pass  # the same reaction arrived twice at once: one row is enough
    elif not on and existing is not None:
        db.delete(existing)
        db.flush()
    return post


def add_comment(
    db: Session,
    participant: Participant,
    post_id: Any,
    body: Any,
    *,
    profanity: ProfanityFilter | None = None,
) -> StoryComment:
    """Comment on a post; held for a host in a pre-moderated session, and held
    privately (with an alert to the facilitators) when it signals risk.

    Raises NotFound, Conflict (session ended), Forbidden (muted) or InvalidInput
    (empty, too long, offensive).
    """
    post = _post_for(db, participant, post_id)
    moderation.check_not_muted(db, participant)
    text = clean_text(body, field="body", label="Your comment", limit=MAX_COMMENT)
    if profanity is not None and profanity.matches(text):
        raise InvalidInput(
            "Please reword your comment without swearing, so everyone can take part.",
            field="body",
        )
    live = get_session(db, post.session_id)
    screening = safeguarding.screen_text(db, text)
    held = live.moderation_mode == ModerationMode.PRE or screening.held
    comment = StoryComment(
        post_id=post.id,
        participant_id=participant.id,
        body=screening.shown,
        original_body=screening.original_if_redacted,
        needs_care=screening.held,
        status=CommentStatus.PENDING if held else CommentStatus.VISIBLE,
    )
    db.add(comment)
    db.flush()
    if screening.held:
        support.hold_for_care(db, participant, comment=comment)
    return comment


_MODERATION = {"approve": CommentStatus.VISIBLE, "hide": CommentStatus.HIDDEN}


def moderate_comment(
    db: Session, actor: Actor, comment_id: Any, action: Any
) -> StoryComment:
    """Show ("approve") or hide a comment. Raises Forbidden, NotFound, InvalidInput."""
    comment = get_comment(db, comment_id)
    post = get_post(db, comment.post_id)
    require_host(db, actor, get_session(db, post.session_id))
    if action not in _MODERATION:
        raise InvalidInput("Choose approve or hide.", field="action")
    comment.status = _MODERATION[action]
    db.flush()
    record(
        db,
        actor,
        f"story_comment.{action}",
        comment,
        session_id=post.session_id,
        post_id=post.id,
    )
    return comment


def posts_by_author(db: Session, actor: Actor) -> list[StoryPost]:
    """Every post of a guest or a member of staff, newest first."""
    column = StoryPost.guest_invite_id if actor.is_guest else StoryPost.author_user_id
    if not (actor.is_guest or actor.is_staff):
        return []
    stmt = select(StoryPost).where(column == actor.id)
    return list(db.scalars(stmt.order_by(StoryPost.id.desc())))


def is_author(actor: Actor, post: StoryPost) -> bool:
    if actor.is_guest:
        return post.guest_invite_id == actor.id
    return actor.is_staff and post.author_user_id == actor.id


def get_post(db: Session, post_id: Any) -> StoryPost:
    """A post by id. Raises NotFound, also for an id that is not a number."""
    post = db.get(StoryPost, post_id) if is_row_id(post_id) else None
    if post is None:
        raise NotFound("That post does not exist.")
    return post


def get_comment(db: Session, comment_id: Any) -> StoryComment:
    """A comment by id. Raises NotFound."""
    comment = db.get(StoryComment, comment_id) if is_row_id(comment_id) else None
    if comment is None:
        raise NotFound("That comment does not exist.")
    return comment


def _post_for(db: Session, participant: Participant, post_id: Any) -> StoryPost:
    """A post of the participant's session that is on the feed, while it is open."""
    post = get_post(db, post_id)
    if post.session_id != participant.session_id or post.removed_at is not None:
        raise NotFound("That post does not exist.")
    live = db.get(LiveSession, post.session_id)
    if live is None or live.state == SessionState.ENDED:
        raise Conflict("This session has ended, so its feed is closed.")
    return post


def _reaction(kind: Any) -> Reaction:
    if isinstance(kind, str) and kind in REACTIONS:
        return Reaction(kind)
    raise InvalidInput(
        f"A reaction is one of: {', '.join(REACTIONS)}.", field="reaction"
    )


def _set_author(db: Session, post: StoryPost, actor: Actor) -> None:
    if actor.is_guest:
        invite = db.get(GuestInvite, actor.id)
        post.author_kind = AuthorKind.GUEST
        post.guest_invite_id = actor.id
        post.author_name = (invite.display_name if invite else None) or "Guest host"
    else:
        user = db.get(User, actor.id)
        post.author_kind = AuthorKind.STAFF
        post.author_user_id = actor.id
        post.author_name = (user.display_name if user else "") or "Café team"


def _image(image: PreparedImage, alt_text: Any) -> StoryImage:
    alt = clean_text(
        alt_text,
        field="alt_text",
        label="The description of the picture",
        limit=MAX_ALT,
    )
    return StoryImage(
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        alt_text=alt,
        data=image.data,
    )


def _take_out_of_stories(db: Session, post: StoryPost) -> list[int]:
    """Delete the post's blocks from every story; return those stories' ids."""
    items = list(db.scalars(select(StoryItem).where(StoryItem.post_id == post.id)))
    for item in items:
        item.story.items.remove(item)  # the orphan is deleted with the next flush
    return sorted({item.story_id for item in items})


def _audit(
    db: Session, actor: Actor, action: str, post: StoryPost, **details: Any
) -> None:
    record(db, actor, action, post, session_id=post.session_id, **details)
