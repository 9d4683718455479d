"""Match results: a ranking with explicit ties, coverage, theme sub-scores and a per-statement why."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import UnknownPartyError
from ..quiz.scale import coordinate
from .unranked import DEALBREAKER, FEW_STANCES, NOTHING_TO_COMPARE

if TYPE_CHECKING:
    from ..quiz.model import Position, Statement
    from .methods import MethodName, PolicyName
    from .stability import Stability
    from .unranked import UnrankedReason

CLOSE_CALL = 5.0  # points: a first-second margin below this is a close call (the quiz offers tie-breaks)


def is_close_call(margin: float) -> bool:
    """Whether the first and second party are close enough to offer tie-break statements."""
    return margin < CLOSE_CALL


@attrs.frozen
class Coverage:
    """Of the statements the user answered, how many the party takes a stance on."""

    answered: int
    with_stance: int

    @property
    def share(self) -> float | None:
        """The share of the answered statements the party has a stance on (None: none answered)."""
        return self.with_stance / self.answered if self.answered else None

    def to_dict(self) -> dict[str, Any]:
        return {"answered": self.answered, "with_stance": self.with_stance, "share": self.share}


@attrs.frozen
class Comparison:
    """One statement in a party's breakdown: your answer next to its stance, and its quote."""

    statement: str
    theme: str
    answer: str | None  # option name, None when skipped or not answered
    important: bool
    position: str | None  # option name, None for no stance
    agreement: str  # agree | partly | disagree | no_stance | skipped
    quote: str | None
    source: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "theme": self.theme,
            "answer": self.answer,  # attrs.asdict, 10× faster
            "important": self.important,
            "position": self.position,
            "agreement": self.agreement,
            "quote": self.quote,
            "source": self.source,
        }


@attrs.frozen
class RankEntry:
    """One party's place in the ranking."""

    party: str
    name: str
    score: float | None
    rank: int | None
    coverage: Coverage
    themes: Mapping[str, float | None] = attrs.field(factory=dict)
    comparisons: tuple[Comparison, ...] = attrs.field(default=(), repr=False)
    ranked: bool = True  # False: listed after the ranked parties (see `coverage.ranked_mask`)
    flags: tuple[str, ...] = ()  # from `profiles.party_profile`: constant, evasive, mostly_silent
    excluded_by: tuple[str, ...] = ()  # the deal-breakers it is on the other side of (then not ranked)
    # each of `comparisons` as JSON text, when a `Matcher` had them prepared (a server splices them in)
    statements_json: tuple[bytes, ...] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def excluded(self) -> bool:
        """True when the party is on the other side of one of your deal-breakers (listed apart)."""
        return bool(self.excluded_by)

    @property
    def unranked_reason(self) -> str | None:
        """Why the party is not ranked: too few stances on your answers, or nothing comparable."""
        if self.ranked:
            return None
        return self.unranked_why.reason if self.unranked_why else None

    @property
    def unranked_why(self) -> UnrankedReason | None:
        """The registry entry (`coverage.UNRANKED_REASONS`) saying why the party is not ranked."""
        if self.ranked:
            return None
        if self.excluded_by:
            return DEALBREAKER
        return NOTHING_TO_COMPARE if self.score is None else FEW_STANCES

    def to_dict(self) -> dict[str, Any]:
        data = self.outline()
        data["statements"] = [c.to_dict() for c in self.comparisons]
        return data

    def outline(self) -> dict[str, Any]:
        """`to_dict()` with "statements" left None (a server splices in their prepared JSON)."""
        return {
            "party": self.party,
            "name": self.name,
            "score": self.score,
            "rank": self.rank,
            "coverage": self.coverage.to_dict(),
            "themes": dict(self.themes),
            "statements": None,
            "ranked": self.ranked,
            "unranked_reason": self.unranked_reason,
            "flags": list(self.flags),
            "excluded_by": list(self.excluded_by),
        }


@attrs.frozen
class MatchResult:
    """The outcome of `stemhulp.match`: `ranking` is best first."""

    quiz: str
    method: MethodName
    missing: PolicyName
    salience: bool
    ranking: tuple[RankEntry, ...]
    min_coverage: float = 0.0
    stability: Stability | None = None  # how firm the top advice is
    quiz_fingerprint: str | None = None  # `Quiz.fingerprint` of the quiz matched against
    dealbreakers: tuple[str, ...] = ()  # the statements marked as deal-breakers

    @property
    def excluded(self) -> tuple[RankEntry, ...]:
        """The parties on the other side of a deal-breaker, listed apart (after everyone else)."""
        return tuple(e for e in self.ranking if e.excluded_by)

    def entry(self, party: str) -> RankEntry:
        """The ranking entry of `party` (KeyError when it was not compared)."""
        if not isinstance(party, str):
            raise UnknownPartyError(f"party must be a party id (text), got {type(party).__name__}")
        for entry in self.ranking:
            if entry.party == party:
                return entry
        raise UnknownPartyError(f"party {party!r} was not compared; compared: {[e.party for e in self.ranking]}")

    def breakdown(self, party: str) -> tuple[Comparison, ...]:
        """Per statement: your answer, the party's stance, agree/partly/disagree, and its quote."""
        return self.entry(party).comparisons

    def top_margin(self) -> float | None:
        """Points between the first and the second ranked party, None with fewer than two."""
        scores = [e.score for e in self.ranking if e.score is not None and e.rank is not None]
        return scores[0] - scores[1] if len(scores) >= 2 else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON document `stemhulp match --json` prints."""
        return self._document([entry.to_dict() for entry in self.ranking])

    def outline(self) -> dict[str, Any]:
        """`to_dict()` with every entry's "statements" left None (see `RankEntry.outline`)."""
        return self._document([entry.outline() for entry in self.ranking])

    def _document(self, results: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "quiz": self.quiz,
            "method": self.method,
            "missing": self.missing,
            "salience": self.salience,
            "results": results,
            "dealbreakers": list(self.dealbreakers),
            "excluded": [e.party for e in self.ranking if e.excluded_by],
            "min_coverage": self.min_coverage,
            "stability": None if self.stability is None else self.stability.to_dict(),
            "provenance": self.provenance(),
        }

    def provenance(self) -> dict[str, Any]:
        """Where this result came from: version, quiz fingerprint, the stability seed and the settings."""
        from ..formats.provenance import record

        return record(
            self.quiz,
            self.quiz_fingerprint,
            seed=None if self.stability is None else self.stability.seed,
            method=self.method,
            missing=self.missing,
            salience=self.salience,
            min_coverage=self.min_coverage,
        )


def agreement(user: float | None, party: float | None) -> str:
    """Compare positions themselves: same option, opposite sides, or partly (in between)."""
    if user is None:
        return "skipped"
    if party is None:
        return "no_stance"
    if abs(user - party) < 1e-12:
        return "agree"
    if user * party < 0:
        return "disagree"
    return "partly"


RowMaker = Callable[["Statement", int, bool, int, "Position | None"], Comparison]


def row_maker(options: Sequence[str]) -> RowMaker:
    """A function making one breakdown row from option codes (-1: not answered / no stance): the
    words and the agreement come from tables over (answer, stance), worked out once per scale."""
    words: list[str | None] = [None, *options]  # by code + 1
    points: list[float | None] = [None, *(coordinate(c, len(options)) for c in range(len(options)))]
    verdicts = [[agreement(user, party) for party in points] for user in points]

    def row(statement: Statement, answer: int, important: bool, stance: int, position: Position | None) -> Comparison:
        return Comparison(
            statement.id,
            statement.theme,
            words[answer + 1],
            important,
            words[stance + 1],
            verdicts[answer + 1][stance + 1],
            position.quote if position else None,
            position.source if position else None,
        )

    return row
