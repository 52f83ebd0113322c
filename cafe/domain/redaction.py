"""Taking personal data out of participant text before anyone else sees it.

Pure functions: phone numbers, e-mail addresses, UK postcodes and listed names
are replaced by a bracketed label. Hosts keep the original; the presenter screen,
other participants and exports get the redacted text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

PHONE = "[phone number]"
EMAIL = "[e-mail address]"
POSTCODE = "[postcode]"
NAME = "[name]"
LABELS = (PHONE, EMAIL, POSTCODE, NAME)

# A label already in the text is kept as it is, so redacting twice changes nothing.
_KEEP = "|".join(re.escape(label) for label in LABELS)
_EMAIL = (
    r"[^\s@<>()\[\]\\,;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+"
)
# UK numbers start with 0, +44 or 0044 (perhaps "+44 (0)"); others with + or 00.
# Digits may be grouped by spaces, dots, hyphens or brackets. 10 to 15 digits make
# a phone number; shorter ones (999, 111, 116 123) are helplines, left alone.
_PHONE = (
    r"(?<![\w+])"
    r"(?:(?:\+|00)[ \t]?\d{1,3}[ \t.\-]?(?:\(0\)[ \t.\-]?)?|\(?0)"
    r"(?:[ \t.\-()]{0,2}\d){8,13}"
    r"(?!\d)"
)
_PHONE_DIGITS = range(10, 16)
# Every full UK postcode shape (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA,
# AA9A 9AA), in any case, with or without the space.
_POSTCODE = (
    r"(?<![A-Za-z0-9])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ \t]?\d[ABD-HJLNP-UW-Z]{2}"
    r"|GIR[ \t]?0AA)(?![A-Za-z0-9])"
)


def redact(text: str, names: Iterable[str] = ()) -> str:
    """The text with phone numbers, e-mail addresses, UK postcodes and the given
    names (whole words, any case) replaced by their labels."""
    if not text:
        return text
    listed = tuple(sorted({" ".join(n.split()) for n in names if n.strip()}))
    return _pattern(listed).sub(_replacement, text)


def redact_for_export(text: str | None, names: Iterable[str] = ()) -> str:
    """Text fit for a summary: redacted again with today's list, never None."""
    return redact(text or "", names)


def _replacement(match: re.Match[str]) -> str:
    kind = match.lastgroup
    found = match.group(0)
    if kind == "phone":
        digits = sum(c.isdigit() for c in found)
        return PHONE if digits in _PHONE_DIGITS else found
    return {"email": EMAIL, "postcode": POSTCODE, "name": NAME}.get(kind, found)


@lru_cache(maxsize=32)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pass over the text: earlier alternatives win where several start."""
    parts = [
        f"(?P<keep>{_KEEP})",
        f"(?P<email>{_EMAIL})",
        f"(?P<phone>{_PHONE})",
        f"(?P<postcode>{_POSTCODE})",
    ]
    if names:
        # Longest first, so "Ann Smith" wins over "Ann"; any spacing between words.
        words = [
            r"\s+".join(re.escape(word) for word in name.split())
            for name in sorted(names, key=len, reverse=True)
        ]
        parts.append(r"(?P<name>(?<!\w)(?:" + "|".join(words) + r")(?!\w))")
    return re.compile("|".join(parts), re.IGNORECASE)
