"""A summary as JSON: the same sections and tables, rows keyed by column."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from .tables import Summary, Table, Value, Withheld

MEDIA_TYPE = "application/json"


def _value(value: Value) -> Any:
    if isinstance(value, Withheld):
        return value.text
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def table_dict(table: Table) -> dict[str, Any]:
    keys = [c.key for c in table.columns]
    return {
        "key": table.key,
        "title": table.title,
        "columns": [
            {
                "key": c.key,
                "label": c.label,
                "kind": c.kind,
                "description": c.description,
            }
            for c in table.columns
        ],
        "rows": [
            {key: _value(v) for key, v in zip(keys, row, strict=True)}
            for row in table.rows
        ],
        "notes": list(table.notes),
    }


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The summary as plain JSON-ready values; withheld figures as "<k" or "[c]"."""
    return {
        "scope": summary.scope,
        "title": summary.title,
        "subtitle": summary.subtitle,
        "generated_at": summary.generated_at.isoformat(timespec="seconds") + "Z",
        "k": summary.k,
        "suppression_rule": summary.suppression_rule,
        "method": table_dict(summary.method),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "paragraphs": list(s.paragraphs),
                "tables": [table_dict(t) for t in s.tables],
            }
            for s in summary.sections
        ],
    }


def encode(summary: Summary) -> bytes:
    return json.dumps(summary_dict(summary), ensure_ascii=False, indent=2).encode()
