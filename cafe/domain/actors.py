"""Who is acting: a member of staff, a participant or a guest host."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import GuestInvite, Participant, StaffRole, User


@dataclass(frozen=True)
class Actor:
    """The explicit actor every domain function receives."""

    kind: str  # "staff", "participant" or "guest"
    id: int
    label: str
    role: StaffRole | None = None

    @classmethod
    def staff(cls, user: User) -> Actor:
        return cls("staff", user.id, user.display_name or user.email, user.role)

    @classmethod
    def participant(cls, participant: Participant) -> Actor:
        return cls("participant", participant.id, participant.pseudonym)

    @classmethod
    def guest(cls, invite: GuestInvite) -> Actor:
        """A guest host, known by their invitation; the label names it for the log."""
        name = invite.display_name or "Guest"
        return cls("guest", invite.id, f"{name} (invite {invite.id})")

    @classmethod
    def system(cls) -> Actor:
        return cls("system", 0, "system")

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def is_guest(self) -> bool:
        return self.kind == "guest"

    @property
    def user_id(self) -> int | None:
        return self.id if self.kind == "staff" else None
