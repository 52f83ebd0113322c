"""Guest hosts ("takeovers"): invitations, accepting them, and what a guest may host.

A facilitator invites a guest for one session or a whole event, for a window of
time. The link carries a secret that works once: accepting it chooses the name
everyone will see and gives the guest's browser a credential of its own. Rights
are checked against the database on every action, so revoking takes effect at once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..models import EventStatus, GuestInvite, LiveSession, utcnow
from .actors import Actor
from .audit import record
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .events import get_event
from .participants import hash_token
from .permissions import require_organiser
from .polls import clean_text, is_row_id

MAX_LABEL = 80
MAX_DISPLAY_NAME = 40
MAX_WINDOW = timedelta(days=14)
_CLOSED_EVENTS = (EventStatus.CLOSED, EventStatus.ARCHIVED)
_LINK_REFUSALS = {
    "revoked": "The facilitator has withdrawn this guest link.",
    "expired": "This guest link has expired. Ask the facilitator for a new one.",
}
USED_LINK = (
    "This guest link has already been used. Each link works once: "
    "ask the facilitator for a new one."
)


@dataclass
class InviteDetails:
    """What a facilitator chooses: the window (naive UTC), the scope and a label."""

    starts_at: datetime
    ends_at: datetime
    session_id: int | None = None
    label: str = ""

    def check(self, now: datetime) -> None:
        if self.ends_at <= self.starts_at:
            raise InvalidInput(
                "The hosting time must end after it starts.", field="ends_at"
            )
        if self.ends_at <= now:
            raise InvalidInput(
                "The hosting time must end in the future.", field="ends_at"
            )
        if self.ends_at - self.starts_at > MAX_WINDOW:
            raise InvalidInput(
                f"A guest can host for up to {MAX_WINDOW.days} days at a time.",
                field="ends_at",
            )


def create_invite(
    db: Session,
    actor: Actor,
    event_id: int,
    details: InviteDetails,
    *,
    now: datetime | None = None,
) -> tuple[GuestInvite, str]:
    """Invite a guest host; return the invitation and its secret (shown once).

    Raises Forbidden (not an organiser), NotFound (event or session), Conflict
    (closed event) or InvalidInput (window or label).
    """
    user = require_organiser(db, actor)
    event = get_event(db, event_id)
    if event.status in _CLOSED_EVENTS:
        raise Conflict("Guests cannot be invited to a closed event.")
    details.check(now or utcnow())
    if details.session_id is not None:
        live = db.get(LiveSession, details.session_id)
        if live is None or live.event_id != event.id:
            raise NotFound("That session is not part of this event.")
    label = clean_text(
        details.label,
        field="label",
        label="Who it is for",
        limit=MAX_LABEL,
        required=False,
    )
    token = secrets.token_urlsafe(24)
    invite = GuestInvite(
        event_id=event.id,
        session_id=details.session_id,
        token_hash=hash_token(token),
        label=label,
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        created_by_id=user.id,
    )
    db.add(invite)
    db.flush()
    _audit(db, actor, "guest.invite", invite, scope=invite.scope, label=label)
    return invite, token


def revoke_invite(db: Session, actor: Actor, invite_id: Any) -> GuestInvite:
    """Withdraw an invitation at once. Raises Forbidden, NotFound, Conflict."""
    require_organiser(db, actor)
    invite = get_invite(db, invite_id)
    if invite.revoked_at is not None:
        raise Conflict("This guest link was already withdrawn.")
    invite.revoked_at = utcnow()
    db.flush()
    _audit(db, actor, "guest.revoke", invite, name=invite.display_name)
    return invite


def invite_for_link(
    db: Session, token: str, *, now: datetime | None = None
) -> GuestInvite:
    """The invitation a link opens, if it can still be accepted.

    Raises NotFound for an unknown link and Conflict for one that was used,
    withdrawn or has expired.
    """
    invite = db.scalar(
        select(GuestInvite).where(GuestInvite.token_hash == hash_token(token))
    )
    if invite is None:
        raise NotFound("This guest link is not valid. Check that it was copied whole.")
    status = invite.status(now or utcnow())
    if status in _LINK_REFUSALS:
        raise Conflict(_LINK_REFUSALS[status])
    if invite.used_at is not None:
        raise Conflict(USED_LINK)
    return invite


def accept_invite(
    db: Session, token: str, display_name: Any, *, now: datetime | None = None
) -> tuple[GuestInvite, str]:
    """Accept a link with the name everyone will see; return the browser's credential.

    Raises NotFound, Conflict (used, withdrawn, expired) or InvalidInput (name).
    """
    invite = invite_for_link(db, token, now=now)
    name = " ".join(
        clean_text(
            display_name,
            field="display_name",
            label="Your name",
            limit=MAX_DISPLAY_NAME,
        ).split()
    )
    credential = secrets.token_urlsafe(24)
    invite.display_name = name
    invite.credential_hash = hash_token(credential)
    invite.used_at = now or utcnow()
    db.flush()
    _audit(db, Actor.guest(invite), "guest.accept", invite, name=name)
    return invite, credential


def invite_for_credential(db: Session, credential: str | None) -> GuestInvite | None:
    """The accepted invitation behind a browser's credential, whatever its state."""
    if not credential:
        return None
    return db.scalar(
        select(GuestInvite).where(GuestInvite.credential_hash == hash_token(credential))
    )


def is_link_of(invite: GuestInvite, token: str) -> bool:
    """Whether a link's secret is this invitation's."""
    return secrets.compare_digest(invite.token_hash, hash_token(token))


def guest_actor(db: Session, invite_id: int) -> Actor:
    """The actor of an accepted invitation. Raises Forbidden if it is gone."""
    invite = db.get(GuestInvite, invite_id)
    if invite is None or invite.used_at is None:
        raise Forbidden("This guest link no longer exists.")
    return Actor.guest(invite)


def current_guest(
    db: Session, live: LiveSession, *, now: datetime | None = None
) -> GuestInvite | None:
    """The guest hosting a session now (the latest to accept, if several)."""
    now = now or utcnow()
    stmt = (
        select(GuestInvite)
        .where(
            or_(
                GuestInvite.session_id == live.id,
                (GuestInvite.session_id.is_(None))
                & (GuestInvite.event_id == live.event_id),
            ),
            GuestInvite.used_at.is_not(None),
            GuestInvite.revoked_at.is_(None),
            GuestInvite.starts_at <= now,
            GuestInvite.ends_at > now,
        )
        .order_by(GuestInvite.used_at.desc(), GuestInvite.id.desc())
        .limit(1)
    )
    return db.scalar(stmt)


def hosted_sessions(invite: GuestInvite) -> list[LiveSession]:
    """The sessions an invitation covers, in the event's order."""
    if invite.session is not None:
        return [invite.session]
    return list(invite.event.sessions)


def list_invites(db: Session, actor: Actor, event_id: int) -> list[GuestInvite]:
    """An event's invitations, newest first. Raises Forbidden or NotFound."""
    require_organiser(db, actor)
    event = get_event(db, event_id)
    stmt = (
        select(GuestInvite)
        .where(GuestInvite.event_id == event.id)
        .order_by(GuestInvite.created_at.desc(), GuestInvite.id.desc())
    )
    return list(db.scalars(stmt))


def get_invite(db: Session, invite_id: Any) -> GuestInvite:
    """An invitation by id. Raises NotFound."""
    invite = db.get(GuestInvite, invite_id) if is_row_id(invite_id) else None
    if invite is None:
        raise NotFound("That guest link does not exist.")
    return invite


def _audit(
    db: Session, actor: Actor, action: str, invite: GuestInvite, **details: Any
) -> None:
    record(
        db,
        actor,
        action,
        invite,
        session_id=invite.session_id,
        event_id=invite.event_id,
        **details,
    )
