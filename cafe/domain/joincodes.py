"""Short join codes that are easy to read aloud and to type."""

from __future__ import annotations

import random
import re

# No 0/O, 1/I/L: they are confused when read aloud or typed on a phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
_SEPARATORS = re.compile(r"[\s\-_.]")


def new_code(rng: random.Random | None = None) -> str:
    rng = rng or random.SystemRandom()
    return "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(text: str) -> str:
    """Upper-case a typed code and drop spaces and dashes ("abc-234" -> "ABC234")."""
    return _SEPARATORS.sub("", (text or "").upper())


def looks_valid(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(c in ALPHABET for c in code)


def spaced(code: str) -> str:
    """The code in two groups of three, for reading aloud and large print."""
    return f"{code[:3]} {code[3:]}"
