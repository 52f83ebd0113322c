"""What safeguarding changes send, and to whom: alerts to staff alone, the rest
to the one participant concerned. Queued on a context's or outbox's emit()."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import moderation, support
from ..models import Participant, PollResponse, Question, StoryComment, SupportAlert
from . import rooms


def alert(out, db: Session, found: SupportAlert) -> None:
    """Staff see the alert with its pseudonym; its author sees their own copy."""
    out.emit(
        "support_updated",
        {"alert": support.alert_payload(db, found, for_host=True)},
        rooms.staff(found.session_id),
    )
    out.emit(
        "my_support_updated",
        {"alert": support.alert_payload(db, found, for_host=False)},
        rooms.participant(found.participant_id),
    )


def held(
    out,
    db: Session,
    *,
    question: Question | None = None,
    response: PollResponse | None = None,
    comment: StoryComment | None = None,
) -> None:
    """Send the alert a held question, answer or comment raised (the newest)."""
    stmt = select(SupportAlert)
    if question is not None:
        stmt = stmt.where(SupportAlert.question_id == question.id)
    elif response is not None:
        stmt = stmt.where(SupportAlert.response_id == response.id)
    else:
        stmt = stmt.where(SupportAlert.comment_id == comment.id)
    found = db.scalar(stmt.order_by(SupportAlert.id.desc()).limit(1))
    if found is not None:
        alert(out, db, found)


def mutes(out, db: Session, session_id: int, participant_id: int) -> None:
    """Hosts get the session's mutes; the participant learns whether they may post."""
    out.emit(
        "mutes_updated",
        {
            "mutes": [
                moderation.mute_payload(db, m)
                for m in moderation.list_mutes(db, session_id)
            ]
        },
        rooms.hosts(session_id),
    )
    participant = db.get(Participant, participant_id)
    muted = participant is not None and moderation.is_muted(db, participant)
    out.emit("my_mute_updated", {"muted": muted}, rooms.participant(participant_id))


class Notices(list):
    """Messages kept until the transaction commits, for code without an outbox."""

    def emit(self, event: str, data: dict, to: str) -> None:
        self.append((event, data, to))


def held_answers(db: Session, results: list) -> Notices:
    """The alerts raised by answers held for care in a batch of votes."""
    notices = Notices()
    for result in results:
        if isinstance(result, PollResponse) and result.needs_care:
            held(notices, db, response=result)
    return notices
