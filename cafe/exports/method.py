"""How a summary was made: dates, sessions, moderation and the protection rule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .facts import EventFacts, SessionFacts
from .tables import Column, Table, Value

SUPPRESSION_RULE = (
    'Any count of people or answers below {k} is shown as "<{k}". Where a total '
    "would let such a count be worked out, another figure is withheld as well and "
    'shown as "[c]"; percentages and averages that would reveal a withheld count '
    'are shown as "[c]" too. A breakdown by role shows a role on its own only when '
    "at least {k} people with that role answered; smaller groups are counted "
    'together as "Other or not stated", and the breakdown is left out when fewer '
    "than two groups of at least {k} remain. Counts of published questions are "
    "never withheld, because each published question is listed."
)
MODERATION_LABELS = {
    "post": "Questions appeared at once; hosts could hide them afterwards.",
    "pre": "Questions waited for a host's approval before anyone saw them.",
}
COUNTING = (
    "People join a session anonymously with its code and may say which role "
    "describes them; no one had to give a name or a role. Someone who joined two "
    "sessions is counted in each."
)
FREE_TEXT = (
    "Only questions and answers that passed moderation appear. Items held for "
    "approval or hidden are only counted. No names, pseudonyms or participant "
    "identifiers appear."
)
PEAK = (
    "The most people connected at once is taken from readings made during the "
    'session; "Not recorded" means no reading was taken.'
)
KV_COLUMNS = [Column("item", "Item"), Column("detail", "Detail")]


def rule(k: int) -> str:
    return SUPPRESSION_RULE.format(k=k)


def when(start: datetime | None, end: datetime | None) -> str:
    if start is None:
        return "Not scheduled"
    text = start.strftime("%Y-%m-%d %H:%M")
    if end is not None:
        same_day = end.date() == start.date()
        text += " to " + end.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M")
    return text


def method_table(scope: list[list[Value]], k: int, generated_at: datetime) -> Table:
    """The method notes: what the summary covers, then how figures were made."""
    rows = [
        *scope,
        ["Generated", generated_at.strftime("%Y-%m-%d %H:%M UTC")],
        ["Who is counted", COUNTING],
        ["Free text", FREE_TEXT],
        ["Most connected at once", PEAK],
        ["Protecting small numbers", rule(k)],
    ]
    return Table("method", "Method", KV_COLUMNS, rows)


def event_scope(
    event: EventFacts, sessions: Sequence[SessionFacts]
) -> list[list[Value]]:
    return [
        ["Event", event.title],
        ["Event dates", when(event.starts_at, event.ends_at)],
        ["Place", event.place or "Not given"],
        ["Sessions", str(len(sessions))],
    ]


def sessions_table(sessions: Sequence[SessionFacts]) -> Table:
    return Table(
        "sessions",
        "Sessions",
        [
            Column("session", "Session"),
            Column("when", "When"),
            Column("moderation", "Moderation"),
            Column("notes", "Facilitator notes"),
        ],
        [
            [
                s.title,
                when(s.starts_at, s.ends_at),
                MODERATION_LABELS.get(s.moderation_mode, s.moderation_mode),
                s.facilitator_notes,
            ]
            for s in sessions
        ],
    )
