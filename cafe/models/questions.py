"""Questions and upvotes."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow


class QuestionStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for approval (pre-moderation)
    LIVE = "live"
    ANSWERED = "answered"
    HIDDEN = "hidden"
    CLOSED = "closed"


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)  # as shown: personal data redacted
    original_body: Mapped[str | None] = mapped_column(Text)  # hosts only, if redacted
    needs_care: Mapped[bool] = mapped_column(default=False)  # held by the crisis check
    status: Mapped[QuestionStatus] = mapped_column(
        str_enum(QuestionStatus),
        default=QuestionStatus.LIVE,
    )
    hidden_reason: Mapped[str | None] = mapped_column(String(200))
    pinned: Mapped[bool] = mapped_column(default=False)
    edited: Mapped[bool] = mapped_column(default=False)
    reply: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]

    upvotes: Mapped[list[Upvote]] = relationship(
        back_populates="question", cascade="all, delete-orphan"
    )


class Upvote(Base):
    """One participant's upvote; the unique constraint makes retries harmless."""

    __tablename__ = "upvotes"
    __table_args__ = (UniqueConstraint("question_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    question: Mapped[Question] = relationship(back_populates="upvotes")
