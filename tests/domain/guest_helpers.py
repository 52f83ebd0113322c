"""Making guest hosts through the domain API, for domain tests."""

from __future__ import annotations

from datetime import timedelta

from cafe.domain import guests
from cafe.domain.actors import Actor
from cafe.models import utcnow

HOUR = timedelta(hours=1)


def invite(db, host, live, *, whole_event=False, starts=-HOUR, ends=2 * HOUR):
    """An invitation open from `starts` to `ends` from now, and its link token."""
    now = utcnow()
    details = guests.InviteDetails(
        starts_at=now + starts,
        ends_at=now + ends,
        session_id=None if whole_event else live.id,
        label="Sam from aftercare",
    )
    return guests.create_invite(db, host, live.event_id, details)


def accepted_guest(db, host, live, name="Sam", **window) -> Actor:
    """A guest who accepted a link for the session, as their actor."""
    _invite, token = invite(db, host, live, **window)
    accepted, _credential = guests.accept_invite(db, token, name)
    return Actor.guest(accepted)
