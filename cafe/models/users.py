"""Staff accounts and their logins."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow


class StaffRole(enum.StrEnum):
    ADMIN = "admin"
    FACILITATOR = "facilitator"
    COMMISSIONER = "commissioner"


class User(Base):
    """A member of staff. Participants are never users."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[StaffRole] = mapped_column(str_enum(StaffRole))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    logins: Mapped[list[StaffLogin]] = relationship(back_populates="user")

    @property
    def can_run_sessions(self) -> bool:
        return self.active and self.role in (StaffRole.ADMIN, StaffRole.FACILITATOR)

    @property
    def can_read_summaries(self) -> bool:
        return self.active


class StaffLogin(Base):
    """One signed-in browser. Logging out revokes it, so its sockets lose rights."""

    __tablename__ = "staff_logins"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="logins")

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.user.active
