"""Which parties to compare: by municipality, when a quiz holds programmes from several places."""

from __future__ import annotations

from .errors import AnswersError
from .model import Quiz


def municipalities(quiz: Quiz) -> list[str]:
    """The distinct municipalities the parties carry, in party order (empty when none do)."""
    return list(dict.fromkeys(p.municipality for p in quiz.parties if p.municipality))


def parties_in(quiz: Quiz, municipality: str | None) -> list[str]:
    """The ids of the parties standing in `municipality`; every party when it is None (a comparison
    of programmes across places rather than a local voting advice)."""
    if municipality is None:
        return [p.id for p in quiz.parties]
    if municipality not in municipalities(quiz):
        raise AnswersError(f"municipality: unknown municipality {municipality!r}; "
                           f"choose one of {municipalities(quiz)}")
    return [p.id for p in quiz.parties if p.municipality == municipality]
