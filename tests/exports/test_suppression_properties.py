"""No withheld cell can be worked out from what a table shows.

The attacker here knows every shown figure, that a "<k" cell lies in 0..k-1,
that a "[c]" cell is at least k, and that totals add up. A brute-force search
over small tables looks for another table that fits all of that and differs in
the withheld cell; a linear check does the same without bounds on larger ones.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cafe.exports.facts import SessionFacts
from cafe.exports.groups import RoleLabels
from cafe.exports.participation_tables import event_participation, session_participation
from cafe.exports.suppression import CannotProtect, Mark, extend, protect, protect_list


def _bounds(mark: Mark, k: int, cap: int) -> range:
    if mark == Mark.SMALL:
        return range(0, k)
    if mark == Mark.SECONDARY:
        return range(k, cap + 1)
    return range(0, cap + 1)


def _within(value: int, mark: Mark, k: int, floor: int) -> bool:
    if value < floor:
        return False
    if mark == Mark.SMALL:
        return value < k
    if mark == Mark.SECONDARY:
        return value >= k
    return True


def _fits(grid, marks, k, cells, floors) -> bool:
    """Do these inner cells, with totals worked out from them, fit what is shown?"""
    full = extend(cells)
    for r, row in enumerate(full):
        for c, value in enumerate(row):
            mark = marks[r][c]
            if mark == Mark.SHOWN and value != grid[r][c]:
                return False
            if not _within(value, mark, k, floors.get((r, c), 0)):
                return False
    return True


def other_table_exists(grid, marks, k, target, floors=None) -> bool:
    """Brute force: is there a fitting table whose target cell differs?"""
    rows, cols = len(grid) - 1, len(grid[0]) - 1
    cap = grid[-1][-1] + 1  # one step of any cycle stays within this
    unknown = [
        (r, c) for r in range(rows) for c in range(cols) if marks[r][c] != Mark.SHOWN
    ]
    cells = [list(row[:cols]) for row in grid[:rows]]

    def candidates(r: int, c: int) -> list[int]:
        # Nearest values first: if another table exists, one differs by a step.
        values = sorted(_bounds(marks[r][c], k, cap), key=lambda v: abs(v - grid[r][c]))
        if (r, c) == target:
            values.remove(grid[r][c])
        return values

    def search(i: int) -> bool:
        if i == len(unknown):
            return _fits(grid, marks, k, cells, floors or {}) and (
                extend(cells)[target[0]][target[1]] != grid[target[0]][target[1]]
            )
        r, c = unknown[i]
        for value in candidates(r, c):
            cells[r][c] = value
            if _row_possible(grid, marks, cells, r, c, unknown, i) and search(i + 1):
                return True
        cells[r][c] = grid[r][c]
        return False

    return search(0)


def _row_possible(grid, marks, cells, r, c, unknown, i) -> bool:
    """Prune: once a row's last unknown is set, a shown row total must match."""
    last_in_row = i + 1 == len(unknown) or unknown[i + 1][0] != r
    if not last_in_row or marks[r][-1] != Mark.SHOWN:
        return True
    return sum(cells[r]) == grid[r][-1]


def assert_nothing_recoverable(grid, marks, k, floors=None) -> None:
    for r, row in enumerate(marks):
        for c, mark in enumerate(row):
            if mark.withheld:
                assert other_table_exists(grid, marks, k, (r, c), floors), (
                    f"cell {(r, c)} of {grid} can be worked out from {marks}"
                )


def assert_small_counts_withheld(grid, marks, k) -> None:
    for r, row in enumerate(marks):
        for c, mark in enumerate(row):
            if mark == Mark.SHOWN:
                assert grid[r][c] >= k


small_tables = st.integers(1, 3).flatmap(
    lambda rows: st.integers(1, 3).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(0, 8), min_size=cols, max_size=cols),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(
    cells=small_tables,
    k=st.integers(2, 5),
    row_totals=st.booleans(),
    col_totals=st.booleans(),
)
def test_no_withheld_cell_of_a_small_table_can_be_worked_out(
    cells, k, row_totals, col_totals
):
    grid = extend(cells)
    rows, cols = len(cells), len(cells[0])
    shown = [[True] * cols + [row_totals] for _ in range(rows)]
    shown.append([col_totals] * cols + [row_totals and col_totals])
    try:
        marks = protect(grid, k, shown=shown)
    except CannotProtect:
        return  # nothing is published at all
    assert_small_counts_withheld(grid, marks, k)
    assert_nothing_recoverable(grid, marks, k)


@settings(max_examples=150, deadline=None)
@given(counts=st.lists(st.integers(0, 12), min_size=1, max_size=6), k=st.integers(2, 5))
def test_no_withheld_count_of_a_list_with_its_total_can_be_worked_out(counts, k):
    protected = protect_list(counts, k)
    grid = extend([[n] for n in counts])
    marks = [[m, Mark.ABSENT] for m in protected.items]
    marks.append([protected.total, Mark.ABSENT])
    assert_small_counts_withheld(grid, marks, k)
    assert_nothing_recoverable(grid, marks, k)


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(r) for r in rows]
    rank, width = 0, len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col]:
                factor = rows[i][col] / rows[rank][col]
                rows[i] = [
                    a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)
                ]
        rank += 1
    return rank


def linearly_determined(marks, target) -> bool:
    """Do the totals alone pin the target, whatever the bounds?"""
    height, width = len(marks), len(marks[0])
    unknown = [
        (r, c) for r in range(height) for c in range(width) if marks[r][c] != Mark.SHOWN
    ]
    index = {pos: i for i, pos in enumerate(unknown)}
    equations = [
        _line([(r, c) for c in range(width)], index, width - 1, 1)
        for r in range(height)
    ]
    equations += [
        _line([(r, c) for r in range(height)], index, height - 1, 0)
        for c in range(width)
    ]
    unit = [Fraction(0)] * len(unknown)
    unit[index[target]] = Fraction(1)
    return _rank(equations) == _rank([*equations, unit])


def _line(cells, index, last, axis) -> list[Fraction]:
    row = [Fraction(0)] * len(index)
    for pos in cells:
        if pos in index:
            row[index[pos]] = Fraction(-1 if pos[axis] == last else 1)
    return row


@settings(max_examples=100, deadline=None)
@given(
    cells=st.integers(2, 6).flatmap(
        lambda rows: st.integers(2, 6).flatmap(
            lambda cols: st.lists(
                st.lists(st.integers(0, 30), min_size=cols, max_size=cols),
                min_size=rows,
                max_size=rows,
            )
        )
    ),
    k=st.integers(3, 10),
)
def test_totals_alone_never_pin_a_withheld_cell_of_a_larger_table(cells, k):
    grid = extend(cells)
    marks = protect(grid, k, shown=[[True] * len(grid[0]) for _ in grid])
    for r, row in enumerate(marks):
        for c, mark in enumerate(row):
            if mark.withheld:
                assert not linearly_determined(marks, (r, c))


def _session(roles: tuple) -> SessionFacts:
    return SessionFacts(
        id=1,
        title="A session",
        starts_at=None,
        ends_at=None,
        moderation_mode="post",
        facilitator_notes="",
        roles=roles,
        peak_connected=None,
        questions=(),
        polls=(),
    )


@settings(max_examples=60, deadline=None)
@given(
    sessions=st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 3)),
        min_size=2,
        max_size=3,
    )
)
def test_adding_sessions_up_never_reveals_a_session_count(sessions):
    k, labels = 3, RoleLabels((("peer", "Peer"), ("worker", "Worker")))
    parts = [
        session_participation(
            _session(("peer",) * a + ("worker",) * b + (None,) * c), k, labels
        )
        for a, b, c in sessions
        if a + b + c
    ]
    if not parts:
        return
    event = event_participation(parts, k, labels)
    keys = ["peer", "worker", None]
    grid = extend([[p.roles[key][0] for p in parts] for key in keys])
    marks = [[p.roles[key][1] for p in parts] + [event.roles[key][1]] for key in keys]
    marks.append([p.total_mark for p in parts] + [event.total_mark])
    # Every session listed had someone in it: the attacker knows that too.
    floors = {(len(keys), c): 1 for c in range(len(parts))}
    assert_nothing_recoverable(grid, marks, k, floors)
