"""Safeguarding and privacy: crisis terms, signposting, support requests, mutes,
moderation reasons, names never to be shown, and receipt codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow


class CrisisTerm(Base):
    """A word or phrase that signals risk; a trailing * matches any word ending."""

    __tablename__ = "crisis_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    phrase: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SignpostEntry(Base):
    """A helpline or local service shown to someone who may need help."""

    __tablename__ = "signpost_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(200))
    opening_times: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ModerationReason(Base):
    """A reason a host may give for hiding something; its author sees it."""

    __tablename__ = "moderation_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RedactedName(Base):
    """A person or place that must never be named on screen or in an export."""

    __tablename__ = "redacted_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SupportAlert(Base):
    """A private request for support, or a held crisis message, in one session.

    Facilitators see only the pseudonym and the session; question_id,
    response_id or comment_id links the held message that raised it, if any.
    """

    __tablename__ = "support_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("poll_responses.id", ondelete="CASCADE"), index=True
    )
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("story_comments.id", ondelete="CASCADE"), index=True
    )
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    replies: Mapped[list[SupportReply]] = relationship(
        back_populates="alert",
        order_by="SupportReply.id",
        cascade="all, delete-orphan",
    )


class SupportReply(Base):
    """A facilitator's private answer to a support alert."""

    __tablename__ = "support_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(
        ForeignKey("support_alerts.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    author_name: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    alert: Mapped[SupportAlert] = relationship(back_populates="replies")


class ParticipantMute(Base):
    """A participant a host stopped from posting in a session.

    device_hash also holds back anyone who joins the session again from the
    same browser, even with a fresh participant cookie.
    """

    __tablename__ = "participant_mutes"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    device_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    muted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Receipt(Base):
    """A code a participant took when joining; only its hash is stored."""

    __tablename__ = "receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
