"""A summary as a zip of CSV files: one per table, UTF-8 with a byte order mark."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence

from .safe_cells import neutralise
from .tables import Summary, Table, Value, display

MEDIA_TYPE = "application/zip"
BOM = "\ufeff"


def cell_text(value: Value) -> str:
    """Numbers as they are; every text neutralised against formulas."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return display(value)
    return neutralise(display(value))


def _csv(rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def file_names(summary: Summary) -> list[str]:
    return [f"{i:02d}_{t.key}.csv" for i, t in enumerate(summary.tables())]


def table_csv(table: Table) -> bytes:
    header = [neutralise(c.label) for c in table.columns]
    return _csv([header, *([cell_text(v) for v in row] for row in table.rows)])


def dictionary_csv(summary: Summary) -> bytes:
    rows = [["File", "Table", "Column", "Type", "Meaning"]]
    rows.append(["", "", "", "", summary.suppression_rule])
    for name, table in zip(file_names(summary), summary.tables(), strict=True):
        for column in table.columns:
            rows.append(
                [name, table.title, column.label, column.kind, column.description]
            )
        rows += [[name, table.title, "", "note", note] for note in table.notes]
    return _csv([[neutralise(cell) for cell in row] for row in rows])


def encode(summary: Summary) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, table in zip(file_names(summary), summary.tables(), strict=True):
            archive.writestr(name, table_csv(table))
        archive.writestr("data_dictionary.csv", dictionary_csv(summary))
    return buffer.getvalue()
