"""Transparent moderation: the reasons hosts give, muting, and the moderation log."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import (
    AuditEntry,
    LiveSession,
    ModerationReason,
    Participant,
    ParticipantMute,
    PollResponse,
    Question,
    SupportAlert,
)
from .actors import Actor
from .audit import record
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .hosting import require_host
from .permissions import staff_user
from .sessions import get_session

DEFAULT_REASONS = (
    "Off topic for this session",
    "Names or could identify someone",
    "Shares contact details or other personal information",
    "Unkind or offensive",
    "Already asked",
    "Moved to a private conversation with a facilitator",
)
MAX_REASON = 200
MUTED_MESSAGE = (
    "A host has paused your posts in this session, so this was not sent. "
    "You can still ask the facilitators for support privately."
)


# ----- reasons -----


def reasons(db: Session) -> list[str]:
    """The admins' list of reasons for hiding, or the defaults until it is set."""
    stored = list(
        db.scalars(
            select(ModerationReason.label).order_by(
                ModerationReason.position, ModerationReason.id
            )
        )
    )
    return stored or list(DEFAULT_REASONS)


def list_reasons(db: Session) -> list[ModerationReason]:
    seed_reasons(db)
    return list(
        db.scalars(
            select(ModerationReason).order_by(
                ModerationReason.position, ModerationReason.id
            )
        )
    )


def add_reason(db: Session, actor: Actor, label: str) -> ModerationReason:
    """Add a reason hosts may choose. Raises Forbidden, InvalidInput or Conflict."""
    from .safeguarding import require_admin

    require_admin(db, actor)
    seed_reasons(db)
    text = label.strip() if isinstance(label, str) else ""
    if not text or len(text) > MAX_REASON:
        raise InvalidInput(
            f"Give a reason of 1 to {MAX_REASON} characters.", field="label"
        )
    taken = select(ModerationReason.id).where(
        func.lower(ModerationReason.label) == text.lower()
    )
    if db.scalar(taken) is not None:
        raise Conflict("That reason is already listed.")
    last = db.scalar(select(func.max(ModerationReason.position))) or 0
    reason = ModerationReason(label=text, position=last + 1)
    db.add(reason)
    db.flush()
    record(db, actor, "moderation.add_reason", reason, label=text)
    return reason


def remove_reason(db: Session, actor: Actor, reason_id: int) -> None:
    """Take a reason off the list. Raises Forbidden, NotFound or Conflict (last)."""
    from .safeguarding import require_admin

    require_admin(db, actor)
    reason = db.get(ModerationReason, reason_id) if isinstance(reason_id, int) else None
    if reason is None:
        raise NotFound("That reason is not on the list.")
    if db.scalar(select(func.count(ModerationReason.id))) <= 1:
        raise Conflict("Keep at least one reason.")
    record(db, actor, "moderation.remove_reason", reason, label=reason.label)
    db.delete(reason)
    db.flush()


def seed_reasons(db: Session) -> None:
    if db.scalar(select(func.count(ModerationReason.id))) == 0:
        db.add_all(
            ModerationReason(label=label, position=i)
            for i, label in enumerate(DEFAULT_REASONS)
        )
        db.flush()


# ----- muting -----


def device_hash(session_id: int, device_token: str) -> str:
    """A browser's device cookie, hashed per session so sessions cannot be linked."""
    return hashlib.sha256(f"{session_id}:{device_token}".encode()).hexdigest()


def remember_device(db: Session, participant: Participant, device_token: str) -> None:
    """Note which browser a participant uses, for mutes to outlive a lost cookie."""
    if device_token and participant.device_hash is None:
        participant.device_hash = device_hash(participant.session_id, device_token)
        db.flush()


def is_muted(db: Session, participant: Participant) -> bool:
    """Whether a host muted this participant, or anyone on the same browser."""
    same = ParticipantMute.participant_id == participant.id
    if participant.device_hash:
        same = or_(same, ParticipantMute.device_hash == participant.device_hash)
    stmt = select(ParticipantMute.id).where(
        ParticipantMute.session_id == participant.session_id, same
    )
    return db.scalar(stmt.limit(1)) is not None


def check_not_muted(db: Session, participant: Participant) -> None:
    """Raises Forbidden, with a clear message, when the participant is muted."""
    if is_muted(db, participant):
        raise Forbidden(MUTED_MESSAGE)


def author_of(
    db: Session,
    live: LiveSession,
    *,
    question_id: int | None = None,
    response_id: int | None = None,
    alert_id: int | None = None,
) -> Participant:
    """Who wrote a question, an answer or a support request of this session.

    Raises NotFound.
    """
    item = None
    if question_id is not None:
        item = db.get(Question, question_id)
        session_id = item.session_id if item else None
    elif response_id is not None:
        item = db.get(PollResponse, response_id)
        session_id = item.poll.session_id if item else None
    elif alert_id is not None:
        item = db.get(SupportAlert, alert_id)
        session_id = item.session_id if item else None
    if item is None or session_id != live.id or item.participant_id is None:
        raise NotFound("That post is not in this session, or its author has left.")
    return db.get(Participant, item.participant_id)


def mute_participant(
    db: Session, actor: Actor, live: LiveSession, participant: Participant
) -> ParticipantMute:
    """Stop a participant posting in the session; muting twice changes nothing.

    Raises Forbidden (not a host) or NotFound (not in this session).
    """
    require_host(db, actor, live)
    if participant.session_id != live.id:
        raise NotFound("That participant is not in this session.")
    existing = _mute_of(db, participant)
    if existing is not None:
        return existing
    mute = ParticipantMute(
        session_id=live.id,
        participant_id=participant.id,
        device_hash=participant.device_hash,
        muted_by_id=actor.user_id,
    )
    try:
        with db.begin_nested():
            db.add(mute)
    except IntegrityError:
        return _mute_of(db, participant)
    record(db, actor, "participant.mute", mute, session_id=live.id)
    return mute


def unmute_participant(db: Session, actor: Actor, live: LiveSession, mute_id: Any):
    """Let a muted participant post again. Raises Forbidden or NotFound.

    Returns the participant, so that they can be told.
    """
    require_host(db, actor, live)
    mute = db.get(ParticipantMute, mute_id) if isinstance(mute_id, int) else None
    if mute is None or mute.session_id != live.id:
        raise NotFound("That participant is not muted in this session.")
    participant = db.get(Participant, mute.participant_id)
    record(db, actor, "participant.unmute", mute, session_id=live.id)
    db.delete(mute)
    db.flush()
    return participant


def list_mutes(db: Session, session_id: int) -> list[ParticipantMute]:
    stmt = select(ParticipantMute).where(ParticipantMute.session_id == session_id)
    return list(db.scalars(stmt.order_by(ParticipantMute.id)))


def mute_payload(db: Session, mute: ParticipantMute) -> dict[str, Any]:
    """For hosts: the pseudonym (never a chosen name) and when."""
    participant = db.get(Participant, mute.participant_id)
    return {
        "id": mute.id,
        "pseudonym": participant.pseudonym if participant else "",
        "created_at": mute.created_at.isoformat(timespec="milliseconds") + "Z",
    }


def _mute_of(db: Session, participant: Participant) -> ParticipantMute | None:
    return db.scalar(
        select(ParticipantMute).where(
            ParticipantMute.session_id == participant.session_id,
            ParticipantMute.participant_id == participant.id,
        )
    )


# ----- the moderation log -----

_ACTIONS = {
    "question.approve": "Question approved",
    "question.edit": "Question edited",
    "question.hide": "Question hidden",
    "question.answer": "Question marked answered",
    "question.pin": "Question pinned",
    "question.unpin": "Question unpinned",
    "question.reply": "Reply to a question written",
    "question.close": "Question closed",
    "question.reopen": "Question reopened",
    "question.held": "Question held for care",
    "question.erased": "Question deleted by its author",
    "response.approve": "Answer shown",
    "response.hide": "Answer hidden",
    "response.held": "Answer held for care",
    "comment.held": "Comment held for care",
    "response.erased": "Answer deleted by its author",
    "participant.mute": "Participant muted",
    "participant.unmute": "Participant unmuted",
    "support.reply": "Private reply to a support request",
    "session.questions_open": "Questions opened",
    "session.questions_close": "Questions closed",
    "poll.reveal": "Poll results revealed",
}
_ITEMS = {
    "questions": "question",
    "poll_responses": "answer",
    "story_comments": "comment",
    "participant_mutes": "a participant",
    "support_alerts": "support request",
    "polls": "poll",
    "live_sessions": "session",
}
HELD_REASON = "Matched the crisis word list"


@dataclass(frozen=True)
class LogRow:
    """One moderation action: who (staff or automatic), what, when, why."""

    at: datetime
    who: str
    what: str
    item: str
    why: str


def moderation_log(db: Session, actor: Actor, session_id: int) -> list[LogRow]:
    """A session's moderation actions, oldest first, naming no participant.

    Raises Forbidden (not staff) or NotFound (no such session).
    """
    staff_user(db, actor)
    live = get_session(db, session_id)
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.session_id == live.id, AuditEntry.action.in_(list(_ACTIONS)))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [_row(entry) for entry in db.scalars(stmt)]


def _row(entry: AuditEntry) -> LogRow:
    kind, _, label = entry.actor_label.partition(":")
    who = {"system": "Automatic check", "participant": "The author"}.get(kind, label)
    item = _ITEMS.get(entry.target_type, entry.target_type)
    if entry.target_id is not None and entry.target_type != "participant_mutes":
        item = f"{item} {entry.target_id}"
    why = str(entry.details.get("reason") or "")
    if entry.action.endswith(".held"):
        why = HELD_REASON
    return LogRow(entry.at, who, _ACTIONS[entry.action], item, why)
