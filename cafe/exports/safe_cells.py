"""Keep spreadsheet programs from running text as a formula.

A cell that starts with = + - @, a tab or a carriage return may be read as a
formula (CSV injection). Such text gets a leading apostrophe, which spreadsheet
programs show as plain text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """The text, prefixed with ' when a spreadsheet could take it for a formula."""
    return "'" + text if is_risky(text) else text
