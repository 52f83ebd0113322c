"""Who took part: people who joined, the most connected at once, and their roles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .facts import SessionFacts
from .groups import RoleLabels
from .suppression import CannotProtect, Mark, extend, protect, protect_list
from .tables import Chart, Column, Table, Value, count_cell, percent_cell

NOT_RECORDED = "Not recorded"
WITHHELD_NOTE = (
    "Counts left blank are not shown: with the other figures they would reveal "
    "a small number."
)
ROLE_COLUMNS = [
    Column("role", "Role", description="The role people chose for themselves."),
    Column("people", "People", "count", "People who joined with that role."),
    Column("percent", "% of people", "percent", "Share of everyone who joined."),
]


@dataclass(frozen=True)
class Participation:
    """The protected figures of one session (or of a whole event)."""

    roles: dict[str | None, tuple[int, Mark]]
    total: int
    total_mark: Mark
    peak: int | None


def session_participation(
    facts: SessionFacts, k: int, labels: RoleLabels
) -> Participation:
    keys = labels.ordered(facts.roles)
    counts = [facts.roles.count(key) for key in keys]
    marks = protect_list(counts, k)
    return Participation(
        roles=dict(zip(keys, zip(counts, marks.items, strict=True), strict=True)),
        total=len(facts.roles),
        total_mark=marks.total,
        peak=facts.peak_connected,
    )


def event_participation(
    parts: Sequence[Participation], k: int, labels: RoleLabels
) -> Participation:
    """Add sessions up, withholding any total that would reveal a session's count.

    Pass only sessions someone joined: each is then known to have at least one
    person, which the protection takes into account. The whole grid of roles
    by sessions is protected at once, with each session's figures fixed as its
    own summary shows them: a session's role counts bound its total more
    tightly than "at least k" does.
    """
    keys = labels.ordered(key for p in parts for key in p.roles)
    cells = [[p.roles.get(key, (0, Mark.SHOWN))[0] for p in parts] for key in keys]
    grid = extend(cells)
    fixed = {
        (r, c): p.roles.get(key, (0, Mark.SHOWN))[1]
        for r, key in enumerate(keys)
        for c, p in enumerate(parts)
    }
    fixed.update({(len(keys), c): p.total_mark for c, p in enumerate(parts)})
    shown = [[True] * len(grid[0]) for _ in grid]
    floors = {(len(keys), c): 1 for c in range(len(parts))}
    try:
        marks = protect(grid, k, shown=shown, fixed=fixed, floors=floors)
    except CannotProtect:
        # Leave event-wide figures out: the sessions' own figures still stand.
        marks = [[Mark.ABSENT] * len(grid[0]) for _ in grid]
    peaks = [p.peak for p in parts if p.peak is not None]
    return Participation(
        roles={key: (grid[r][-1], marks[r][-1]) for r, key in enumerate(keys)},
        total=grid[-1][-1],
        total_mark=marks[-1][-1],
        peak=max(peaks) if peaks else None,
    )


def overview_table(part: Participation, k: int, *, event: bool) -> Table:
    joined = "People who joined" + (" (a session at a time)" if event else "")
    peak: Value = NOT_RECORDED
    if part.peak is not None:
        peak = count_cell(part.peak, Mark.SMALL if part.peak < k else Mark.SHOWN, k)
    return Table(
        "participation",
        "Participation",
        [
            Column("measure", "Measure"),
            Column("value", "Value", "count", "A count of people."),
        ],
        [
            [joined, count_cell(part.total, part.total_mark, k)],
            ["Most connected at once", peak],
        ],
    )


def roles_table(part: Participation, k: int, labels: RoleLabels) -> Table:
    total = count_cell(part.total, part.total_mark, k)
    rows = []
    for key, (count, mark) in part.roles.items():
        cell = count_cell(count, mark, k)
        rows.append(
            [labels.label(key), cell, percent_cell(cell, total, count, part.total, k)]
        )
    everyone = 100 if part.total and part.total_mark == Mark.SHOWN else None
    rows.append(["All who joined", total, everyone])
    notes = []
    if any(mark == Mark.ABSENT for _, mark in part.roles.values()):
        notes.append(WITHHELD_NOTE)
    return Table(
        "participation_by_role",
        "Participation by self-declared role",
        ROLE_COLUMNS,
        rows,
        notes=notes,
        chart=Chart("role", "people", exclude_last=True),
    )


def sessions_table(
    titles: Sequence[str], parts: Sequence[Participation], event: Participation, k: int
) -> Table:
    rows: list[list[Value]] = []
    for title, part in zip(titles, parts, strict=True):
        peak: Value = NOT_RECORDED
        if part.peak is not None:
            peak = count_cell(part.peak, Mark.SMALL if part.peak < k else Mark.SHOWN, k)
        rows.append([title, count_cell(part.total, part.total_mark, k), peak])
    rows.append(["All sessions", count_cell(event.total, event.total_mark, k), None])
    return Table(
        "participation_by_session",
        "Participation by session",
        [
            Column("session", "Session"),
            Column("people", "People who joined", "count"),
            Column("peak", "Most connected at once", "count"),
        ],
        rows,
        notes=[
            "Someone who joined two sessions is counted in each: joining is "
            "anonymous, so the same person cannot be recognised across sessions. "
            "Sessions that no one joined are left out."
        ],
    )
