"""A summary as an XLSX workbook: "About this data", then one sheet per table."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from .safe_cells import neutralise
from .tables import Summary, Table, Value, display

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ABOUT = "About this data"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def put(sheet: Worksheet, row: int, column: int, value: Value) -> None:
    """Write one cell; text is neutralised and always stored as text."""
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return
    if isinstance(value, int | float | datetime | date) and not isinstance(value, bool):
        cell.value = value
    else:
        cell.value = neutralise(display(value))
        cell.data_type = "s"  # never a formula, whatever the text
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"


def sheet_names(summary: Summary) -> list[str]:
    names, used = [], {ABOUT.casefold()}
    for table in summary.tables():
        base = _BAD_SHEET_CHARS.sub("_", table.key)[:31]
        name, n = base, 2
        while name.casefold() in used:
            suffix = f"_{n}"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(name.casefold())
        names.append(name)
    return names


def _table_sheet(sheet: Worksheet, table: Table) -> None:
    for c, column in enumerate(table.columns, start=1):
        put(sheet, 1, c, column.label)
        sheet.cell(row=1, column=c).font = BOLD
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = (
            40 if column.kind == "text" else 14
        )
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row, start=1):
            put(sheet, r, c, value)
            sheet.cell(row=r, column=c).alignment = WRAP
    sheet.freeze_panes = "A2"


def _about_rows(summary: Summary, names: list[str]) -> list[tuple[bool, list]]:
    """(is a heading, cells) for each line of the About sheet."""
    rows: list[tuple[bool, list]] = [
        (True, [summary.title]),
        (False, [summary.subtitle]),
        (False, []),
        (True, ["Method"]),
        *((False, list(row)) for row in summary.method.rows),
        (False, []),
        (True, ["Protecting small numbers", summary.suppression_rule]),
        (False, []),
        (True, ["Data dictionary"]),
        (True, ["Sheet", "Table", "Column", "Type", "Meaning"]),
    ]
    for name, table in zip(names, summary.tables(), strict=True):
        for column in table.columns:
            rows.append(
                (
                    False,
                    [name, table.title, column.label, column.kind, column.description],
                )
            )
        rows += [(False, [name, table.title, "", "note", note]) for note in table.notes]
    return rows


def _about_sheet(sheet: Worksheet, summary: Summary, names: list[str]) -> None:
    for r, (heading, line) in enumerate(_about_rows(summary, names), start=1):
        for c, value in enumerate(line, start=1):
            put(sheet, r, c, value)
            sheet.cell(row=r, column=c).alignment = WRAP
            if heading:
                sheet.cell(row=r, column=c).font = BOLD
    for letter, width in zip("ABCDE", (28, 60, 28, 10, 60), strict=True):
        sheet.column_dimensions[letter].width = width


def encode(summary: Summary) -> bytes:
    book = Workbook()
    about = book.active
    about.title = ABOUT
    names = sheet_names(summary)
    _about_sheet(about, summary, names)
    for name, table in zip(names, summary.tables(), strict=True):
        _table_sheet(book.create_sheet(name), table)
    book.properties.title = summary.title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
