"""Party profiles: how often each party takes a side, and flags for constant or evasive parties.

A party that answers every statement the same way (all neutral, all agree) or takes no side on
most statements can win advice by position alone (see the study in docs/explanation/trust.md). The flags make that
visible in `match --json`, the quiz result, `simulate` and the quiz-quality report.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..texts.wordfields import label_in, words
from .model import Quiz

EVASIVE_SHARE = 0.75  # neutral or no stance on at least this share of the statements


@attrs.frozen
class Flag:
    """One party flag: its code (in JSON), what it means (English, for reports and warnings) and its
    words for quiz takers in each language (`label_nl`, `label_en`; `label(lang)` says them)."""

    code: str = attrs.field(validator=words)
    meaning: str = attrs.field(validator=words)
    label_nl: str = attrs.field(validator=words)
    label_en: str = attrs.field(validator=words)

    def label(self, lang: str) -> str:
        """The words for quiz takers in `lang`."""
        return label_in(self, lang)


# The flag registry: adding a flag is one entry here (its words included).
FLAG_REGISTRY: tuple[Flag, ...] = (
    Flag(
        "constant",
        "takes the same stance on every statement it has a stance on",
        label_nl="neemt overal hetzelfde standpunt in",
        label_en="takes the same position everywhere",
    ),
    Flag(
        "evasive",
        f"takes no side (neutral or no stance) on at least {EVASIVE_SHARE:.0%} of the statements",
        label_nl="kiest bij de meeste stellingen geen kant",
        label_en="takes no side on most statements",
    ),
    Flag(
        "mostly_silent",
        "has no stance on more than half of the statements",
        label_nl="heeft bij de meeste stellingen geen standpunt",
        label_en="has no position on most statements",
    ),
)
FLAGS = {flag.code: flag.meaning for flag in FLAG_REGISTRY}
FLAG_BY_CODE = {flag.code: flag for flag in FLAG_REGISTRY}


@attrs.frozen
class PartyProfile:
    """One party over the quiz's main statements."""

    party: str
    statements: int
    stances: int  # statements with a coded stance
    neutral: int  # stances at the centre of an odd scale
    same_option: str | None  # the option of a constant party, else None

    @property
    def stance_share(self) -> float:
        return self.stances / self.statements if self.statements else 0.0

    @property
    def neutral_share(self) -> float:
        """Neutral stances among the party's stances."""
        return self.neutral / self.stances if self.stances else 0.0

    @property
    def sideless_share(self) -> float:
        """Statements where the party takes no side: neutral or no stance."""
        return (self.statements - self.stances + self.neutral) / self.statements if self.statements else 0.0

    @property
    def flags(self) -> tuple[str, ...]:
        flags = []
        if self.same_option is not None:
            flags.append("constant")
        if self.statements and self.sideless_share >= EVASIVE_SHARE:
            flags.append("evasive")
        if self.stances * 2 < self.statements:
            flags.append("mostly_silent")
        return tuple(flags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "statements": self.statements,
            "stances": self.stances,
            "neutral": self.neutral,
            "stance_share": self.stance_share,
            "neutral_share": self.neutral_share,
            "sideless_share": self.sideless_share,
            "same_option": self.same_option,
            "flags": list(self.flags),
        }


def party_profile(quiz: Quiz) -> dict[str, PartyProfile]:
    """Per party (quiz order): stance share, neutral share and flags over the main statements."""
    size = quiz.scale.size
    centre = (size - 1) // 2 if size % 2 else None
    profiles = {}
    for party, codes in zip(quiz.parties, quiz.cells.main_by_party.tolist(), strict=True):
        taken = [c for c in codes if c >= 0]
        same = quiz.scale.options[taken[0]] if len(set(taken)) == 1 else None  # one stance included
        profiles[party.id] = PartyProfile(party.id, len(codes), len(taken), sum(1 for c in taken if c == centre), same)
    return profiles
