"""Safeguarding: holding text that signals risk, signposting, and screening text.

Every piece of participant text (question, open-text or word-cloud answer, story
comment) goes through screen_text() before it is stored: a match on the crisis
list holds it privately, and personal data is redacted from what others see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import (
    CrisisTerm,
    PollResponse,
    Question,
    RedactedName,
    SignpostEntry,
    StaffRole,
)
from .actors import Actor
from .audit import record
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .permissions import staff_user
from .profanity import normalise
from .redaction import redact

# Words and phrases that often come with a disclosure of risk. A trailing * takes
# any ending ("overdos*": overdose, overdosed, overdosing). Spaces and hyphens are
# optional where a phrase has them ("self harm" also finds self-harm, selfharm).
DEFAULT_CRISIS_TERMS = (
    "overdos*",
    "over dos*",
    "od",
    "oding",
    "took too much",
    "relapsed",
    "relapsing",
    "using again",
    "suicid*",
    "kill myself",
    "killing myself",
    "end my life",
    "end it all",
    "want to die",
    "wanna die",
    "better off dead",
    "no reason to live",
    "can't go on",
    "self harm*",
    "hurt myself",
    "hurting myself",
    "cutting myself",
    "abused",
    "abusing me",
    "hits me",
    "beats me",
    "raped",
    "not safe at home",
    "scared to go home",
)


@dataclass(frozen=True)
class Signpost:
    """A helpline or service as shown to participants."""

    name: str
    contact: str
    opening_times: str = ""
    description: str = ""
    id: int | None = None


DEFAULT_SIGNPOSTS = (
    Signpost(
        "Emergency services",
        "Call 999",
        "24 hours",
        "If you or someone else is in danger now, or has taken an overdose.",
    ),
    Signpost(
        "Samaritans",
        "Call 116 123 (free)",
        "24 hours, every day",
        "Someone to talk to about anything, in confidence.",
    ),
    Signpost(
        "Shout",
        "Text SHOUT to 85258",
        "24 hours, every day",
        "A free, confidential text service for anyone struggling to cope.",
    ),
    Signpost(
        "NHS 111",
        "Call 111 and choose the mental health option",
        "24 hours, every day",
        "Urgent help for your physical or mental health.",
    ),
    Signpost(
        "FRANK",
        "Call 0300 123 6600 or text 82111",
        "24 hours, every day",
        "Honest, confidential information and advice about drugs.",
    ),
    Signpost(
        "National Domestic Abuse Helpline",
        "Call 0808 2000 247 (free)",
        "24 hours, every day",
        "Free, confidential support if you are being hurt or controlled.",
    ),
)

MAX_TERM = 120
MAX_NAME = 120
MAX_SIGNPOST = {"name": 120, "contact": 200, "opening_times": 200, "description": 300}


class CrisisMatcher:
    """Finds listed terms as whole words, in any case, accents or look-alikes."""

    def __init__(self, terms: Iterable[str]) -> None:
        patterns = sorted({p for p in map(_term_pattern, terms) if p})
        self._regex = (
            re.compile(r"(?<![a-z])(?:" + "|".join(patterns) + r")(?![a-z])")
            if patterns
            else None
        )

    def matches(self, text: str) -> bool:
        """Whether the text contains one of the terms."""
        if self._regex is None or not text:
            return False
        return self._regex.search(normalise(text)) is not None


def _term_pattern(term: str) -> str:
    """Letters as written; any non-letters (or none) where the term has them."""
    text = term.strip()
    any_ending = text.endswith("*")
    words = re.findall(r"[a-z]+", normalise(text.rstrip("*")))
    if not words:
        return ""
    pattern = "[^a-z]*".join(re.escape(word) for word in words)
    return pattern + "[a-z]*" if any_ending else pattern


@dataclass(frozen=True)
class Screening:
    """What became of a piece of participant text.

    held: it matched the crisis list, so it must stay private to hosts and its
    author must be signposted. shown: the text others may see (redacted).
    """

    original: str
    shown: str
    held: bool

    @property
    def redacted(self) -> bool:
        return self.shown != self.original

    @property
    def original_if_redacted(self) -> str | None:
        """What to keep for hosts next to the shown text: None when identical."""
        return self.original if self.redacted else None


def screen(text: str, matcher: CrisisMatcher, names: Iterable[str]) -> Screening:
    """Screen text against a matcher and a list of names (pure)."""
    return Screening(text, redact(text, names), matcher.matches(text))


def screen_text(db: Session, text: str) -> Screening:
    """Screen participant text with the current crisis list and redacted names."""
    return screen(text, crisis_matcher(db), redacted_names(db))


# ----- the crisis list -----


def crisis_terms(db: Session) -> list[str]:
    """The admins' list, or the defaults while it has never been set up."""
    stored = list(db.scalars(select(CrisisTerm.phrase).order_by(CrisisTerm.phrase)))
    return stored or list(DEFAULT_CRISIS_TERMS)


def crisis_matcher(db: Session) -> CrisisMatcher:
    return _matcher(tuple(crisis_terms(db)))


@lru_cache(maxsize=8)
def _matcher(terms: tuple[str, ...]) -> CrisisMatcher:
    return CrisisMatcher(terms)


def list_crisis_terms(db: Session) -> list[CrisisTerm]:
    seed_defaults(db)
    return list(db.scalars(select(CrisisTerm).order_by(CrisisTerm.phrase)))


def add_crisis_term(db: Session, actor: Actor, phrase: str) -> CrisisTerm:
    """Add a word or phrase to the crisis list.

    Raises Forbidden (not an admin), InvalidInput (empty, too long, no letters)
    or Conflict (already listed).
    """
    require_admin(db, actor)
    seed_defaults(db)
    text = _clean(phrase, "phrase", "The word or phrase", MAX_TERM)
    if not _term_pattern(text):
        raise InvalidInput("A term needs at least one letter.", field="phrase")
    _refuse_duplicate(db, CrisisTerm.phrase, text, "That term is already listed.")
    term = CrisisTerm(phrase=text)
    db.add(term)
    db.flush()
    record(db, actor, "safeguarding.add_term", term, phrase=text)
    return term


def remove_crisis_term(db: Session, actor: Actor, term_id: int) -> None:
    """Take a term off the list. Raises Forbidden, NotFound or Conflict (the last)."""
    require_admin(db, actor)
    term = _get(db, CrisisTerm, term_id, "That term is not on the list.")
    if db.scalar(select(func.count(CrisisTerm.id))) <= 1:
        raise Conflict("Keep at least one term, or the crisis check stops working.")
    record(db, actor, "safeguarding.remove_term", term, phrase=term.phrase)
    db.delete(term)
    db.flush()


# ----- signposting -----


def signposts(db: Session) -> list[Signpost]:
    """The admins' signposting list, or the defaults while it has never been set."""
    rows = list(
        db.scalars(
            select(SignpostEntry).order_by(SignpostEntry.position, SignpostEntry.id)
        )
    )
    if not rows:
        return list(DEFAULT_SIGNPOSTS)
    return [
        Signpost(r.name, r.contact, r.opening_times, r.description, r.id) for r in rows
    ]


def signpost_payload(entry: Signpost) -> dict[str, str]:
    return {
        "name": entry.name,
        "contact": entry.contact,
        "opening_times": entry.opening_times,
        "description": entry.description,
    }


def add_signpost(db: Session, actor: Actor, entry: Signpost) -> SignpostEntry:
    """Add a helpline or local service at the end of the list.

    Raises Forbidden or InvalidInput (name or contact missing, text too long).
    """
    require_admin(db, actor)
    seed_defaults(db)
    values = _signpost_values(entry)
    last = db.scalar(select(func.max(SignpostEntry.position))) or 0
    row = SignpostEntry(position=last + 1, **values)
    db.add(row)
    db.flush()
    record(db, actor, "safeguarding.add_signpost", row, name=row.name)
    return row


def update_signpost(
    db: Session, actor: Actor, entry_id: int, entry: Signpost
) -> SignpostEntry:
    """Change a signposting entry. Raises Forbidden, NotFound or InvalidInput."""
    require_admin(db, actor)
    row = _get(db, SignpostEntry, entry_id, "That service is not on the list.")
    for name, value in _signpost_values(entry).items():
        setattr(row, name, value)
    db.flush()
    record(db, actor, "safeguarding.update_signpost", row, name=row.name)
    return row


def remove_signpost(db: Session, actor: Actor, entry_id: int) -> None:
    """Remove an entry. Raises Forbidden, NotFound or Conflict (the last one)."""
    require_admin(db, actor)
    row = _get(db, SignpostEntry, entry_id, "That service is not on the list.")
    if db.scalar(select(func.count(SignpostEntry.id))) <= 1:
        raise Conflict("Keep at least one place people can turn to.")
    record(db, actor, "safeguarding.remove_signpost", row, name=row.name)
    db.delete(row)
    db.flush()


def _signpost_values(entry: Signpost) -> dict[str, str]:
    labels = {
        "name": "The name",
        "contact": "The contact details",
        "opening_times": "The opening times",
        "description": "The description",
    }
    return {
        field: _clean(
            getattr(entry, field),
            field,
            label,
            MAX_SIGNPOST[field],
            required=field in ("name", "contact"),
        )
        for field, label in labels.items()
    }


# ----- names that must never be shown -----


def redacted_names(db: Session) -> tuple[str, ...]:
    return tuple(db.scalars(select(RedactedName.name).order_by(RedactedName.name)))


def list_redacted_names(db: Session) -> list[RedactedName]:
    return list(db.scalars(select(RedactedName).order_by(RedactedName.name)))


def add_redacted_name(db: Session, actor: Actor, name: str) -> RedactedName:
    """List a name to redact. Raises Forbidden, InvalidInput or Conflict."""
    require_admin(db, actor)
    text = " ".join(_clean(name, "name", "The name", MAX_NAME).split())
    _refuse_duplicate(db, RedactedName.name, text, "That name is already listed.")
    row = RedactedName(name=text)
    db.add(row)
    db.flush()
    # The log says a name was added, never which: it must not be shown anywhere.
    record(db, actor, "safeguarding.add_name", row)
    reapply_redaction(db)
    return row


def remove_redacted_name(db: Session, actor: Actor, name_id: int) -> None:
    """Stop redacting a name. Raises Forbidden or NotFound."""
    require_admin(db, actor)
    row = _get(db, RedactedName, name_id, "That name is not on the list.")
    record(db, actor, "safeguarding.remove_name", row)
    db.delete(row)
    db.flush()
    reapply_redaction(db)


def reapply_redaction(db: Session) -> int:
    """Redact every stored question and text answer again with today's names.

    Returns how many changed. Text already removed by retention stays removed.
    """
    names = redacted_names(db)
    changed = 0
    for question in db.scalars(select(Question).where(Question.body != "")):
        original = question.original_body or question.body
        shown = redact(original, names)
        if shown != question.body:
            question.body, changed = shown, changed + 1
        question.original_body = original if shown != original else None
    rows = select(PollResponse).where(PollResponse.text.is_not(None))
    for response in db.scalars(rows):
        original = response.original_text or response.text
        shown = redact(original, names)
        if shown != response.text:
            response.text, changed = shown, changed + 1
        response.original_text = original if shown != original else None
    db.flush()
    return changed


# ----- shared -----


def seed_defaults(db: Session) -> None:
    """Store the default crisis list, signposts and moderation reasons in tables
    that were never set up, so admins can edit them."""
    from .moderation import seed_reasons

    if db.scalar(select(func.count(CrisisTerm.id))) == 0:
        db.add_all(CrisisTerm(phrase=p) for p in DEFAULT_CRISIS_TERMS)
    if db.scalar(select(func.count(SignpostEntry.id))) == 0:
        db.add_all(
            SignpostEntry(
                name=s.name,
                contact=s.contact,
                opening_times=s.opening_times,
                description=s.description,
                position=i,
            )
            for i, s in enumerate(DEFAULT_SIGNPOSTS)
        )
    seed_reasons(db)
    db.flush()


def require_admin(db: Session, actor: Actor) -> None:
    """Only an active admin. Raises Forbidden otherwise."""
    if staff_user(db, actor).role != StaffRole.ADMIN:
        raise Forbidden("Only admins can change this list.")


def _clean(value, field: str, label: str, limit: int, *, required=True) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{label} must be text.", field=field)
    text = value.strip()
    if required and not text:
        raise InvalidInput(f"{label} cannot be empty.", field=field)
    if len(text) > limit:
        raise InvalidInput(f"Keep it to {limit} characters or fewer.", field=field)
    return text


def _refuse_duplicate(db: Session, column, text: str, message: str) -> None:
    if db.scalar(select(column).where(func.lower(column) == text.lower())):
        raise Conflict(message)


def _get(db: Session, model, row_id, message: str):
    row = db.get(model, row_id) if isinstance(row_id, int) else None
    if row is None:
        raise NotFound(message)
    return row
