"""What moderation did: items held, hidden and edited, by reason."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..models import PollKind, QuestionStatus, ResponseStatus
from .facts import SessionFacts
from .suppression import CannotProtect, Mark, extend, protect
from .tables import Column, Table, count_cell

PUBLISHED = "Questions published"
EDITED = "Questions edited by a moderator"
ANSWERS_HELD = "Free-text answers still held for approval"
ANSWERS_HIDDEN = "Free-text answers hidden"
TEXT_KINDS = (PollKind.OPEN_TEXT, PollKind.WORD_CLOUD)

Counts = dict[str, tuple[int, Mark]]


def _reason(text: str | None, fallback: str) -> str:
    return " ".join((text or "").split()) or fallback


def session_moderation(facts: SessionFacts, k: int) -> Counts:
    """Each outcome counted alone; no total is shown, so no count can be derived.

    Published questions are all listed, so their number is never withheld.
    """
    raw: Counter[str] = Counter()
    for q in facts.questions:
        if q.status == QuestionStatus.PENDING:
            raw[
                "Questions still held for approval: "
                + _reason(q.hidden_reason, "awaiting approval")
            ] += 1
        elif q.status == QuestionStatus.HIDDEN:
            raw["Questions hidden: " + _reason(q.hidden_reason, "no reason given")] += 1
    answers = [a for p in facts.polls if p.kind in TEXT_KINDS for a in p.answers]
    counts: Counts = {PUBLISHED: (sum(q.public for q in facts.questions), Mark.SHOWN)}
    for label in sorted(raw):
        counts[label] = _primary(raw[label], k)
    counts[EDITED] = _primary(sum(q.edited for q in facts.questions), k)
    counts[ANSWERS_HELD] = _primary(
        sum(a.status == ResponseStatus.PENDING for a in answers), k
    )
    counts[ANSWERS_HIDDEN] = _primary(
        sum(a.status == ResponseStatus.HIDDEN for a in answers), k
    )
    return counts


def _primary(count: int, k: int) -> tuple[int, Mark]:
    return count, Mark.SMALL if count < k else Mark.SHOWN


def event_moderation(parts: Sequence[Counts], k: int) -> Counts:
    """Sessions added up; a sum that would reveal a session's count is withheld.

    Pass only sessions with something counted: each is then known to have a
    count of at least one somewhere, which the protection takes into account.
    """
    labels = list(dict.fromkeys(label for part in parts for label in part))
    absent = (0, Mark.SHOWN)  # a reason a session does not list did not occur there
    cells = [[part.get(label, absent)[0] for part in parts] for label in labels]
    grid = extend(cells)
    fixed = {
        (r, c): part.get(label, absent)[1]
        for r, label in enumerate(labels)
        for c, part in enumerate(parts)
    }
    fixed[(labels.index(PUBLISHED), len(parts))] = Mark.SHOWN
    shown = [[True] * (len(parts) + 1) for _ in labels] + [[False] * (len(parts) + 1)]
    floors = {(len(labels), c): 1 for c in range(len(parts))}
    try:
        marks = protect(grid, k, shown=shown, fixed=fixed, floors=floors)
    except CannotProtect:
        marks = [[Mark.ABSENT] * (len(parts) + 1) for _ in grid]
    return {label: (grid[r][-1], marks[r][-1]) for r, label in enumerate(labels)}


def moderation_table(counts: Counts, k: int) -> Table:
    return Table(
        "moderation",
        "Moderation",
        [
            Column("outcome", "What happened"),
            Column("items", "Items", "count", "Questions or answers."),
        ],
        [[label, count_cell(n, mark, k)] for label, (n, mark) in counts.items()],
        notes=[
            "Held and hidden items never appear in this summary; they are only "
            "counted here."
        ],
    )
