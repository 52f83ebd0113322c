"""Series of events, and events."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow

if TYPE_CHECKING:
    from .sessions import LiveSession


class EventStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    ARCHIVED = "archived"


class Series(Base):
    """A recurring programme, such as a monthly social media café."""

    __tablename__ = "series"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    events: Mapped[list[Event]] = relationship(
        back_populates="series", order_by="Event.starts_at"
    )


class Event(Base):
    """A café or consultation event. Start and end are local wall-clock times."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("series.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    accessibility_notes: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[EventStatus] = mapped_column(
        str_enum(EventStatus),
        default=EventStatus.DRAFT,
    )
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None]
    # Free text and participant records go this many days after the event closes.
    retention_days: Mapped[int] = mapped_column(default=90)
    purged_at: Mapped[datetime | None]

    series: Mapped[Series | None] = relationship(back_populates="events")
    sessions: Mapped[list[LiveSession]] = relationship(
        back_populates="event",
        order_by="LiveSession.position",
        cascade="all, delete-orphan",
    )
