"""Guest hosts and live sessions for test-client tests, made through the domain."""

from __future__ import annotations

from datetime import timedelta

from cafe.domain import guests, participants, sessions
from cafe.domain.actors import Actor
from cafe.models import utcnow

HOUR = timedelta(hours=1)


def start(store, organiser, live):
    """Start a session of a published event."""
    sessions.change_session_state(store, Actor.staff(organiser), live.id, "start")
    store.commit()
    return live


def invite(store, organiser, live, *, whole_event=False, starts=-HOUR, ends=2 * HOUR):
    """An invitation for the session (or its event) and the secret of its link."""
    now = utcnow()
    details = guests.InviteDetails(
        starts_at=now + starts,
        ends_at=now + ends,
        session_id=None if whole_event else live.id,
        label="Sam, peer mentor",
    )
    created, token = guests.create_invite(
        store, Actor.staff(organiser), live.event_id, details
    )
    store.commit()
    return created, token


def sign_in_guest(client, store, organiser, live, name="Sam", **window):
    """Accept a link through the domain; put the credential in the client's cookie."""
    _created, token = invite(store, organiser, live, **window)
    accepted, credential = guests.accept_invite(store, token, name)
    store.commit()
    with client.session_transaction() as cookie:
        cookie["guest"] = credential
    return accepted


def enter(client, store, live, name=None):
    """Join as the join pages would: a participant and its token in the cookie."""
    participant, token = participants.join(store, live)
    participant.display_name = name
    store.commit()
    with client.session_transaction() as cookie:
        cookie["participants"] = {str(live.id): token}
    return participant
