"""Poll results drawn as small SVG bar charts on the server: no script, no library.

Pure functions over the protocol's Results dicts (docs/protocol.md), so the page
that has no JavaScript and the first paint of every live page show the same chart
that static/js/charts.js draws for live updates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

WIDTH = 600
ROW_HEIGHT = 64
BAR_HEIGHT = 24
BAR_SPACE = 440  # room left after the bar for its value text
MAX_LABEL = 44
WORD_SIZES = 5
BAR_KINDS = {"single", "multiple", "rating", "ranking"}


@dataclass(frozen=True)
class Bar:
    """One row of a chart: what it is, how long it is, what number it shows."""

    label: str
    value: float
    text: str


def bar_chart(bars: Sequence[Bar], *, title: str) -> Markup:
    """An accessible horizontal bar chart; labels are escaped, lengths relative."""
    longest = max((bar.value for bar in bars), default=0) or 1
    height = max(len(bars), 1) * ROW_HEIGHT
    summary = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
    rows = "".join(_row(i, bar, longest) for i, bar in enumerate(bars))
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}: {escape(summary)}" '
        f'preserveAspectRatio="xMinYMin meet">{rows}</svg>'
    )


def _row(index: int, bar: Bar, longest: float) -> str:
    top = index * ROW_HEIGHT
    width = round(BAR_SPACE * bar.value / longest, 1)
    label = bar.label if len(bar.label) <= MAX_LABEL else bar.label[:MAX_LABEL] + "…"
    return (
        f'<g class="chart-row"><title>{escape(bar.label)}: {escape(bar.text)}</title>'
        f'<text class="chart-label" x="0" y="{top + 24}">{escape(label)}</text>'
        f'<rect class="chart-track" x="0" y="{top + 32}" width="{BAR_SPACE}" '
        f'height="{BAR_HEIGHT}" rx="3"></rect>'
        f'<rect class="chart-bar" x="0" y="{top + 32}" width="{width}" '
        f'height="{BAR_HEIGHT}" rx="3"></rect>'
        f'<text class="chart-value" x="{BAR_SPACE + 10}" y="{top + 52}">'
        f"{escape(bar.text)}</text></g>"
    )


def bars_for(kind: str, results: dict[str, Any], poll: dict[str, Any]) -> list[Bar]:
    """The bars that show a poll's results; empty for kinds drawn another way."""
    if kind in ("single", "multiple"):
        return [
            Bar(o["label"], o["count"], f"{o['count']} ({_percent(o)}%)")
            for o in results.get("options", [])
        ]
    if kind == "ranking":
        return [
            Bar(o["label"], o["borda"], _points(o["borda"]))
            for o in results.get("options", [])
        ]
    if kind == "rating":
        return [
            Bar(_rating_label(d["value"], poll), d["count"], str(d["count"]))
            for d in results.get("distribution", [])
        ]
    return []


def results_chart(poll: dict[str, Any], results: dict[str, Any]) -> Markup:
    """The SVG chart of a poll's shown results, or nothing for text kinds."""
    if poll["kind"] not in BAR_KINDS or not results.get("shown"):
        return Markup("")
    return bar_chart(bars_for(poll["kind"], results, poll), title=poll["question"])


def word_sizes(words: Sequence[dict[str, Any]]) -> list[tuple[str, int, int]]:
    """Each word with its count and a size step from 1 to 5 by its share of the top."""
    top = max((w["count"] for w in words), default=0) or 1
    return [
        (w["word"], w["count"], 1 + round((WORD_SIZES - 1) * w["count"] / top))
        for w in words
    ]


def _points(borda: int) -> str:
    return "1 point" if borda == 1 else f"{borda} points"


def _percent(option: dict[str, Any]) -> int:
    return round(option.get("percent") or 0)


def _rating_label(value: int, poll: dict[str, Any]) -> str:
    if value == 1 and poll.get("scale_min_label"):
        return f"1 – {poll['scale_min_label']}"
    if value == poll.get("scale_max") and poll.get("scale_max_label"):
        return f"{value} – {poll['scale_max_label']}"
    return str(value)
