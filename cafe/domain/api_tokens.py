"""Personal API tokens for reading summaries from other programs.

Only a SHA-256 hash of a token is stored; the token itself is shown once.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ApiToken, User, utcnow
from .actors import Actor
from .audit import record
from .errors import InvalidInput, NotFound
from .permissions import staff_user

PREFIX = "cafe_"
MAX_NAME = 80


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(db: Session, actor: Actor, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor; return it and the secret to show once.

    Raises Forbidden (not staff) or InvalidInput (name missing or too long).
    """
    user = staff_user(db, actor)
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(
            "Give the token a name, such as the program that uses it.", field="name"
        )
    if len(name) > MAX_NAME:
        raise InvalidInput(f"Keep the name under {MAX_NAME} characters.", field="name")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(secret))
    db.add(token)
    db.flush()
    record(db, actor, "api_token.create", token, name=name)
    return token, secret


def list_tokens(db: Session, actor: Actor) -> list[ApiToken]:
    """The actor's own tokens, newest first. Raises Forbidden."""
    user = staff_user(db, actor)
    return list(
        db.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def revoke_token(db: Session, actor: Actor, token_id: int) -> ApiToken:
    """Revoke one of the actor's tokens. Raises Forbidden or NotFound."""
    user = staff_user(db, actor)
    token = db.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("That token does not exist.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.flush()
        record(db, actor, "api_token.revoke", token, name=token.name)
    return token


def user_for_token(db: Session, secret: str | None) -> User | None:
    """The active user holding a valid token, or None; notes when it was used."""
    if not secret or not secret.startswith(PREFIX):
        return None
    token = db.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None or not token.is_active:
        return None
    token.last_used_at = utcnow()
    db.flush()
    return token.user
