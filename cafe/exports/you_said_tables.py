"""'You said, we did': what the council answered, and what it will do."""

from __future__ import annotations

from collections.abc import Sequence

from .facts import YouSaidFact
from .tables import Column, Table, Value

COLUMNS = [
    Column("you_said", "You said", description="A theme, or the question itself."),
    Column("questions", "Questions", description="The published questions answered."),
    Column("status", "Status"),
    Column("reason", "What we did and why"),
    Column("decided_on", "Date", "date"),
]


def you_said_rows(responses: Sequence[YouSaidFact]) -> list[list[Value]]:
    rows: list[list[Value]] = []
    for response in responses:
        texts = [text for _, text in response.questions]
        if not response.theme_title and not texts:
            continue  # its only question is no longer published
        said = response.theme_title or texts[0]
        listed = "\n".join(texts) if response.theme_title else ""
        rows.append(
            [said, listed, response.status_label, response.reason, response.decided_on]
        )
    return rows


def you_said_table(responses: Sequence[YouSaidFact]) -> Table:
    return Table(
        "you_said_we_did", "You said, we did", COLUMNS, you_said_rows(responses)
    )
