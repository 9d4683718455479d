"""Which parties belong to which municipality: one quiz can hold the programmes of several towns.

Names compare folded (`fold`): lower case, accents removed, hyphens as spaces, so "Den-Haag" finds
"den haag". The dialogue, `match(..., municipality=...)` and the web use these one rules.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Party, Quiz


def fold(text: str) -> str:
    """Lower case, accents removed, hyphens and runs of spaces as one space: how names compare."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-_]", " ", plain).split())


def municipalities(quiz: Quiz) -> list[str]:
    """The distinct municipalities of the quiz's parties, in order of first appearance."""
    return list(dict.fromkeys(p.municipality for p in quiz.parties if p.municipality))


def parties_in(quiz: Quiz, municipality: str | None) -> list[Party]:
    """The parties of `municipality` (all parties for None); a `KeyError` for an unknown one."""
    if municipality is None:
        return list(quiz.parties)
    found = [p for p in quiz.parties if p.municipality and fold(p.municipality) == fold(municipality)]
    if not found:
        raise KeyError(municipality)
    return found
