"""The JSON export: the same content, rows keyed by column."""

from __future__ import annotations

import json

from cafe.exports import json_export
from cafe.exports.summary import session_summary


def test_the_json_has_the_method_rule_and_every_table(db, tuesday, options):
    summary = session_summary(db, tuesday.live, options)
    data = json.loads(json_export.encode(summary))
    assert data["scope"] == "session"
    assert data["k"] == 5
    assert data["suppression_rule"] == summary.suppression_rule
    assert data["generated_at"] == "2030-04-02T09:30:00Z"
    keys = [t["key"] for s in data["sections"] for t in s["tables"]]
    assert ["method", *keys] == [t.key for t in summary.tables()]


def test_rows_are_keyed_by_column_and_withheld_figures_are_text(db, tuesday, options):
    data = json.loads(json_export.encode(session_summary(db, tuesday.live, options)))
    results = next(
        t for s in data["sections"] for t in s["tables"] if t["key"] == "poll_1_results"
    )
    assert results["rows"][1:3] == [
        {"option": "Housing advice", "people": "<5", "percent": "[c]"},
        {"option": "Evening groups", "people": 6, "percent": 38},
    ]
    assert results["columns"][2]["kind"] == "percent"


def test_dates_are_iso_strings(db, tuesday, options):
    data = json.loads(json_export.encode(session_summary(db, tuesday.live, options)))
    you_said = next(s for s in data["sections"] if s["key"] == "you_said_we_did")
    assert you_said["tables"][0]["rows"][0]["decided_on"] == "2030-04-01"
