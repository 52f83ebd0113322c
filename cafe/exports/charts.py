"""Small horizontal bar charts as SVG, drawn on the server for the PDF."""

from __future__ import annotations

from markupsafe import Markup, escape

from .tables import Table, Withheld, display

WIDTH = 480
ROW = 22
LABEL_SPACE = 190
BAR_SPACE = 220
MAX_LABEL = 32
BAR_COLOUR = "#1d4f73"
# Presentation attributes, not classes: WeasyPrint styles inline SVG by attribute.
TEXT = 'font-size="10" font-family="DejaVu Sans, sans-serif" fill="#111111"'


def bar_chart(table: Table) -> Markup:
    """Bars for a table with a chart; a withheld figure gets no bar, only its text."""
    chart = table.chart
    if chart is None:
        return Markup("")
    rows = table.rows[:-1] if chart.exclude_last else table.rows
    label_at, value_at = (
        table.column_index(chart.label_key),
        table.column_index(chart.value_key),
    )
    pairs = [(display(row[label_at]), row[value_at]) for row in rows]
    numbers = [v for _, v in pairs if _is_number(v)]
    if not numbers:
        return Markup("")
    longest = max(numbers) or 1
    height = len(pairs) * ROW + 4
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(_description(table.title, pairs))}">'
    ]
    for i, (label, value) in enumerate(pairs):
        parts.append(_bar(i, label, value, longest))
    parts.append("</svg>")
    return Markup("".join(parts))


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _description(title: str, pairs) -> str:
    return f"Bar chart, {title}: " + "; ".join(
        f"{label}: {display(v)}" for label, v in pairs
    )


def _bar(index: int, label: str, value, longest: float) -> str:
    top = index * ROW + 2
    short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
    width = round(BAR_SPACE * value / longest, 1) if _is_number(value) else 0
    text = value.text if isinstance(value, Withheld) else display(value)
    return (
        f'<text x="0" y="{top + 14}" {TEXT}>{escape(short)}</text>'
        f'<rect x="{LABEL_SPACE}" y="{top + 3}" width="{width}" height="{ROW - 8}" '
        f'fill="{BAR_COLOUR}"></rect>'
        f'<text x="{LABEL_SPACE + width + 6}" y="{top + 14}" {TEXT}>'
        f"{escape(text)}</text>"
    )
