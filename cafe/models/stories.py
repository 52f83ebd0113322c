"""The story feed of a session (host posts, reactions, comments) and curated stories."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow


class AuthorKind(enum.StrEnum):
    STAFF = "staff"
    GUEST = "guest"


class Reaction(enum.StrEnum):
    """The small set of supportive reactions participants can give a post."""

    HEART = "heart"
    CLAP = "clap"
    HUG = "hug"
    STRONG = "strong"

    @property
    def label(self) -> str:
        return _REACTION_LABELS[self]


_REACTION_LABELS = {
    Reaction.HEART: "Love this",
    Reaction.CLAP: "Well done",
    Reaction.HUG: "Sending a hug",
    Reaction.STRONG: "Stay strong",
}


class CommentStatus(enum.StrEnum):
    """Comments follow the session's moderation mode, like questions."""

    PENDING = "pending"
    VISIBLE = "visible"
    HIDDEN = "hidden"


class StoryStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class StoryItemKind(enum.StrEnum):
    POST = "post"
    QUESTION = "question"
    POLL = "poll"


class StoryPost(Base):
    """A short update a host posts to a session's story feed.

    consent says whether the author agrees to its use in a published story;
    withdrawing it sets consent_withdrawn_at and takes the post out of stories.
    """

    __tablename__ = "story_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True
    )
    author_kind: Mapped[AuthorKind] = mapped_column(str_enum(AuthorKind))
    author_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    guest_invite_id: Mapped[int | None] = mapped_column(
        ForeignKey("guest_invites.id", ondelete="SET NULL"), index=True
    )
    author_name: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    consent: Mapped[bool] = mapped_column(default=False)
    consent_withdrawn_at: Mapped[datetime | None]
    removed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    image: Mapped[StoryImage | None] = relationship(
        back_populates="post", cascade="all, delete-orphan"
    )

    @property
    def publishable(self) -> bool:
        return self.consent and self.removed_at is None


class StoryImage(Base):
    """A post's picture, re-encoded without metadata. Kept apart so lists skip bytes."""

    __tablename__ = "story_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("story_posts.id", ondelete="CASCADE"), unique=True
    )
    content_type: Mapped[str] = mapped_column(String(20))
    width: Mapped[int]
    height: Mapped[int]
    alt_text: Mapped[str] = mapped_column(String(300))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    post: Mapped[StoryPost] = relationship(back_populates="image")


class StoryReaction(Base):
    """One participant's reaction of one kind to one post."""

    __tablename__ = "story_reactions"
    __table_args__ = (UniqueConstraint("post_id", "participant_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("story_posts.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[Reaction] = mapped_column(str_enum(Reaction))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StoryComment(Base):
    __tablename__ = "story_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("story_posts.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)  # redacted: what others may see
    original_body: Mapped[str | None] = mapped_column(Text)  # hosts only
    needs_care: Mapped[bool] = mapped_column(default=False)  # held by the crisis check
    status: Mapped[CommentStatus] = mapped_column(
        str_enum(CommentStatus), default=CommentStatus.VISIBLE
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Story(Base):
    """A titled, ordered page made from an event's posts, questions and polls."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[StoryStatus] = mapped_column(
        str_enum(StoryStatus), default=StoryStatus.DRAFT
    )
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None]

    items: Mapped[list[StoryItem]] = relationship(
        back_populates="story",
        order_by="StoryItem.position",
        cascade="all, delete-orphan",
    )


class StoryItem(Base):
    """One block of a story: exactly one of post_id, question_id, poll_id is set."""

    __tablename__ = "story_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[StoryItemKind] = mapped_column(str_enum(StoryItemKind))
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("story_posts.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    poll_id: Mapped[int | None] = mapped_column(
        ForeignKey("polls.id", ondelete="CASCADE"), index=True
    )

    story: Mapped[Story] = relationship(back_populates="items")

    @property
    def ref_id(self) -> int:
        return self.post_id or self.question_id or self.poll_id or 0
