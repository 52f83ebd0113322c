"""Small-number protection for tables of counts.

A table is held with its margins as an extended grid: the last column holds row
totals and the last row column totals, the corner the grand total. Every cell is
marked SHOWN, SMALL (a count below k, shown as "<k"), SECONDARY (withheld so
that a small count cannot be worked out) or ABSENT (not published at all).

Secondary suppression keeps withholding cells until no withheld cell can be
worked out exactly from what is shown. An attacker is assumed to know that a
SMALL cell lies in 0..k-1, that a SECONDARY cell is at least k (it would be
SMALL otherwise), that every count is at least 0, and every shown value.

Why the check is exact: with the margins' signs flipped, every line of the grid
sums to zero, so the withheld cells form a bipartite graph of rows and columns,
and any other table that fits what is shown differs from the true one by
alternating +1/-1 steps around cycles of that graph. A withheld cell can be
worked out exactly when no cycle through it can be stepped once, in either
direction, without leaving some cell's known range.
"""

from __future__ import annotations

import enum
import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Position = tuple[int, int]
INFINITY = float("inf")


class Mark(enum.Enum):
    SHOWN = "shown"
    SMALL = "small"
    SECONDARY = "secondary"
    ABSENT = "absent"

    @property
    def withheld(self) -> bool:
        return self in (Mark.SMALL, Mark.SECONDARY)


class CannotProtect(Exception):
    """Even with every allowed cell withheld, a small count could be worked out."""


def extend(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The grid of cells with row totals, column totals and the grand total added."""
    rows = [list(row) + [sum(row)] for row in cells]
    width = len(rows[0]) if rows else 1
    totals = [sum(row[c] for row in rows) for c in range(width)]
    return [*rows, totals]


def protect(
    grid: Sequence[Sequence[int]],
    k: int,
    *,
    shown: Sequence[Sequence[bool]],
    fixed: Mapping[Position, Mark] | None = None,
    caps: Mapping[Position, int] | None = None,
    floors: Mapping[Position, int] | None = None,
) -> list[list[Mark]]:
    """Mark each cell of an extended grid: primary, then secondary suppression.

    fixed cells keep the given mark and are never chosen for secondary
    suppression (they are published elsewhere already). caps and floors are
    bounds an attacker knows besides the totals (a listed session had at least
    one person). Raises CannotProtect.
    """
    if k < 2:
        raise ValueError("k must be at least 2")
    marks = _primary(grid, k, shown, fixed or {})
    checker = _Checker(grid, k, caps or {}, floors or {})
    free = {
        pos
        for pos in _positions(grid)
        if pos not in (fixed or {}) and marks[pos[0]][pos[1]] == Mark.SHOWN
    }
    while (pinned := checker.first_pinned(marks)) is not None:
        extra = checker.cheapest_cover(pinned, marks, free)
        if extra is None:
            raise CannotProtect("No figure left to withhold.")
        for r, c in extra:
            marks[r][c] = Mark.SECONDARY
            free.discard((r, c))
    return marks


def _positions(grid: Sequence[Sequence[int]]) -> list[Position]:
    return [(r, c) for r in range(len(grid)) for c in range(len(grid[0]))]


def _primary(grid, k, shown, fixed) -> list[list[Mark]]:
    marks = []
    for r, row in enumerate(grid):
        line = []
        for c, value in enumerate(row):
            if (r, c) in fixed:
                line.append(fixed[(r, c)])
            elif not shown[r][c]:
                line.append(Mark.ABSENT)
            else:
                line.append(Mark.SMALL if value < k else Mark.SHOWN)
        marks.append(line)
    return marks


# Withholding a total hides a lot, so a margin costs more than any inner cell.
_MARGIN_COST = 1_000_000


class _Checker:
    """Finds withheld cells that could be worked out, and what else to withhold."""

    def __init__(self, grid, k: int, caps, floors) -> None:
        self.grid = grid
        self.k = k
        self.caps = caps
        self.floors = floors
        self.last_row = len(grid) - 1
        self.last_col = len(grid[0]) - 1

    def first_pinned(self, marks) -> Position | None:
        for r, row in enumerate(marks):
            for c, mark in enumerate(row):
                if mark.withheld and not self.is_free((r, c), marks):
                    return (r, c)
        return None

    def is_free(self, cell: Position, marks) -> bool:
        """True when another table that fits what is shown has a different value."""
        return self.cheapest_cover(cell, marks, set()) == []

    def cheapest_cover(self, cell, marks, free) -> list[Position] | None:
        """The cheapest free cells whose withholding puts the cell on a cycle that
        can be stepped; [] when it is on one already, None when none exists."""
        best: tuple[float, list[Position]] | None = None
        for sigma in (1, -1):
            if not self._can_step(cell, sigma, marks[cell[0]][cell[1]]):
                continue
            found = self._cheapest_path(cell, sigma, marks, free)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        return None if best is None else best[1]

    def _cheapest_path(self, cell, sigma, marks, free):
        """Dijkstra from the cell's column back to its row.

        Along a cycle, cells entered from a row step by +sigma and cells entered
        from a column by -sigma (in the sign-flipped grid). Withheld cells cost
        nothing; free cells cost their value, margins far more.
        """
        arcs: dict[tuple[str, int], list[tuple[tuple[str, int], float, Position]]] = {}
        for r, row in enumerate(marks):
            for c, mark in enumerate(row):
                if (r, c) == cell:
                    continue
                if mark != Mark.SHOWN:
                    weight = 0.0
                elif (r, c) in free:
                    weight, mark = self._cost((r, c)), Mark.SECONDARY
                else:
                    continue
                if self._can_step((r, c), sigma, mark):
                    arcs.setdefault(("r", r), []).append((("c", c), weight, (r, c)))
                if self._can_step((r, c), -sigma, mark):
                    arcs.setdefault(("c", c), []).append((("r", r), weight, (r, c)))
        return _dijkstra(arcs, ("c", cell[1]), ("r", cell[0]), marks)

    def _cost(self, pos: Position) -> float:
        margin = pos[0] == self.last_row or pos[1] == self.last_col
        return 1 + self.grid[pos[0]][pos[1]] + (_MARGIN_COST if margin else 0)

    def _can_step(self, pos: Position, flipped_step: int, mark: Mark) -> bool:
        r, c = pos
        sign = (-1 if r == self.last_row else 1) * (-1 if c == self.last_col else 1)
        low, high = self._bounds(pos, mark)
        return low <= self.grid[r][c] + flipped_step * sign <= high

    def _bounds(self, pos: Position, mark: Mark) -> tuple[float, float]:
        cap = self.caps.get(pos, INFINITY)
        floor = self.floors.get(pos, 0)
        if mark == Mark.SMALL:
            return floor, min(self.k - 1, cap)
        if mark == Mark.SECONDARY:
            return max(self.k, floor), cap
        return floor, cap


def _dijkstra(arcs, start, goal, marks):
    """The cheapest path's cost and the SHOWN cells on it, or None."""
    done: set = set()
    heap = [(0.0, 0, start, ())]
    counter = 1
    while heap:
        cost, _, node, path = heapq.heappop(heap)
        if node == goal:
            return cost, [p for p in path if marks[p[0]][p[1]] == Mark.SHOWN]
        if node in done:
            continue
        done.add(node)
        for nxt, weight, pos in arcs.get(node, ()):
            if nxt not in done:
                heapq.heappush(heap, (cost + weight, counter, nxt, (*path, pos)))
                counter += 1
    return None


@dataclass(frozen=True)
class ProtectedList:
    """Marks for a list of counts and its total."""

    items: list[Mark]
    total: Mark


def protect_list(
    counts: Sequence[int],
    k: int,
    *,
    total_shown: bool = True,
    fixed_items: Sequence[Mark | None] | None = None,
    fixed_total: Mark | None = None,
) -> ProtectedList:
    """Protect counts that add up to a total (or stand alone when it is not shown).

    In the rare list where even a withheld total ("at least k") would give a
    count away, the total is left out (ABSENT). Raises CannotProtect only when
    fixed marks make protection impossible.
    """
    if not counts:
        small = total_shown and fixed_total is None
        return ProtectedList([], Mark.SMALL if small else fixed_total or Mark.ABSENT)
    grid = extend([[n] for n in counts])
    last = len(counts)
    shown = [[True, False] for _ in counts] + [[total_shown, False]]
    fixed: dict[Position, Mark] = {}
    for i, mark in enumerate(fixed_items or ()):
        if mark is not None:
            fixed[(i, 0)] = mark
    if fixed_total is not None:
        fixed[(last, 0)] = fixed_total
    try:
        marks = protect(grid, k, shown=shown, fixed=fixed)
    except CannotProtect:
        if fixed_total is not None or not total_shown:
            raise
        shown[last][0] = False
        marks = protect(grid, k, shown=shown, fixed=fixed)
    return ProtectedList([row[0] for row in marks[:last]], marks[last][0])
