"""Curated stories: a facilitator picks posts, questions and poll results of an event
into a titled, ordered page, previews it, and publishes it for anyone to read.

A story can be published only when the author of every post in it consents, and
a post whose author withdraws consent leaves every story at once (story_feed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    EventStatus,
    LiveSession,
    Poll,
    PollStatus,
    Question,
    ResultsVisibility,
    Story,
    StoryItem,
    StoryItemKind,
    StoryPost,
    StoryStatus,
    utcnow,
)
from .actors import Actor
from .audit import record
from .errors import Conflict, InvalidInput, NotFound
from .events import get_event
from .permissions import require_organiser
from .polls import clean_text, is_row_id
from .questions import PUBLIC_STATUSES
from .tallies import public_results, results_for_poll

MAX_TITLE = 200
MAX_INTRODUCTION = 4000
MAX_ITEMS = 50
PUBLIC_EVENT_STATUSES = (EventStatus.PUBLISHED, EventStatus.CLOSED)
_KINDS = frozenset(k.value for k in StoryItemKind)


@dataclass(frozen=True)
class Block:
    """One part of a story page as it is shown: a post, a question or a poll."""

    kind: str
    post: StoryPost | None = None
    question: Question | None = None
    poll: Poll | None = None
    results: dict[str, Any] | None = None
    needs_consent: bool = False


@dataclass(frozen=True)
class Candidates:
    """What an event offers to a story."""

    posts: list[StoryPost]
    questions: list[Question]
    polls: list[Poll]


def create_story(
    db: Session, actor: Actor, event_id: int, title: Any, introduction: Any = ""
) -> Story:
    """Start a draft story about an event. Raises Forbidden, NotFound, InvalidInput."""
    user = require_organiser(db, actor)
    event = get_event(db, event_id)
    story = Story(event_id=event.id, created_by_id=user.id)
    _set_text(story, title, introduction)
    db.add(story)
    db.flush()
    _audit(db, actor, "story.create", story, title=story.title)
    return story


def update_story(
    db: Session, actor: Actor, story_id: Any, title: Any, introduction: Any
) -> Story:
    """Change a story's title and introduction.

    Raises Forbidden, NotFound or InvalidInput.
    """
    require_organiser(db, actor)
    story = get_story(db, story_id)
    _set_text(story, title, introduction)
    db.flush()
    _audit(db, actor, "story.update", story, title=story.title)
    return story


def set_items(db: Session, actor: Actor, story_id: Any, refs: Any) -> Story:
    """Make the story show these (kind, id) pairs, in this order.

    Raises Forbidden, NotFound (not part of the story's event), InvalidInput
    (malformed, repeated or too many) or Conflict (a post without its author's
    consent in a published story, a question that is not public, a poll that
    is not closed or whose results are hidden).
    """
    require_organiser(db, actor)
    story = get_story(db, story_id)
    pairs = _checked_refs(refs)
    items = [_item(db, story, kind, ref) for kind, ref in pairs]
    story.items = items
    for position, item in enumerate(items):
        item.position = position
    db.flush()
    _audit(db, actor, "story.items", story, items=[list(p) for p in pairs])
    return story


def publish_story(db: Session, actor: Actor, story_id: Any) -> Story:
    """Make a story public.

    Raises Forbidden, NotFound or Conflict (already published, empty, the event
    is not public, or a post's author has not consented).
    """
    require_organiser(db, actor)
    story = get_story(db, story_id)
    if story.status == StoryStatus.PUBLISHED:
        raise Conflict("This story is already published.")
    if not story.items:
        raise Conflict("Add at least one post, question or poll before publishing.")
    if story_event_status(db, story) not in PUBLIC_EVENT_STATUSES:
        raise Conflict("Publish the event first: a draft event's stories stay private.")
    missing = [b.post for b in story_blocks(db, story) if b.needs_consent]
    if missing:
        raise Conflict(_consent_refusal(len(missing)))
    story.status = StoryStatus.PUBLISHED
    story.published_at = utcnow()
    db.flush()
    _audit(db, actor, "story.publish", story)
    return story


def unpublish_story(db: Session, actor: Actor, story_id: Any) -> Story:
    """Take a story back to draft. Raises Forbidden, NotFound, Conflict."""
    require_organiser(db, actor)
    story = get_story(db, story_id)
    if story.status != StoryStatus.PUBLISHED:
        raise Conflict("This story is not published.")
    story.status = StoryStatus.DRAFT
    db.flush()
    _audit(db, actor, "story.unpublish", story)
    return story


def get_story(db: Session, story_id: Any) -> Story:
    """A story by id, whatever its state. Raises NotFound."""
    story = db.get(Story, story_id) if is_row_id(story_id) else None
    if story is None:
        raise NotFound("That story does not exist.")
    return story


def list_stories(db: Session, actor: Actor, event_id: int) -> list[Story]:
    """An event's stories, newest first. Raises Forbidden or NotFound."""
    require_organiser(db, actor)
    get_event(db, event_id)
    stmt = select(Story).where(Story.event_id == event_id)
    return list(db.scalars(stmt.order_by(Story.created_at.desc(), Story.id.desc())))


def public_story(db: Session, story_id: Any) -> Story:
    """A published story of a public event. Raises NotFound for any other."""
    story = db.get(Story, story_id) if is_row_id(story_id) else None
    if (
        story is None
        or story.status != StoryStatus.PUBLISHED
        or story_event_status(db, story) not in PUBLIC_EVENT_STATUSES
    ):
        raise NotFound("That story does not exist.")
    return story


def published_stories(db: Session, event_ids: list[int]) -> list[Story]:
    """The published stories of these events, newest first."""
    if not event_ids:
        return []
    stmt = select(Story).where(
        Story.event_id.in_(event_ids), Story.status == StoryStatus.PUBLISHED
    )
    return list(db.scalars(stmt.order_by(Story.published_at.desc(), Story.id.desc())))


def post_is_public(db: Session, post: StoryPost) -> bool:
    """Whether a post appears in a published story, so anyone may see it."""
    if not post.publishable:
        return False
    stmt = (
        select(Story)
        .join(StoryItem, StoryItem.story_id == Story.id)
        .where(StoryItem.post_id == post.id, Story.status == StoryStatus.PUBLISHED)
    )
    return any(
        story_event_status(db, story) in PUBLIC_EVENT_STATUSES
        for story in db.scalars(stmt)
    )


def story_blocks(db: Session, story: Story, *, public: bool = False) -> list[Block]:
    """A story's parts in order, with poll results as participants saw them.

    With public, anything that may not be shown is left out: a post without
    consent or removed, a question no longer public, a poll with hidden results.
    """
    blocks = [_block(db, item) for item in story.items]
    if public:
        return [b for b in blocks if b is not None and not b.needs_consent]
    return [b for b in blocks if b is not None]


def candidates(db: Session, actor: Actor, event_id: int) -> Candidates:
    """The posts, public questions and closed polls an event's story can use."""
    require_organiser(db, actor)
    sessions = select(LiveSession.id).where(LiveSession.event_id == event_id)
    posts = db.scalars(
        select(StoryPost)
        .where(StoryPost.session_id.in_(sessions), StoryPost.removed_at.is_(None))
        .order_by(StoryPost.created_at, StoryPost.id)
    )
    questions = db.scalars(
        select(Question)
        .where(Question.session_id.in_(sessions), Question.status.in_(PUBLIC_STATUSES))
        .order_by(Question.created_at, Question.id)
    )
    polls = db.scalars(
        select(Poll)
        .where(
            Poll.session_id.in_(sessions),
            Poll.status == PollStatus.CLOSED,
            Poll.results_visibility != ResultsVisibility.HIDDEN,
        )
        .order_by(Poll.session_id, Poll.position, Poll.id)
    )
    return Candidates(list(posts), list(questions), list(polls))


def story_event_status(db: Session, story: Story) -> EventStatus:
    return get_event(db, story.event_id).status


def _set_text(story: Story, title: Any, introduction: Any) -> None:
    story.title = clean_text(title, field="title", label="The title", limit=MAX_TITLE)
    story.introduction = clean_text(
        introduction,
        field="introduction",
        label="The introduction",
        limit=MAX_INTRODUCTION,
        required=False,
    )


def _checked_refs(refs: Any) -> list[tuple[str, int]]:
    if not isinstance(refs, list) or len(refs) > MAX_ITEMS:
        raise InvalidInput(f"Choose up to {MAX_ITEMS} items.", field="items")
    pairs = []
    for ref in refs:
        kind, ref_id = (
            ref if isinstance(ref, tuple | list) and len(ref) == 2 else ("", 0)
        )
        if kind not in _KINDS or not is_row_id(ref_id):
            raise InvalidInput("Each item is a post, question or poll.", field="items")
        pairs.append((kind, ref_id))
    if len(set(pairs)) != len(pairs):
        raise InvalidInput("Each item may appear once.", field="items")
    return pairs


def _item(db: Session, story: Story, kind: str, ref_id: int) -> StoryItem:
    """A new block for one reference, checked against the story's event."""
    model = {"post": StoryPost, "question": Question, "poll": Poll}[kind]
    found = db.get(model, ref_id)
    live = db.get(LiveSession, found.session_id) if found is not None else None
    if live is None or live.event_id != story.event_id:
        raise NotFound(f"That {kind} is not part of this story's event.")
    _check_usable(story, found)
    return StoryItem(kind=StoryItemKind(kind), **{f"{kind}_id": ref_id})


def _check_usable(story: Story, found: StoryPost | Question | Poll) -> None:
    if isinstance(found, StoryPost):
        if found.removed_at is not None:
            raise Conflict("A removed post cannot go in a story.")
        if story.status == StoryStatus.PUBLISHED and not found.consent:
            raise Conflict(_consent_refusal(1))
    elif isinstance(found, Question):
        if found.status not in PUBLIC_STATUSES:
            raise Conflict("Only questions shown to everyone can go in a story.")
    elif found.status != PollStatus.CLOSED:
        raise Conflict("Close a poll before putting its results in a story.")
    elif found.results_visibility == ResultsVisibility.HIDDEN:
        raise Conflict("This poll's results are hidden, so they cannot go in a story.")


def _block(db: Session, item: StoryItem) -> Block | None:
    if item.kind == StoryItemKind.POST:
        post = db.get(StoryPost, item.post_id)
        if post is None or post.removed_at is not None:
            return None
        return Block("post", post=post, needs_consent=not post.publishable)
    if item.kind == StoryItemKind.QUESTION:
        question = db.get(Question, item.question_id)
        if question is None or question.status not in PUBLIC_STATUSES:
            return None
        return Block("question", question=question)
    poll = db.get(Poll, item.poll_id)
    if poll is None:
        return None
    results = public_results(poll, results_for_poll(db, poll))
    return Block("poll", poll=poll, results=results)


def _consent_refusal(count: int) -> str:
    posts = (
        "a post whose author has" if count == 1 else f"{count} posts whose authors have"
    )
    return (
        f"This story has {posts} not agreed to publishing. Take them out, "
        "or ask the author to give consent from their own page."
    )


def _audit(
    db: Session, actor: Actor, action: str, story: Story, **details: Any
) -> None:
    record(db, actor, action, story, event_id=story.event_id, **details)
