"""A small profanity filter for questions and poll answers shown to a room."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Strong swear words only: milder words and drug slang belong in a recovery
# conversation and must not be blocked.
DEFAULT_WORDS = (
    "arsehole",
    "asshole",
    "bastard",
    "bitch",
    "bollocks",
    "bullshit",
    "cunt",
    "dickhead",
    "fuck",
    "fucked",
    "fucker",
    "fucking",
    "motherfucker",
    "shit",
    "shite",
    "twat",
    "wanker",
)

# Digits and symbols people use to dodge a filter ("sh1t", "$hit", "@rse").
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"})
_LEET_SYMBOLS = (("@", "a"), ("$", "s"))
_BANG_BEFORE_LETTER = re.compile(r"!(?=[a-z])")


def normalise(text: str) -> str:
    """Lower-case text with accents dropped and look-alike characters replaced."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(_LEET)
    for symbol, letter in _LEET_SYMBOLS:
        plain = plain.replace(symbol, letter)
    # "!" stands for "i" inside a word, but ends a sentence after one.
    return _BANG_BEFORE_LETTER.sub("i", plain)


def _word_pattern(word: str) -> str:
    """A pattern for one word or phrase in which each letter may be repeated."""
    parts = normalise(word).split()
    letters = ["".join(f"{re.escape(c)}+" for c in part) for part in parts]
    return r"[^a-z]+".join(letters)


class ProfanityFilter:
    """Finds listed words as whole words, ignoring case, look-alikes and repeats."""

    def __init__(self, words: Iterable[str]) -> None:
        patterns = sorted({_word_pattern(w) for w in words if w.strip()})
        self._regex = (
            re.compile(r"(?<![a-z])(?:" + "|".join(patterns) + r")(?![a-z])")
            if patterns
            else None
        )

    @classmethod
    def default(cls) -> ProfanityFilter:
        return cls(DEFAULT_WORDS)

    def matches(self, text: str) -> bool:
        """Whether the text contains one of the listed words."""
        if self._regex is None or not text:
            return False
        return self._regex.search(normalise(text)) is not None
