"""The CSV zip: one UTF-8 file with a byte order mark per table, formulas disarmed."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from cafe.exports import csv_zip
from cafe.exports.summary import session_summary
from tests.exports.conftest import RISKY


def _files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rows(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture
def files(db, tuesday, options):
    return _files(csv_zip.encode(session_summary(db, tuesday.live, options)))


def test_there_is_one_file_per_table_and_a_data_dictionary(db, tuesday, options):
    summary = session_summary(db, tuesday.live, options)
    names = set(_files(csv_zip.encode(summary)))
    assert names == {f"{i:02d}_{t.key}.csv" for i, t in enumerate(summary.tables())} | {
        "data_dictionary.csv"
    }


def test_every_file_is_utf8_with_a_byte_order_mark(files):
    for raw in files.values():
        assert raw.startswith("\ufeff".encode())
        raw.decode("utf-8")


def _named(files, key: str) -> bytes:
    (raw,) = [raw for name, raw in files.items() if name.endswith(f"_{key}.csv")]
    return raw


def test_a_table_keeps_its_header_and_withheld_figures(files):
    assert _rows(_named(files, "poll_1_results")) == [
        ["Option", "People", "%"],
        ["Peer support", "[c]", "[c]"],
        ["Housing advice", "<5", "[c]"],
        ["Evening groups", "6", "38"],
        ["People who answered", "16", "100"],
    ]


def test_the_method_file_states_the_suppression_rule(files):
    method = dict(_rows(files["00_method.csv"])[1:])
    assert method["Protecting small numbers"].startswith(
        'Any count of people or answers below 5 is shown as "<5"'
    )


def test_the_data_dictionary_describes_every_column(files):
    dictionary = _rows(files["data_dictionary.csv"])
    assert dictionary[0] == ["File", "Table", "Column", "Type", "Meaning"]
    (name,) = [n for n in files if n.endswith("_poll_1_results.csv")]
    assert [
        name,
        "Poll 1: results",
        "%",
        "percent",
        "Share of the people who answered.",
    ] in dictionary


def test_every_cell_that_could_run_as_a_formula_is_neutralised(risky_summary):
    files = _files(csv_zip.encode(risky_summary))
    cells = [cell for raw in files.values() for row in _rows(raw) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for text in RISKY:
        assert "'" + text in cells


def test_numbers_are_not_prefixed(risky_summary):
    files = _files(csv_zip.encode(risky_summary))
    questions = next(
        raw for name, raw in files.items() if name.endswith("_questions.csv")
    )
    assert {row[3] for row in _rows(questions)[1:]} == {"6"}
