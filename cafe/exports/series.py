"""A series of events side by side: the same figures, one column per event.

Every figure is taken as it appears in that event's own summary. A total across
events is shown only when every figure it adds up is shown, so the series view
reveals nothing that the event summaries do not.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from ..models import Event, PollKind, Series
from . import method as method_notes
from .facts import SeriesFacts, load_series
from .poll_tables import PollFigures
from .question_tables import STATUS_LABELS
from .summary import EventFigures, Options, event_figures
from .suppression import Mark
from .tables import Column, Section, Summary, Table, Value, count_cell
from .you_said_tables import COLUMNS as YOU_SAID_COLUMNS
from .you_said_tables import you_said_rows

TOP_QUESTIONS = 5
REPEATABLE = (PollKind.SINGLE, PollKind.MULTIPLE, PollKind.RATING, PollKind.RANKING)


def series_summary(
    db: Session, series: Series, events: Sequence[Event], options: Options
) -> Summary:
    """The summary of the given events of a series, read from the database."""
    return build_series_summary(load_series(db, series, events), options)


def build_series_summary(series: SeriesFacts, options: Options) -> Summary:
    figures = [event_figures(event, options) for event in series.events]
    names = [_name(f) for f in figures]
    k = options.k
    sections = [
        Section("events", "Events", tables=[_events_table(figures, names, k)]),
        Section(
            "participation",
            "Participation",
            tables=[_roles_table(figures, names, options)],
        ),
        Section(
            "polls",
            "Polls asked at more than one event",
            tables=_repeated_polls(figures, names, k),
        ),
        Section(
            "questions",
            "Top questions at each event",
            tables=[_top_questions(figures, names, k)],
        ),
        Section(
            "you_said_we_did", "You said, we did", tables=[_you_said(figures, names)]
        ),
    ]
    scope: list[list[Value]] = [
        ["Series", series.title],
        ["Events", "\n".join(names) or "None yet"],
    ]
    return Summary(
        scope="series",
        title=f"{series.title}: summary across events",
        subtitle=f"{len(figures)} events",
        generated_at=options.now,
        k=k,
        suppression_rule=method_notes.rule(k),
        method=method_notes.method_table(scope, k, options.now),
        sections=sections,
    )


def _name(figures: EventFigures) -> str:
    return f"{figures.event.title} ({figures.event.starts_at:%Y-%m-%d})"


def _sum_if_all_shown(cells: Sequence[tuple[int, Mark]], k: int) -> Value:
    if all(mark == Mark.SHOWN for _, mark in cells):
        return sum(n for n, _ in cells)
    return count_cell(0, Mark.SECONDARY, k)


def _events_table(
    figures: Sequence[EventFigures], names: Sequence[str], k: int
) -> Table:
    rows: list[list[Value]] = []
    for f, name in zip(figures, names, strict=True):
        public = [q for s in f.sessions for q in s.questions if q.public]
        rows.append(
            [
                name,
                f.event.status.value.capitalize(),
                len(f.sessions),
                count_cell(f.total.total, f.total.total_mark, k),
                len(public),
                sum(q.status.value == "answered" for q in public),
                len(f.polls),
            ]
        )
    people = _sum_if_all_shown(
        [(f.total.total, f.total.total_mark) for f in figures], k
    )
    rows.append(
        ["All events", None, sum(r[2] for r in rows), people]
        + [sum(r[i] for r in rows) for i in (4, 5, 6)]
    )
    return Table(
        "events",
        "Events side by side",
        [
            Column("event", "Event"),
            Column("status", "Status"),
            Column("sessions", "Sessions", "number"),
            Column(
                "people",
                "People who joined",
                "count",
                "Counted once per session joined.",
            ),
            Column("questions", "Questions published", "number"),
            Column("answered", "Answered", "number"),
            Column("polls", "Polls", "number"),
        ],
        rows,
    )


def _roles_table(
    figures: Sequence[EventFigures], names: Sequence[str], options: Options
) -> Table:
    k = options.k
    keys = options.roles.ordered(key for f in figures for key in f.total.roles)
    rows: list[list[Value]] = []
    for key in keys:
        cells = [f.total.roles.get(key, (0, Mark.SHOWN)) for f in figures]
        if all(mark == Mark.ABSENT for _, mark in cells) and cells:
            continue
        rows.append(
            [options.roles.label(key)]
            + [count_cell(n, mark, k) for n, mark in cells]
            + [_sum_if_all_shown(cells, k)]
        )
    return Table(
        "participation_by_role",
        "Participation by self-declared role, event by event",
        _event_columns(names, "count", "People who joined with that role."),
        rows,
    )


def _event_columns(names: Sequence[str], kind: str, meaning: str) -> list[Column]:
    columns = [Column("row", "")]
    columns += [
        Column(f"event_{i}", name, kind, meaning) for i, name in enumerate(names, 1)
    ]
    return columns + [Column("all_events", "All events", kind)]


def _poll_key(poll: PollFigures) -> tuple:
    p = poll.poll
    return (p.kind, " ".join(p.question.casefold().split()), tuple(poll.labels))


def _repeated_polls(
    figures: Sequence[EventFigures], names: Sequence[str], k: int
) -> list[Table]:
    by_key: dict[tuple, dict[int, PollFigures]] = {}
    for i, f in enumerate(figures):
        for _, poll in f.polls:
            if poll.poll.kind in REPEATABLE and poll.enough:
                by_key.setdefault(_poll_key(poll), {}).setdefault(i, poll)
    tables = []
    for number, polls in enumerate((p for p in by_key.values() if len(p) > 1), 1):
        tables.append(_repeated_table(number, polls, names, k))
    return tables


def _repeated_table(number: int, polls: dict[int, PollFigures], names, k: int) -> Table:
    first = next(iter(polls.values()))
    columns = [Column("option", "Option")]
    for i in polls:
        columns.append(
            Column(f"event_{i + 1}", names[i], "count", "As in that event's summary.")
        )
    rows: list[list[Value]] = []
    for r, label in enumerate(first.labels):
        rows.append(
            [label] + [count_cell(p.counts[r], p.marks[r], k) for p in polls.values()]
        )
    rows.append(
        ["People who answered"] + [count_cell(p.n, p.n_mark, k) for p in polls.values()]
    )
    what = "Borda points" if first.poll.kind == PollKind.RANKING else "People"
    return Table(
        f"repeated_poll_{number}",
        f"{first.poll.question} ({what})",
        columns,
        rows,
    )


def _top_questions(
    figures: Sequence[EventFigures], names: Sequence[str], k: int
) -> Table:
    rows: list[list[Value]] = []
    for f, name in zip(figures, names, strict=True):
        public = [q for s in f.sessions for q in s.questions if q.public]
        public.sort(key=lambda q: (-q.upvotes, q.created_at, q.id))
        for q in public[:TOP_QUESTIONS]:
            mark = Mark.SMALL if q.upvotes < k else Mark.SHOWN
            rows.append(
                [name, q.body, count_cell(q.upvotes, mark, k), STATUS_LABELS[q.status]]
            )
    return Table(
        "top_questions",
        f"The {TOP_QUESTIONS} most upvoted questions at each event",
        [
            Column("event", "Event"),
            Column("question", "Question"),
            Column("upvotes", "Upvotes", "count"),
            Column("status", "Status"),
        ],
        rows,
    )


def _you_said(figures: Sequence[EventFigures], names: Sequence[str]) -> Table:
    rows: list[list[Value]] = []
    for f, name in zip(figures, names, strict=True):
        rows += [[name, *row] for row in you_said_rows(f.event.you_said)]
    return Table(
        "you_said_we_did",
        "You said, we did",
        [Column("event", "Event"), *YOU_SAID_COLUMNS],
        rows,
    )
