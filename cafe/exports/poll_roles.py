"""Poll results broken down by self-declared role, with small groups left out."""

from __future__ import annotations

from ..models import PollKind
from .facts import AnswerFact
from .groups import Group, RoleLabels, breakdown_groups
from .poll_tables import (
    BORDA_MEANING,
    COUNTED_KINDS,
    PollFigures,
    borda_points,
    counted_answers,
    row_counts,
)
from .suppression import CannotProtect, Mark, Position, extend, protect
from .tables import Column, Table, Value, Withheld, count_cell, half_up, percent_cell

ROLE_NOTE = (
    "Only roles chosen by at least {k} of the people who answered are shown on "
    "their own; everyone else is counted together as 'Other or not stated'."
)


def role_tables(figures: PollFigures, k: int, labels: RoleLabels) -> list[Table]:
    """The breakdown by role of a counted poll, or [] when it cannot be shown."""
    poll = figures.poll
    if poll.kind not in COUNTED_KINDS or not figures.enough:
        return []
    answers = counted_answers(poll)
    groups = breakdown_groups([a.role for a in answers], k, labels)
    if not groups:
        return []
    members = [[a for a in answers if a.role in g.roles] for g in groups]
    if poll.kind == PollKind.RANKING and len(poll.options) != 2:
        return [_borda_table(figures, groups, members, k)]
    cells = _cells(figures, members)
    marks = _protect(figures, cells, members, k)
    if marks is None:
        return []
    tables = [_counts_table(figures, groups, members, cells, marks, k)]
    if poll.kind == PollKind.RATING:
        tables.append(_average_table(figures, groups, members, cells, marks, k))
    return tables


def _cells(figures: PollFigures, members: list[list[AnswerFact]]) -> list[list[int]]:
    columns = [row_counts(figures.poll, group) for group in members]
    return [list(row) for row in zip(*columns, strict=True)]


def _protect(figures, cells, members, k) -> list[list[Mark]] | None:
    """Row totals are the published results; group sizes are all at least k."""
    grid = extend(cells)
    rows, cols = len(cells), len(members)
    additive = figures.poll.kind != PollKind.MULTIPLE
    shown = [[True] * (cols + 1) for _ in range(rows)] + [[additive] * (cols + 1)]
    fixed: dict[Position, Mark] = {(r, cols): m for r, m in enumerate(figures.marks)}
    caps: dict[Position, int] = {}
    if additive:
        fixed.update({(rows, c): Mark.SHOWN for c in range(cols)})
        fixed[(rows, cols)] = figures.n_mark
    else:
        # People could pick several options, but no more than once each.
        caps = {(r, c): len(members[c]) for r in range(rows) for c in range(cols)}
    try:
        return protect(grid, k, shown=shown, fixed=fixed, caps=caps)
    except CannotProtect:
        return None


def _counts_table(figures, groups, members, cells, marks, k) -> Table:
    poll = figures.poll
    first = "Rating" if poll.kind == PollKind.RATING else "Option"
    what = "People who put it first" if poll.kind == PollKind.RANKING else "People"
    columns = [Column("option", first)]
    for group in groups:
        columns += [
            Column(
                f"{group.key}_people", group.label, "count", f"{what}: {group.label}."
            ),
            Column(f"{group.key}_percent", f"{group.label} %", "percent"),
        ]
    columns.append(Column("everyone", "Everyone", "count", f"{what}, all roles."))
    rows: list[list[Value]] = []
    for r, label in enumerate(figures.labels):
        row: list[Value] = [label]
        for c, group in enumerate(members):
            cell = count_cell(cells[r][c], marks[r][c], k)
            row += [cell, percent_cell(cell, len(group), cells[r][c], len(group), k)]
        row.append(count_cell(figures.counts[r], figures.marks[r], k))
        rows.append(row)
    last: list[Value] = ["People who answered"]
    for group in members:
        last += [len(group), 100]
    last.append(count_cell(figures.n, figures.n_mark, k))
    return Table(
        f"{figures.prefix}_by_role",
        f"Poll {figures.number}: by self-declared role",
        columns,
        [*rows, last],
        notes=[ROLE_NOTE.format(k=k)],
    )


def _average_table(figures, groups, members, cells, marks, k) -> Table:
    rows: list[list[Value]] = []
    for c, (group, people) in enumerate(zip(groups, members, strict=True)):
        clean = all(marks[r][c] == Mark.SHOWN for r in range(len(cells)))
        total = sum(v * cells[v - 1][c] for v in range(1, len(cells) + 1))
        average = half_up(total / len(people), 1) if clean else Withheld(False, k)
        rows.append([group.label, len(people), average])
    return Table(
        f"{figures.prefix}_average_by_role",
        f"Poll {figures.number}: average rating by self-declared role",
        [
            Column("group", "Role"),
            Column("people", "People who answered", "count"),
            Column("average", "Average rating", "number", AVERAGE_MEANING),
        ],
        rows,
    )


AVERAGE_MEANING = (
    "The mean of the ratings; not shown where a count in that group is withheld, "
    "because the average would let it be worked out."
)


def _borda_table(figures, groups: list[Group], members, k) -> Table:
    poll = figures.poll
    points = [borda_points(poll, group) for group in members]
    columns = [Column("option", "Option")]
    columns += [
        Column(f"{g.key}_points", g.label, "number", BORDA_MEANING) for g in groups
    ]
    columns.append(Column("everyone", "Everyone", "number", BORDA_MEANING))
    rows: list[list[Value]] = [
        [label, *(p[i] for p in points), figures.counts[i]]
        for i, label in enumerate(figures.labels)
    ]
    rows.append(["People who answered", *(len(m) for m in members), figures.n])
    return Table(
        f"{figures.prefix}_by_role",
        f"Poll {figures.number}: Borda points by self-declared role",
        columns,
        rows,
        notes=[ROLE_NOTE.format(k=k)],
    )
