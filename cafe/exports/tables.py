"""What a summary is made of: sections of tables whose cells may be withheld."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

from .suppression import Mark

SECONDARY_TEXT = "[c]"


@dataclass(frozen=True)
class Withheld:
    """A figure not shown: a count below k, or one withheld to protect another."""

    small: bool
    k: int

    @property
    def text(self) -> str:
        return f"<{self.k}" if self.small else SECONDARY_TEXT

    def __str__(self) -> str:
        return self.text


Value = str | int | float | date | datetime | Withheld | None


def count_cell(value: int, mark: Mark, k: int) -> Value:
    """A count as published under its mark."""
    if mark == Mark.SHOWN:
        return value
    if mark == Mark.SMALL:
        return Withheld(small=True, k=k)
    if mark == Mark.SECONDARY:
        return Withheld(small=False, k=k)
    return None


def percent_cell(count: Value, denominator: Value, value: int, n: int, k: int) -> Value:
    """A whole-number percentage, withheld when its count or denominator is."""
    if isinstance(count, Withheld) or isinstance(denominator, Withheld):
        return Withheld(small=False, k=k)
    if count is None or denominator is None or not n:
        return None
    return half_up(100 * value / n)


def half_up(number: float, places: int = 0) -> int | float:
    """Round halves up (12.5 -> 13), as readers expect, not to even."""
    scale = 10**places
    rounded = math.floor(number * scale + 0.5) / scale
    return int(rounded) if places == 0 else rounded


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, count, percent, number, date
    description: str = ""


@dataclass
class Chart:
    """A bar chart for the PDF: which column labels the bars and which sizes them."""

    label_key: str
    value_key: str
    exclude_last: bool = False  # the last row is a total, not a bar


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Value]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chart: Chart | None = None

    def column_index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Summary:
    """A whole summary, ready for any encoder."""

    scope: str  # session, event or series
    title: str
    subtitle: str
    generated_at: datetime
    k: int
    suppression_rule: str
    method: Table
    sections: list[Section]

    def tables(self) -> list[Table]:
        """Every table, the method first, in reading order."""
        return [self.method] + [t for s in self.sections for t in s.tables]


def display(value: Value) -> str:
    """The text a reader sees for a value."""
    if value is None:
        return ""
    if isinstance(value, Withheld):
        return value.text
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
