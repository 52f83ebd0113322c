"""Polls, their options, and responses."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow


class PollKind(enum.StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    RATING = "rating"
    WORD_CLOUD = "word_cloud"
    OPEN_TEXT = "open_text"
    RANKING = "ranking"


class PollStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class ResultsVisibility(enum.StrEnum):
    LIVE = "live"
    AFTER_CLOSE = "after_close"
    HIDDEN = "hidden"


class ResponseStatus(enum.StrEnum):
    """Open-text answers are moderated like questions; other kinds stay visible."""

    PENDING = "pending"
    VISIBLE = "visible"
    HIDDEN = "hidden"


class RevealMode(enum.StrEnum):
    """When the room sees results, on top of results_visibility."""

    STANDARD = "standard"
    EVERYONE_ANSWERED = "everyone_answered"  # or when a host reveals them


class Poll(Base):
    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[PollKind] = mapped_column(str_enum(PollKind))
    question: Mapped[str] = mapped_column(String(300))
    status: Mapped[PollStatus] = mapped_column(
        str_enum(PollStatus), default=PollStatus.DRAFT
    )
    results_visibility: Mapped[ResultsVisibility] = mapped_column(
        str_enum(ResultsVisibility), default=ResultsVisibility.LIVE
    )
    min_responses: Mapped[int] = mapped_column(default=5)
    allow_change: Mapped[bool] = mapped_column(default=True)
    max_choices: Mapped[int | None]
    scale_max: Mapped[int | None]  # rating polls: 5 or 10
    scale_min_label: Mapped[str] = mapped_column(String(60), default="")
    scale_max_label: Mapped[str] = mapped_column(String(60), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    content_note: Mapped[str] = mapped_column(String(300), default="")
    reveal_mode: Mapped[RevealMode] = mapped_column(
        str_enum(RevealMode), default=RevealMode.STANDARD
    )
    revealed_at: Mapped[datetime | None]
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    options: Mapped[list[PollOption]] = relationship(
        back_populates="poll",
        order_by="PollOption.position",
        cascade="all, delete-orphan",
    )
    responses: Mapped[list[PollResponse]] = relationship(
        back_populates="poll", cascade="all, delete-orphan"
    )


class PollOption(Base):
    __tablename__ = "poll_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(
        ForeignKey("polls.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    poll: Mapped[Poll] = relationship(back_populates="options")


class PollResponse(Base):
    """One participant's answer to one poll; the unique constraint forbids a second.

    option_ids holds the chosen options (single, multiple) or the full order
    (ranking); rating holds a scale value; text holds a word-cloud or open-text
    answer.
    """

    __tablename__ = "poll_responses"
    __table_args__ = (UniqueConstraint("poll_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(
        ForeignKey("polls.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    option_ids: Mapped[list[int] | None] = mapped_column(JSON)
    rating: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(Text)  # as shown: personal data redacted
    original_text: Mapped[str | None] = mapped_column(Text)  # hosts only, if redacted
    needs_care: Mapped[bool] = mapped_column(default=False)  # held by the crisis check
    status: Mapped[ResponseStatus] = mapped_column(
        str_enum(ResponseStatus), default=ResponseStatus.VISIBLE
    )
    hidden_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    poll: Mapped[Poll] = relationship(back_populates="responses")
