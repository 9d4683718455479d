"""Why a party has no place in a ranking: the registry of unranked reasons, with their words.

Kept apart from `coverage` (numpy) so the text table can read the words without loading numpy.
"""

from __future__ import annotations

import attrs

from ..texts.wordfields import label_in, words


@attrs.frozen
class UnrankedReason:
    """Why a party has no place: its code, its English text (JSON's `unranked_reason`) and its words
    for quiz takers in each language (`label_nl`, `label_en`; `label(lang)` says them)."""

    code: str = attrs.field(validator=words)
    reason: str = attrs.field(validator=words)
    label_nl: str = attrs.field(validator=words)
    label_en: str = attrs.field(validator=words)

    def label(self, lang: str) -> str:
        """The words for quiz takers in `lang`."""
        return label_in(self, lang)


# The unranked reasons: adding one is one entry here (its words included).
FEW_STANCES = UnrankedReason(
    "few_stances",
    "too few stances on your answers",
    label_nl="te weinig standpunten bij jouw antwoorden",
    label_en="too few stances on your answers",
)
NOTHING_TO_COMPARE = UnrankedReason(
    "nothing_to_compare",
    "nothing to compare",
    label_nl="niet te vergelijken",
    label_en="nothing to compare",
)
DEALBREAKER = UnrankedReason(
    "dealbreaker",
    "on the other side of one of your deal-breakers",
    label_nl="uitgesloten door jouw breekpunt",
    label_en="excluded by your deal-breaker",
)
UNRANKED_REASONS: tuple[UnrankedReason, ...] = (FEW_STANCES, NOTHING_TO_COMPARE, DEALBREAKER)
