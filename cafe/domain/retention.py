"""Retention: after an event's retention period, free text and people go.

An event's period runs from when it closed (or, if nobody closed it, from when it
ended) for its retention_days (90 by default). After it, questions and text
answers lose their words, participants are reduced to the self-declared role
that summaries count by, and support requests, mutes, receipts and story
comments are deleted. Every count a summary shows stays the same. Questions a
"you said, we did" response answers keep their published (redacted) words, and
published stories keep only their hosts' posts.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..models import (
    AuditEntry,
    Event,
    LiveSession,
    Participant,
    ParticipantMute,
    Poll,
    PollResponse,
    Question,
    Receipt,
    StoryComment,
    StoryItem,
    StoryPost,
    SupportAlert,
    YouSaidQuestion,
    YouSaidWeDid,
)
from .actors import Actor
from .audit import record
from .errors import InvalidInput, NotFound

# Audit details that may quote what a participant wrote.
FREE_TEXT_DETAILS = ("original", "body", "reply", "message")


@dataclass
class PurgePlan:
    """What one event's purge removes (or removed): numbers of rows."""

    event_id: int
    title: str
    due_since: datetime
    questions: int = 0
    answers: int = 0
    participants: int = 0
    support_requests: int = 0
    mutes: int = 0
    receipts: int = 0
    story_comments: int = 0
    story_items: int = 0
    log_entries: int = 0

    @property
    def counts(self) -> dict[str, int]:
        skip = {"event_id", "title", "due_since"}
        return {
            f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip
        }

    @property
    def empty(self) -> bool:
        return not any(self.counts.values())


def due_since(event: Event) -> datetime:
    """When the event's retention period ends."""
    closes = event.closed_at or event.ends_at
    return closes + timedelta(days=event.retention_days)


def plan_purge(db: Session, now: datetime) -> list[PurgePlan]:
    """What purge(now) would remove, changing nothing (a dry run)."""
    plans = [_work(db, event, now, apply=False) for event in _due(db, now)]
    return [plan for plan in plans if not plan.empty]


def purge(db: Session, now: datetime) -> list[PurgePlan]:
    """Remove free text and personal data of every event past its retention.

    Safe to run again: an event with nothing left to remove is skipped.
    """
    done = []
    for event in _due(db, now):
        plan = _work(db, event, now, apply=True)
        event.purged_at = now
        if not plan.empty:
            record(db, Actor.system(), "retention.purge", event, **plan.counts)
            done.append(plan)
    db.flush()
    return done


def _due(db: Session, now: datetime) -> list[Event]:
    events = db.scalars(select(Event).order_by(Event.id))
    return [event for event in events if due_since(event) <= now]


def _work(db: Session, event: Event, now: datetime, *, apply: bool) -> PurgePlan:
    plan = PurgePlan(event.id, event.title, due_since(event))
    session_ids = list(
        db.scalars(select(LiveSession.id).where(LiveSession.event_id == event.id))
    )
    if session_ids:
        _questions(db, event, session_ids, plan, apply)
        _answers(db, session_ids, plan, apply)
        _people(db, session_ids, plan, apply)
        _story(db, session_ids, plan, apply)
        _log(db, session_ids, plan, apply)
    return plan


def _questions(db, event, session_ids, plan: PurgePlan, apply: bool) -> None:
    answered = set(
        db.scalars(
            select(YouSaidQuestion.question_id)
            .join(YouSaidWeDid, YouSaidWeDid.id == YouSaidQuestion.response_id)
            .where(YouSaidWeDid.event_id == event.id)
        )
    )
    stmt = select(Question).where(
        Question.session_id.in_(session_ids),
        or_(
            Question.body != "",
            Question.original_body.is_not(None),
            Question.reply.is_not(None),
        ),
    )
    for question in db.scalars(stmt):
        kept = question.id in answered
        if kept and question.original_body is None:
            continue
        plan.questions += 1
        if apply:
            question.original_body = None
            if not kept:
                question.body, question.reply = "", None


def _answers(db, session_ids, plan: PurgePlan, apply: bool) -> None:
    stmt = (
        select(PollResponse)
        .join(Poll, Poll.id == PollResponse.poll_id)
        .where(
            Poll.session_id.in_(session_ids),
            or_(
                PollResponse.text.is_not(None), PollResponse.original_text.is_not(None)
            ),
        )
    )
    for response in db.scalars(stmt):
        plan.answers += 1
        if apply:
            response.text = response.original_text = None


def _people(db, session_ids, plan: PurgePlan, apply: bool) -> None:
    people = list(
        db.scalars(
            select(Participant).where(
                Participant.session_id.in_(session_ids), Participant.pseudonym != ""
            )
        )
    )
    plan.participants = len(people)
    if apply:
        for participant in people:
            _anonymise(participant)
    ids = select(Participant.id).where(Participant.session_id.in_(session_ids))
    plan.receipts = _delete(
        db, select(Receipt).where(Receipt.participant_id.in_(ids)), apply
    )
    plan.support_requests = _delete(
        db, select(SupportAlert).where(SupportAlert.session_id.in_(session_ids)), apply
    )
    plan.mutes = _delete(
        db,
        select(ParticipantMute).where(ParticipantMute.session_id.in_(session_ids)),
        apply,
    )


def _anonymise(participant: Participant) -> None:
    """Keep only what summaries count by: the session and the declared role."""
    participant.pseudonym = ""
    participant.display_name = None
    participant.device_hash = None
    participant.last_seen_at = participant.created_at
    # The token dies with a hash nobody holds the secret of.
    participant.token_hash = hashlib.sha256(secrets.token_bytes(32)).hexdigest()


def _story(db, session_ids, plan: PurgePlan, apply: bool) -> None:
    posts = select(StoryPost.id).where(StoryPost.session_id.in_(session_ids))
    plan.story_comments = _delete(
        db, select(StoryComment).where(StoryComment.post_id.in_(posts)), apply
    )
    asked = select(Question.id).where(Question.session_id.in_(session_ids))
    plan.story_items = _delete(
        db, select(StoryItem).where(StoryItem.question_id.in_(asked)), apply
    )


def _log(db, session_ids, plan: PurgePlan, apply: bool) -> None:
    entries = db.scalars(
        select(AuditEntry).where(AuditEntry.session_id.in_(session_ids))
    )
    for entry in entries:
        details = entry.details or {}
        if any(key in details for key in FREE_TEXT_DETAILS):
            plan.log_entries += 1
            if apply:
                entry.details = {
                    k: v for k, v in details.items() if k not in FREE_TEXT_DETAILS
                }


def _delete(db: Session, stmt, apply: bool) -> int:
    rows = list(db.scalars(stmt))
    if apply:
        for row in rows:
            db.delete(row)
    return len(rows)


MAX_RETENTION_DAYS = 3650


def set_retention_days(db: Session, actor: Actor, event_id: int, days: Any) -> Event:
    """Change how long an event's free text and participants are kept.

    Raises Forbidden (not an admin), NotFound or InvalidInput (not 1 to 3650).
    """
    from .safeguarding import require_admin

    require_admin(db, actor)
    event = db.get(Event, event_id)
    if event is None:
        raise NotFound("That event does not exist.")
    if not isinstance(days, int) or isinstance(days, bool):
        raise InvalidInput("Enter a number of days.", field="retention_days")
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise InvalidInput(
            f"Keep data for 1 to {MAX_RETENTION_DAYS} days.", field="retention_days"
        )
    event.retention_days = days
    db.flush()
    record(db, actor, "event.retention", event, retention_days=days)
    return event


def list_retention(db: Session, now: datetime) -> list[tuple[Event, datetime]]:
    """Every event not yet purged with when its retention ends, soonest first."""
    events = db.scalars(select(Event).where(Event.purged_at.is_(None)))
    return sorted(((e, due_since(e)) for e in events), key=lambda pair: pair[1])
