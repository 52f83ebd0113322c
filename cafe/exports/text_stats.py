"""Most frequent words and two-word phrases in moderated free text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MIN_WORD_LENGTH = 3
_STOPWORD_TEXT = """
    about above after again against all also and any are aren't because been before
    being below between both but can can't cannot could couldn't did didn't does
    doesn't doing don't down during each few for from further get got had hadn't
    has hasn't have haven't having her here hers herself him himself his how i'm
    i've into isn't it's its itself just let's more most much must mustn't myself
    nor not now off once one only other our ours ourselves out over own really same
    she she's should shouldn't some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this
    those through too under until very was wasn't we'd we'll we're we've were
    weren't what what's when where which while who whom why will with won't would
    wouldn't you you'd you'll you're you've your yours yourself yourselves yes
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes kept, digits and punctuation dropped."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def _keep(word: str) -> bool:
    return len(word) >= MIN_WORD_LENGTH and word not in STOPWORDS


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How many answers use each meaningful word (once per answer)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w for w in words(text) if _keep(w)})
    return counts


def phrase_counts(texts: Iterable[str]) -> Counter[str]:
    """How many answers use each pair of adjacent meaningful words."""
    counts: Counter[str] = Counter()
    for text in texts:
        tokens = words(text)
        counts.update(
            {
                f"{a} {b}"
                for a, b in zip(tokens, tokens[1:], strict=False)
                if _keep(a) and _keep(b)
            }
        )
    return counts


def entry_counts(texts: Iterable[str]) -> Counter[str]:
    """Word-cloud entries, compared without case, extra spaces or end punctuation."""
    entries = (" ".join(t.lower().split()).strip(".,;:!?\"'") for t in texts)
    return Counter(e for e in entries if e)


def top(counts: Counter[str], limit: int, minimum: int = 1) -> list[tuple[str, int]]:
    """The most frequent items, ties in alphabetical order."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [item for item in ranked if item[1] >= minimum][:limit]
