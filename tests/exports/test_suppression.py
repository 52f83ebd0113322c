"""Primary and secondary suppression on small, hand-checked tables."""

from __future__ import annotations

import pytest

from cafe.exports.suppression import (
    CannotProtect,
    Mark,
    extend,
    protect,
    protect_list,
)

S, P, C, A = Mark.SHOWN, Mark.SMALL, Mark.SECONDARY, Mark.ABSENT


def all_shown(grid):
    return [[True] * len(grid[0]) for _ in grid]


def test_counts_of_k_or_more_are_all_shown():
    marks = protect_list([5, 9, 12], 5)
    assert marks.items == [S, S, S]
    assert marks.total == S


def test_a_count_below_k_is_marked_small():
    assert protect_list([4, 6], 5, total_shown=False).items == [P, S]


def test_zero_is_a_count_below_k():
    assert protect_list([0, 8], 5, total_shown=False).items == [P, S]


def test_a_lone_small_count_beside_a_total_takes_another_count_with_it():
    marks = protect_list([3, 9, 12], 5)
    assert marks.items == [P, C, S]
    assert marks.total == S


def test_two_small_counts_protect_each_other():
    marks = protect_list([2, 3, 12], 5)
    assert marks.items == [P, P, S]


def test_the_partner_is_big_enough_to_leave_room_for_doubt():
    # 0 + 5 = 5 would give both away: a withheld partner is at least k, so a
    # partner of exactly 5 pins the small count at 0. The 7 is withheld instead.
    marks = protect_list([0, 5, 7], 5)
    assert marks.items == [P, S, C]


def test_small_counts_without_a_shown_total_need_no_partner():
    marks = protect_list([3, 9, 12], 5, total_shown=False)
    assert marks.items == [P, S, S]
    assert marks.total == A


def test_a_total_below_k_is_itself_withheld():
    marks = protect_list([1, 2], 5)
    assert marks.items == [P, P]
    assert marks.total == P


def test_an_empty_list_has_a_small_total():
    assert protect_list([], 5).total == P


def test_one_small_cell_in_a_two_by_two_table_withholds_a_rectangle_not_totals():
    grid = extend([[3, 10], [10, 10]])
    marks = protect(grid, 5, shown=all_shown(grid))
    assert marks == [[P, C, S], [C, C, S], [S, S, S]]


def test_secondary_suppression_prefers_the_cheapest_cells():
    grid = extend([[3, 10, 2], [10, 10, 8], [6, 7, 9]])
    marks = protect(grid, 5, shown=all_shown(grid))
    assert [row[:3] for row in marks[:3]] == [[P, S, P], [S, S, S], [C, S, C]]
    assert marks[3] == [S, S, S, S] and [row[3] for row in marks] == [S] * 4


def test_fixed_cells_keep_their_mark_and_are_never_chosen():
    grid = extend([[3], [9], [12]])
    shown = [[True, False]] * 3 + [[True, False]]
    fixed = {(1, 0): S}
    marks = protect(grid, 5, shown=shown, fixed=fixed)
    assert [row[0] for row in marks] == [P, S, C, S]


def test_a_fixed_shown_total_that_gives_a_count_away_cannot_be_protected():
    grid = extend([[3], [9]])
    shown = [[True, False]] * 2 + [[True, False]]
    with pytest.raises(CannotProtect):
        protect(grid, 5, shown=shown, fixed={(1, 0): S, (2, 0): S})


def test_a_known_upper_bound_rules_out_a_partner_that_could_not_move():
    # Known caps: the 3 cannot be more than 3 and the 9 no more than 9, so the
    # only other table would need 2 + 10, which the cap on the 9 forbids.
    grid = extend([[3], [9], [12]])
    shown = [[True, False]] * 3 + [[True, False]]
    marks = protect(grid, 5, shown=shown, caps={(0, 0): 3, (1, 0): 9})
    assert [row[0] for row in marks] == [P, S, C, S]


def test_k_below_two_is_refused():
    with pytest.raises(ValueError):
        protect_list([1], 1)


def test_a_total_that_would_give_counts_away_even_withheld_is_left_out():
    # 1 + 1 = 2 with k = 2: even "at least 2" pins both ones, so no total at all.
    marks = protect_list([1, 1], 2)
    assert marks.items == [P, P]
    assert marks.total == A
