"""Poll results: counts and percentages, averages, Borda points and words."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import PollKind, ResponseStatus
from . import text_stats
from .facts import AnswerFact, PollFact
from .suppression import Mark, protect_list
from .tables import (
    Chart,
    Column,
    Table,
    Value,
    Withheld,
    count_cell,
    half_up,
    percent_cell,
)

KIND_LABELS = {
    PollKind.SINGLE: "Single choice",
    PollKind.MULTIPLE: "Multiple choice",
    PollKind.RATING: "Rating scale",
    PollKind.WORD_CLOUD: "Word cloud",
    PollKind.OPEN_TEXT: "Open text",
    PollKind.RANKING: "Ranking",
}
COUNTED_KINDS = (PollKind.SINGLE, PollKind.MULTIPLE, PollKind.RATING, PollKind.RANKING)
TOP_WORDS = 30
TOP_TEXT_WORDS = 15
TOP_PHRASES = 10
DEFAULT_SCALE = 5


@dataclass
class PollFigures:
    """One poll's protected results; the series view reuses them as they are."""

    poll: PollFact
    number: int
    n: int
    n_mark: Mark
    labels: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)  # Borda points for rankings
    marks: list[Mark] = field(default_factory=list)
    average: float | None = None
    tables: list[Table] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        """Did at least k people answer? Below that no result is shown."""
        return self.n_mark != Mark.SMALL

    @property
    def prefix(self) -> str:
        return f"poll_{self.number}"


def visible_answers(poll: PollFact) -> list[AnswerFact]:
    return [a for a in poll.answers if a.status == ResponseStatus.VISIBLE]


def row_labels(poll: PollFact) -> list[str]:
    """Options, or scale points with their end labels."""
    if poll.kind != PollKind.RATING:
        return [label for _, label in poll.options]
    top = poll.scale_max or DEFAULT_SCALE
    names = {1: poll.scale_min_label, top: poll.scale_max_label}
    return [f"{v} ({names[v]})" if names.get(v) else str(v) for v in range(1, top + 1)]


def row_counts(poll: PollFact, answers: list[AnswerFact]) -> list[int]:
    """People per option or scale point; for a ranking, people who put it first."""
    if poll.kind == PollKind.RATING:
        top = poll.scale_max or DEFAULT_SCALE
        return [sum(a.rating == v for a in answers) for v in range(1, top + 1)]
    if poll.kind == PollKind.RANKING:
        return [
            sum(a.option_ids[:1] == (oid,) for a in answers) for oid, _ in poll.options
        ]
    return [sum(oid in a.option_ids for a in answers) for oid, _ in poll.options]


def borda_points(poll: PollFact, answers: list[AnswerFact]) -> list[int]:
    """m-1 points for each first place, m-2 for each second, ... 0 for last."""
    index = {oid: i for i, (oid, _) in enumerate(poll.options)}
    last = len(poll.options) - 1
    points = [0] * len(poll.options)
    for answer in answers:
        for position, oid in enumerate(answer.option_ids):
            if oid in index:
                points[index[oid]] += last - position
    return points


def counted_answers(poll: PollFact) -> list[AnswerFact]:
    """Visible answers; for counted kinds, only those that name a known choice."""
    answers = visible_answers(poll)
    ids = {oid for oid, _ in poll.options}
    if poll.kind == PollKind.RATING:
        top = poll.scale_max or DEFAULT_SCALE
        return [a for a in answers if a.rating is not None and 1 <= a.rating <= top]
    if poll.kind in (PollKind.SINGLE, PollKind.RANKING):
        return [a for a in answers if a.option_ids[:1] and a.option_ids[0] in ids]
    if poll.kind == PollKind.MULTIPLE:
        return [a for a in answers if ids.intersection(a.option_ids)]
    return answers


def poll_figures(poll: PollFact, number: int, k: int) -> PollFigures:
    """The protected results of one poll (its breakdown by role is added apart)."""
    answers = counted_answers(poll)
    n = len(answers)
    figures = PollFigures(poll, number, n, Mark.SMALL if n < k else Mark.SHOWN)
    if poll.kind in COUNTED_KINDS and figures.enough:
        _count_results(figures, answers, k)
    figures.tables.append(_summary_table(figures, k))
    if not figures.enough and poll.kind in COUNTED_KINDS:
        return figures
    if poll.kind == PollKind.WORD_CLOUD:
        figures.tables.append(_word_cloud_table(figures, answers, k))
    elif poll.kind == PollKind.OPEN_TEXT:
        figures.tables += _open_text_tables(figures, answers, k)
    else:
        figures.tables.append(_results_table(figures, k))
    return figures


def _count_results(figures: PollFigures, answers: list[AnswerFact], k: int) -> None:
    poll = figures.poll
    figures.labels = row_labels(poll)
    counts = row_counts(poll, answers)
    if poll.kind == PollKind.RANKING and len(poll.options) != 2:
        # With three or more options, points are not a count of people.
        figures.counts = borda_points(poll, answers)
        figures.marks = [Mark.SHOWN] * len(counts)
        return
    # With two options a ranking's points are the people who put each first.
    figures.counts = counts
    additive = poll.kind != PollKind.MULTIPLE
    marks = protect_list(counts, k, total_shown=additive)
    figures.marks = marks.items
    if additive:
        figures.n_mark = marks.total
    if poll.kind == PollKind.RATING and all(m == Mark.SHOWN for m in figures.marks):
        figures.average = sum(v * c for v, c in enumerate(counts, 1)) / figures.n


def _summary_table(figures: PollFigures, k: int) -> Table:
    poll = figures.poll
    rows: list[list[Value]] = [
        ["Question", poll.question],
        ["Type", KIND_LABELS[poll.kind]],
        ["Status", poll.status.value.capitalize()],
        ["People who answered", count_cell(figures.n, figures.n_mark, k)],
    ]
    if poll.kind == PollKind.RATING and figures.enough:
        rows.append(["Average rating", _average_cell(figures.average, k)])
    notes = []
    if not figures.enough and poll.kind in COUNTED_KINDS:
        notes.append(f"Fewer than {k} people answered, so the results are not shown.")
    return Table(
        f"{figures.prefix}_summary",
        f"Poll {figures.number}: {poll.question}",
        [Column("measure", "Measure"), Column("value", "Value")],
        rows,
        notes=notes,
    )


def _average_cell(average: float | None, k: int) -> Value:
    if average is None:
        return Withheld(small=False, k=k)
    return half_up(average, 1)


def _results_table(figures: PollFigures, k: int) -> Table:
    poll = figures.poll
    total = count_cell(figures.n, figures.n_mark, k)
    if poll.kind == PollKind.RANKING:
        columns = [
            Column("option", "Option"),
            Column("points", "Borda points", "number", BORDA_MEANING),
        ]
        rows = [
            [label, count_cell(points, mark, k)]
            for label, points, mark in zip(
                figures.labels, figures.counts, figures.marks, strict=True
            )
        ]
        rows.sort(key=lambda row: -_number(row[1]))
        return Table(
            f"{figures.prefix}_results",
            f"Poll {figures.number}: Borda points",
            columns,
            rows + [["People who answered", total]],
            chart=Chart("option", "points", exclude_last=True),
        )
    rows = []
    for label, count, mark in zip(
        figures.labels, figures.counts, figures.marks, strict=True
    ):
        cell = count_cell(count, mark, k)
        rows.append([label, cell, percent_cell(cell, total, count, figures.n, k)])
    rows.append(["People who answered", total, 100])
    notes = []
    if poll.kind == PollKind.MULTIPLE:
        notes.append("People could choose more than one option.")
    first = "Rating" if poll.kind == PollKind.RATING else "Option"
    return Table(
        f"{figures.prefix}_results",
        f"Poll {figures.number}: results",
        [
            Column("option", first),
            Column("people", "People", "count", "People who chose it."),
            Column("percent", "%", "percent", "Share of the people who answered."),
        ],
        rows,
        notes=notes,
        chart=Chart("option", "people", exclude_last=True),
    )


BORDA_MEANING = (
    "Borda points: with m options, m-1 points for each first place, m-2 for "
    "each second place, down to 0 for last."
)


def _number(value: Value) -> float:
    return value if isinstance(value, int | float) else -1


def _word_cloud_table(figures: PollFigures, answers: list[AnswerFact], k: int) -> Table:
    counts = text_stats.entry_counts(a.text or "" for a in answers)
    return _frequency_table(
        f"{figures.prefix}_words",
        f"Poll {figures.number}: words given",
        text_stats.top(counts, TOP_WORDS),
        k,
    )


def _open_text_tables(
    figures: PollFigures, answers: list[AnswerFact], k: int
) -> list[Table]:
    texts = sorted((a.text or "" for a in answers if a.text), key=str.casefold)
    listing = Table(
        f"{figures.prefix}_answers",
        f"Poll {figures.number}: answers shown after moderation",
        [Column("answer", "Answer", description="In alphabetical order.")],
        [[text] for text in texts],
    )
    words = text_stats.top(text_stats.word_counts(texts), TOP_TEXT_WORDS, 2)
    phrases = text_stats.top(text_stats.phrase_counts(texts), TOP_PHRASES, 2)
    return [
        listing,
        _frequency_table(
            f"{figures.prefix}_frequent_words", "Most frequent words", words, k
        ),
        _frequency_table(
            f"{figures.prefix}_frequent_phrases", "Most frequent phrases", phrases, k
        ),
    ]


def _frequency_table(key: str, title: str, items, k: int) -> Table:
    return Table(
        key,
        title,
        [
            Column("text", "Word or phrase"),
            Column("people", "Answers", "count", "Answers that use it."),
        ],
        [
            [text, count_cell(count, Mark.SMALL if count < k else Mark.SHOWN, k)]
            for text, count in items
        ],
        chart=Chart("text", "people"),
    )
