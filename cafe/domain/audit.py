"""Recording staff and host actions in the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..models import AuditEntry
from .actors import Actor


def record(
    db: Session,
    actor: Actor,
    action: str,
    target: Any,
    *,
    session_id: int | None = None,
    **details: Any,
) -> AuditEntry:
    """Add an audit entry for an action on a model instance (flushed, not committed)."""
    entry = AuditEntry(
        user_id=actor.user_id,
        actor_label=f"{actor.kind}:{actor.label}",
        action=action,
        target_type=type(target).__tablename__,
        target_id=getattr(target, "id", None),
        session_id=session_id,
        details=details,
    )
    db.add(entry)
    db.flush()
    return entry
