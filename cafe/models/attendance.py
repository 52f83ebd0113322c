"""How many participants were connected to a session at a moment."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class AttendanceSample(Base):
    """One reading of the number of connected participants, taken by the live layer."""

    __tablename__ = "attendance_samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    connected: Mapped[int]
