"""Who may host a live session: run its questions, polls and story feed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from ..models import GuestInvite, LiveSession, utcnow
from .actors import Actor
from .errors import Forbidden
from .permissions import require_organiser


def require_host(db: Session, actor: Actor, live: LiveSession) -> None:
    """Allow only those who may host this session. Raises Forbidden otherwise.

    That is an active facilitator or admin, or a guest whose invitation covers
    this session, has not been withdrawn, and whose window is open now.
    """
    if actor.is_guest:
        require_guest_host(db, actor, live)
    else:
        require_organiser(db, actor)


def require_guest_host(
    db: Session, actor: Actor, live: LiveSession, *, now: datetime | None = None
) -> GuestInvite:
    """The guest's invitation, if it lets them host this session now.

    Raises Forbidden when it was withdrawn, is outside its window, or is for
    another session or event.
    """
    invite = db.get(GuestInvite, actor.id) if actor.is_guest else None
    if invite is None or invite.used_at is None:
        raise Forbidden("Only an invited guest host can do that.")
    status = invite.status(now or utcnow())
    if status == "revoked":
        raise Forbidden("The facilitator has withdrawn your guest link.")
    if status == "expired":
        raise Forbidden("Your time as guest host has ended. Thank you for hosting.")
    if status == "upcoming":
        raise Forbidden("Your time as guest host has not started yet.")
    if not invite.covers(live):
        raise Forbidden("Your guest link is for another session.")
    return invite
