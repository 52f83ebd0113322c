"""Questions people asked, ranked by upvotes, with the hosts' replies."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import QuestionStatus
from .facts import SessionFacts
from .suppression import Mark
from .tables import Column, Table, Value, count_cell

STATUS_LABELS = {
    QuestionStatus.LIVE: "Not answered",
    QuestionStatus.ANSWERED: "Answered",
    QuestionStatus.CLOSED: "Closed",
}


def questions_table(sessions: Sequence[SessionFacts], k: int, *, event: bool) -> Table:
    """Published questions only, most upvoted first; held or hidden ones never."""
    entries = [(s.title, q) for s in sessions for q in s.questions if q.public]
    entries.sort(key=lambda e: (-e[1].upvotes, e[1].created_at, e[1].id))
    columns = [
        Column("rank", "Rank", "number", "Position when sorted by upvotes."),
        Column("question", "Question", description="As published, after moderation."),
    ]
    if event:
        columns.append(Column("session", "Session"))
    columns += [
        Column("upvotes", "Upvotes", "count", "People who upvoted the question."),
        Column("status", "Status", description="Answered, not answered or closed."),
        Column("reply", "Host reply", description="The host's written reply, if any."),
    ]
    rows: list[list[Value]] = []
    for rank, (title, question) in enumerate(entries, start=1):
        mark = Mark.SMALL if question.upvotes < k else Mark.SHOWN
        row: list[Value] = [rank, question.body]
        if event:
            row.append(title)
        row += [
            count_cell(question.upvotes, mark, k),
            STATUS_LABELS[question.status],
            question.reply or "",
        ]
        rows.append(row)
    return Table("questions", "Questions, most upvoted first", columns, rows)


def question_status_table(sessions: Sequence[SessionFacts]) -> Table:
    """How many published questions were answered; each is listed, so no count
    here can reveal more than the list does."""
    public = [q for s in sessions for q in s.questions if q.public]
    counts = {
        status: sum(q.status == status for q in public) for status in STATUS_LABELS
    }
    return Table(
        "question_status",
        "Answered and unanswered questions",
        [
            Column("status", "Status"),
            Column("questions", "Questions", "number", "A count of questions."),
        ],
        [
            ["Answered", counts[QuestionStatus.ANSWERED]],
            ["Not answered", counts[QuestionStatus.LIVE]],
            ["Closed", counts[QuestionStatus.CLOSED]],
            ["All published questions", len(public)],
        ],
    )
