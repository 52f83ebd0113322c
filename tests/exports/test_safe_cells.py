"""Text that a spreadsheet could run as a formula is neutralised."""

import pytest

from cafe.exports.safe_cells import neutralise


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+44 7700", "-2", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("x")'],
)
def test_text_starting_with_a_formula_character_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Peer support", "<5", "[c]", "1 = 1", "", "'quoted"])
def test_other_text_is_left_alone(text):
    assert neutralise(text) == text
