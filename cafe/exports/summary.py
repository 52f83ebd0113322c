"""Build the summary of a session or an event: plain tables, small counts protected.

The builders are pure: they take facts read from the database (facts.py) and
return a Summary; encoders turn that into files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from ..models import Event, LiveSession, utcnow
from . import method as method_notes
from .facts import EventFacts, SessionFacts, load_event
from .groups import RoleLabels
from .moderation_tables import (
    Counts,
    event_moderation,
    moderation_table,
    session_moderation,
)
from .participation_tables import (
    Participation,
    event_participation,
    overview_table,
    roles_table,
    session_participation,
    sessions_table,
)
from .poll_roles import role_tables
from .poll_tables import PollFigures, poll_figures
from .question_tables import question_status_table, questions_table
from .suppression import Mark
from .tables import Column, Section, Summary, Table, Value, count_cell
from .you_said_tables import you_said_table

DEFAULT_K = 5


@dataclass(frozen=True)
class Options:
    """How to build a summary: the threshold k, role labels and the time."""

    k: int = DEFAULT_K
    roles: RoleLabels = field(default_factory=lambda: RoleLabels(()))
    now: datetime = field(default_factory=utcnow)


@dataclass
class EventFigures:
    """Protected figures of an event's sessions, shared by event and series views."""

    event: EventFacts
    sessions: list[SessionFacts]
    participation: list[Participation]
    joined: list[tuple[SessionFacts, Participation]]  # sessions someone joined
    total: Participation
    moderation: list[Counts]
    event_moderation: Counts
    polls: list[tuple[SessionFacts, PollFigures]]


def event_figures(event: EventFacts, options: Options) -> EventFigures:
    k, labels = options.k, options.roles
    sessions = list(event.sessions)
    parts = [session_participation(s, k, labels) for s in sessions]
    moderation = [session_moderation(s, k) for s in sessions]
    # A session no one joined, or with nothing to moderate, adds nothing; leaving
    # it out keeps its zeros from forcing event totals to be withheld.
    joined = [(s, p) for s, p in zip(sessions, parts, strict=True) if p.total]
    active = [m for m in moderation if any(n for n, _ in m.values())]
    polls = []
    for session in sessions:
        for poll in session.polls:
            figures = poll_figures(poll, len(polls) + 1, k)
            figures.tables += role_tables(figures, k, labels)
            polls.append((session, figures))
    return EventFigures(
        event=event,
        sessions=sessions,
        participation=parts,
        joined=joined,
        total=event_participation([p for _, p in joined], k, labels)
        if joined
        else _nobody(),
        moderation=moderation,
        event_moderation=event_moderation(active, k) if active else {},
        polls=polls,
    )


def _nobody() -> Participation:
    return Participation(roles={}, total=0, total_mark=Mark.SMALL, peak=None)


def session_summary(db: Session, live: LiveSession, options: Options) -> Summary:
    """The summary of one session, read from the database."""
    event = load_event(db, live.event, only_session_id=live.id)
    return build_session_summary(event, options)


def event_summary(db: Session, event: Event, options: Options) -> Summary:
    """The summary of a whole event, read from the database."""
    return build_event_summary(load_event(db, event), options)


def build_session_summary(event: EventFacts, options: Options) -> Summary:
    """A summary of the event's only session (load it with only_session_id)."""
    (session,) = event.sessions
    figures = event_figures(event, options)
    k = options.k
    scope: list[list[Value]] = [
        ["Session", session.title],
        ["Session time", method_notes.when(session.starts_at, session.ends_at)],
        *method_notes.event_scope(event, event.sessions),
    ]
    part = figures.participation[0]
    sections = [
        Section("sessions", "Session", tables=[method_notes.sessions_table([session])]),
        Section(
            "participation",
            "Participation",
            tables=[
                overview_table(part, k, event=False),
                roles_table(part, k, options.roles),
            ],
        ),
        _questions_section([session], k, event=False),
        *_poll_sections(figures, event=False),
        Section(
            "moderation",
            "Moderation",
            tables=[moderation_table(figures.moderation[0], k)],
        ),
        _you_said_section(event, {session.id}),
    ]
    return Summary(
        scope="session",
        title=f"{session.title}: summary",
        subtitle=event.title,
        generated_at=options.now,
        k=k,
        suppression_rule=method_notes.rule(k),
        method=method_notes.method_table(scope, k, options.now),
        sections=sections,
    )


def build_event_summary(event: EventFacts, options: Options) -> Summary:
    figures = event_figures(event, options)
    k = options.k
    sections = [
        Section(
            "sessions",
            "Sessions",
            tables=[method_notes.sessions_table(figures.sessions)],
        ),
        _event_participation_section(figures, options),
        _questions_section(figures.sessions, k, event=True),
        *_poll_sections(figures, event=True),
        Section(
            "moderation",
            "Moderation",
            tables=[moderation_table(figures.event_moderation, k)],
        ),
        _you_said_section(event, None),
    ]
    return Summary(
        scope="event",
        title=f"{event.title}: summary",
        subtitle=method_notes.when(event.starts_at, event.ends_at),
        generated_at=options.now,
        k=k,
        suppression_rule=method_notes.rule(k),
        method=method_notes.method_table(
            method_notes.event_scope(event, figures.sessions), k, options.now
        ),
        sections=sections,
    )


def _event_participation_section(figures: EventFigures, options: Options) -> Section:
    k, total = options.k, figures.total
    tables = [overview_table(total, k, event=True)]
    titles = [s.title for s, _ in figures.joined]
    parts = [p for _, p in figures.joined]
    if figures.joined:
        tables.append(sessions_table(titles, parts, total, k))
        tables.append(roles_table(total, k, options.roles))
    if len(figures.joined) > 1:
        tables.append(_role_grid(titles, parts, total, options))
    return Section("participation", "Participation", tables=tables)


def _role_grid(
    titles: Sequence[str],
    parts: Sequence[Participation],
    total: Participation,
    options: Options,
) -> Table:
    k = options.k
    columns = [Column("role", "Role")]
    columns += [
        Column(f"session_{i}", title, "count", "People who joined that session.")
        for i, title in enumerate(titles, start=1)
    ]
    columns.append(Column("all_sessions", "All sessions", "count"))
    rows: list[list[Value]] = []
    for key, (count, mark) in total.roles.items():
        row: list[Value] = [options.roles.label(key)]
        for part in parts:
            row.append(count_cell(*part.roles.get(key, (0, Mark.SHOWN)), k))
        rows.append([*row, count_cell(count, mark, k)])
    return Table(
        "participation_by_session_and_role",
        "Participation by session and self-declared role",
        columns,
        rows,
    )


def _questions_section(
    sessions: Sequence[SessionFacts], k: int, *, event: bool
) -> Section:
    return Section(
        "questions",
        "Questions",
        tables=[
            question_status_table(sessions),
            questions_table(sessions, k, event=event),
        ],
    )


def _poll_sections(figures: EventFigures, *, event: bool) -> list[Section]:
    sections = []
    for session, poll in figures.polls:
        paragraphs = [f"Asked in the session “{session.title}”."] if event else []
        sections.append(
            Section(
                poll.prefix,
                f"Poll {poll.number}: {poll.poll.question}",
                paragraphs=paragraphs,
                tables=poll.tables,
            )
        )
    return sections


def _you_said_section(event: EventFacts, session_ids: set[int] | None) -> Section:
    responses = [
        r
        for r in event.you_said
        if session_ids is None or any(sid in session_ids for sid, _ in r.questions)
    ]
    return Section(
        "you_said_we_did", "You said, we did", tables=[you_said_table(responses)]
    )
