"""No export carries a participant's pseudonym, name, token or id."""

from __future__ import annotations

import io
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from cafe.exports import csv_zip, json_export, pdf, xlsx
from cafe.exports.summary import event_summary
from cafe.models import Participant


@pytest.fixture
def named(db, tuesday):
    """Give everyone a display name and remember what must never leak."""
    people = db.query(Participant).all()
    for i, person in enumerate(people):
        person.display_name = f"Realname{i:02d}"
    db.flush()
    return (
        [p.display_name for p in people]
        + [p.pseudonym for p in people]
        + [p.token_hash for p in people]
    )


def _texts(summary, tmp_path) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(csv_zip.encode(summary))) as archive:
        csv_text = "".join(
            archive.read(n).decode("utf-8-sig") for n in archive.namelist()
        )
    book = load_workbook(io.BytesIO(xlsx.encode(summary)))
    xlsx_text = " ".join(
        str(v)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
        if v is not None
    )
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf.encode(summary))
    pdf_text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    return {
        "csv": csv_text,
        "xlsx": xlsx_text,
        "pdf": pdf_text,
        "json": json_export.encode(summary).decode(),
    }


def test_no_name_pseudonym_or_token_reaches_any_format(
    db, tuesday, options, named, tmp_path
):
    texts = _texts(event_summary(db, tuesday.event, options), tmp_path)
    for fmt, text in texts.items():
        leaks = [secret for secret in named if secret in text]
        assert leaks == [], f"{fmt} contains {leaks[:3]}"
