"""Guest hosts: time-limited, single-use invitations to host a session or an event."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

if TYPE_CHECKING:
    from .events import Event
    from .sessions import LiveSession


class GuestInvite(Base):
    """One guest's right to host, from the link a facilitator sends them.

    Only hashes are stored: token_hash for the link (dead once accepted) and
    credential_hash for the browser that accepted it. session_id is empty when
    the guest may host every session of the event. The window is naive UTC.
    """

    __tablename__ = "guest_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    credential_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(80), default="")
    display_name: Mapped[str | None] = mapped_column(String(40))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship()
    session: Mapped[LiveSession | None] = relationship()

    @property
    def scope(self) -> str:
        return "event" if self.session_id is None else "session"

    def covers(self, live: LiveSession) -> bool:
        """Whether this invitation is for that session (or its whole event)."""
        if self.session_id is not None:
            return self.session_id == live.id
        return self.event_id == live.event_id

    def status(self, now: datetime) -> str:
        """revoked, expired, unused, upcoming or active: what the guest can do now."""
        if self.revoked_at is not None:
            return "revoked"
        if now >= self.ends_at:
            return "expired"
        if self.used_at is None:
            return "unused"
        return "upcoming" if now < self.starts_at else "active"
