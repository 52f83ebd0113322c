"""The workbook: an About sheet, one sheet per table, no cell a formula."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from cafe.exports import xlsx
from cafe.exports.summary import session_summary
from tests.exports.conftest import RISKY


def _book(summary):
    return load_workbook(io.BytesIO(xlsx.encode(summary)))


@pytest.fixture
def book(db, tuesday, options):
    return _book(session_summary(db, tuesday.live, options))


def _values(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_first_sheet_is_about_this_data_then_one_per_table(db, tuesday, options):
    summary = session_summary(db, tuesday.live, options)
    book = _book(summary)
    assert book.sheetnames[0] == "About this data"
    assert len(book.sheetnames) == 1 + len(summary.tables())
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_about_this_data_has_the_method_the_rule_and_a_dictionary(book):
    cells = [c for row in _values(book["About this data"]) for c in row if c]
    assert "Method" in cells
    assert "Protecting small numbers" in cells
    assert "Data dictionary" in cells
    assert any(
        str(c).startswith("Any count of people or answers below 5") for c in cells
    )
    assert "Share of the people who answered." in cells


def test_counts_are_numbers_and_withheld_figures_are_text(book):
    rows = _values(book["poll_1_results"])
    assert rows[0] == ["Option", "People", "%"]
    assert rows[3] == ["Evening groups", 6, 38]
    assert rows[2] == ["Housing advice", "<5", "[c]"]


def test_no_cell_is_a_formula_and_risky_text_is_neutralised(risky_summary):
    book = _book(risky_summary)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert not [t for t in texts if t[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for text in RISKY:
        # XML keeps no bare carriage return: it reads back as a line feed.
        assert "'" + text.replace("\r", "\n") in texts


def test_the_workbook_carries_the_summary_title(book):
    assert book.properties.title == "Open Q&A: summary"
