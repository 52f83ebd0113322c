"""Joining a session as a pseudonymous participant."""

from __future__ import annotations

import hashlib
import random
import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import LiveSession, Participant, utcnow
from .errors import InvalidInput

_ADJECTIVES = (
    "Amber",
    "Bright",
    "Calm",
    "Clear",
    "Gentle",
    "Golden",
    "Kind",
    "Quiet",
    "Steady",
    "Sunny",
    "Warm",
    "Brave",
    "Bold",
    "Hopeful",
    "Silver",
    "Green",
)
_NOUNS = (
    "Heron",
    "Otter",
    "Robin",
    "Willow",
    "River",
    "Oak",
    "Finch",
    "Harbour",
    "Meadow",
    "Lantern",
    "Badger",
    "Maple",
    "Swift",
    "Beacon",
    "Fern",
    "Wren",
)
MAX_DISPLAY_NAME = 40


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def join(db: Session, live: LiveSession) -> tuple[Participant, str]:
    """Create a participant for a session; return it and the secret token.

    Only a hash of the token is stored: the browser keeps the token in a signed
    cookie and proves who it is with it after a reload or reconnect.
    """
    token = secrets.token_urlsafe(24)
    rng = random.SystemRandom()
    pseudonym = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}"
    participant = Participant(
        session_id=live.id, token_hash=hash_token(token), pseudonym=pseudonym
    )
    db.add(participant)
    db.flush()
    return participant, token


def from_token(db: Session, session_id: int, token: str | None) -> Participant | None:
    """The participant of this session that holds the token, or None."""
    if not token:
        return None
    participant = db.scalar(
        select(Participant).where(Participant.token_hash == hash_token(token))
    )
    if participant is None or participant.session_id != session_id:
        return None
    participant.last_seen_at = utcnow()
    return participant


def set_profile(
    db: Session,
    participant: Participant,
    display_name: str | None,
    role: str | None,
    allowed_roles: Sequence[str],
) -> Participant:
    """Save the optional name and self-declared role; both may be left empty.

    Raises InvalidInput for an over-long name or a role not in the list.
    """
    name = " ".join((display_name or "").split())
    if len(name) > MAX_DISPLAY_NAME:
        raise InvalidInput(
            f"Keep your name under {MAX_DISPLAY_NAME} characters.", field="display_name"
        )
    if role and role not in allowed_roles:
        raise InvalidInput("Choose a role from the list, or skip it.", field="role")
    participant.display_name = name or None
    participant.role = role or None
    participant.profile_done = True
    db.flush()
    return participant
