"""The PDF: A4, titled, tagged, with the figures a board reads."""

from __future__ import annotations

import subprocess

import pytest

from cafe.exports import pdf
from cafe.exports.summary import event_summary


@pytest.fixture
def document(db, tuesday, options):
    return pdf.encode(event_summary(db, tuesday.event, options))


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "summary.pdf"
    path.write_bytes(data)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    )
    return done.stdout.decode()


def _info(data: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "summary.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True)
    pairs = (line.split(":", 1) for line in done.stdout.decode().splitlines())
    return {key.strip(): value.strip() for key, value in pairs}


def test_the_document_is_a4_titled_and_tagged(document, tmp_path):
    info = _info(document, tmp_path)
    assert info["Title"] == "Tuesday café: summary"
    assert info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.276 x 841.89")


def test_the_text_has_the_title_headings_and_rule(document, tmp_path):
    text = _text(document, tmp_path)
    assert "Tuesday café: summary" in text
    for heading in (
        "Method",
        "Participation",
        "Questions",
        "Moderation",
        "You said, we did",
    ):
        assert heading in text
    assert 'below 5 is shown as "<5"' in text


def test_the_text_has_the_figures(document, tmp_path):
    lines = [" ".join(line.split()) for line in _text(document, tmp_path).splitlines()]
    assert "Person in recovery 7 44" in lines
    assert "Evening groups 6 38" in lines
    assert "Drop-in 8" in lines
    assert (
        "1 Can groups run in the evening? Open Q&A 9 Answered Yes, from May." in lines
    )


def test_the_html_sets_language_and_title_and_escapes_text():
    from datetime import datetime

    from cafe.exports.method import method_table
    from cafe.exports.tables import Column, Section, Summary, Table

    now = datetime(2030, 1, 1)
    table = Table("t", "<b>bold</b>", [Column("a", "A")], [["<script>x</script>"]])
    summary = Summary(
        "event",
        "<i>Title</i>",
        "",
        now,
        5,
        "rule",
        method_table([], 5, now),
        [Section("s", "S", tables=[table])],
    )
    html = pdf.render_html(summary)
    assert '<html lang="en-GB">' in html
    assert "<title>&lt;i&gt;Title&lt;/i&gt;</title>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_bars_are_drawn_for_charted_tables(db, tuesday, options):
    from cafe.exports.charts import bar_chart
    from tests.exports.factories import table

    summary = event_summary(db, tuesday.event, options)
    svg = bar_chart(table(summary, "poll_1_results"))
    assert svg.count("<rect") == 3
    assert 'role="img"' in svg and "Evening groups: 6" in svg
