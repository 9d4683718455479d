"""The simulation report as typed records, one per section, built once and never changed.

`SimulationReport.to_dict()` is the `stemhulp simulate --json` document: keys in field order,
`metadata["key"]` where a key is not a Python name, tuples as lists. Its JSON Schema
(`stemhulp schema simulation`) and the data dictionary are generated from these classes
(`stemhulp.simulate.schema`); `metadata["doc"]` is each field's line there. n = `respondents`.
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs

from ..formats.records import document, from_document

Interval = tuple[float, float]  # a 95% interval [low, high]
Share = float | None  # a share in [0, 1]; None where its denominator is 0
PartyShares = dict[str, Share]  # party id -> share


def doc(text: str, **options: Any) -> Any:
    """A record field described by `text` (the schema's description, the data dictionary's line)."""
    return attrs.field(metadata={"doc": text, **options.pop("metadata", {})}, **options)


def _tupled(value: Any) -> tuple[Any, ...]:
    return tuple(value)


_COUNT = attrs.validators.ge(0)  # a number of respondents (or statements): never negative


def _within_unit(_: Any, field: attrs.Attribute[Any], value: float | None) -> None:
    """A share: None or in [0, 1]."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise ValueError(f"{field.name} must be a share in [0, 1], got {value!r}")


@attrs.frozen
class MarginBin:
    """One bin of the first–second margin histogram: [from, to) points."""

    low: float = doc("lower edge in points (inclusive)", metadata={"key": "from"})
    high: float = doc("upper edge in points (exclusive; the last bin includes 100)", metadata={"key": "to"})
    count: int = doc("respondents in the bin", validator=_COUNT)


@attrs.frozen
class Margin:
    """Best minus second-best main-method score, over respondents with two or more scored parties."""

    respondents: int = doc("respondents with two or more scored parties", validator=_COUNT)
    mean: float | None = doc("mean margin in points")
    quantiles: dict[str, float | None] = doc("`p10`, `p25`, `p50`, `p75`, `p90` in points (inverted CDF)")
    histogram: tuple[MarginBin, ...] = doc("respondents per margin bin", converter=_tupled)
    close_call_below: float = doc("the close-call threshold in points (5)")
    close_call_rate: Share = doc(
        "share of `margin.respondents` with a margin below the threshold", validator=_within_unit
    )
    close_call_interval: Interval | None = doc("Wilson, n = `margin.respondents`")


@attrs.frozen
class KendallTau:
    """Kendall's tau-b between two methods' party scores, per respondent of the tau sample."""

    methods: tuple[str, str] = doc("the two methods", converter=_tupled)
    respondents: int = doc("respondents with a defined tau")
    undefined: int = doc("respondents for whom tau is undefined (a constant ranking)")
    mean: float | None = doc("mean tau")
    q1: float | None = doc("first quartile")
    median: float | None = doc("median")
    q3: float | None = doc("third quartile")
    sd: float | None = doc("sample standard deviation of the per-respondent values")
    mean_interval: Interval | None = doc("normal 95% interval of the mean")


@attrs.frozen
class TopShareAgreement:
    """How alike two methods' top-share vectors over the parties are."""

    methods: tuple[str, str] = doc("the two methods", converter=_tupled)
    max_abs_difference: float | None = doc("largest absolute difference of a party's top share")
    correlation: float | None = doc("Pearson's correlation; null when a vector is constant")


@attrs.frozen
class Sensitivity:
    """The same respondents under each compared method (`--methods`, two or more)."""

    methods: tuple[str, ...] = doc("the compared methods, the order of the matrices", converter=_tupled)
    same_top: tuple[tuple[Share, ...], ...] = doc("share of respondents with the same top set under two methods")
    top_share: dict[str, PartyShares] = doc("per method, per party (n = that method's scored respondents)")
    tie_rate: dict[str, Share] = doc("per method: share of its scored respondents with a tied top")
    kendall_tau: tuple[KendallTau, ...] = doc("per pair of methods", converter=_tupled)
    tau_sample: int = doc("respondents in the tau sample (the first ones)")
    same_top_interval: tuple[tuple[Interval | None, ...], ...] = doc("Wilson, n = `respondents`")
    top_share_interval: dict[str, dict[str, Interval | None]] = doc("Wilson, n = the method's scored respondents")
    tie_rate_interval: dict[str, Interval | None] = doc("Wilson, n = the method's scored respondents")
    top_share_agreement: tuple[TopShareAgreement, ...] = doc("per pair of methods", converter=_tupled)


@attrs.frozen
class StatementInfluence:
    """How often changing one answer changes the top advice."""

    statement: str = doc("statement id")
    flip: Share = doc("share whose top set changes when this answer is flipped")
    drop: Share = doc("share whose top set changes when this answer is skipped")


@attrs.frozen
class StatementInfluenceInterval:
    """Wilson intervals of one statement's influence (n = `influence.respondents`)."""

    statement: str = doc("statement id")
    flip: Interval | None = doc("interval of `flip`")
    drop: Interval | None = doc("interval of `drop`")


@attrs.frozen
class Influence:
    """Statement influence over the first respondents (the influence sample)."""

    respondents: int = doc("respondents in the influence sample", validator=_COUNT)
    statements: tuple[StatementInfluence, ...] = doc("per statement, in quiz order", converter=_tupled)
    mean_flip: Share = doc("mean of `flip` over the statements")
    mean_drop: Share = doc("mean of `drop` over the statements")
    intervals: tuple[StatementInfluenceInterval, ...] = doc("per statement, in quiz order", converter=_tupled)


@attrs.frozen
class PartyAgreement:
    """Per party pair: how often the two take the same stance (the quiz itself, no respondents)."""

    parties: tuple[str, ...] = doc("party ids: the order of the rows and columns", converter=_tupled)
    matrix: tuple[tuple[Share, ...], ...] = doc("share of the compared statements with the same stance")
    compared: tuple[tuple[int, ...], ...] = doc("statements both parties take a stance on")


@attrs.frozen
class Dealbreakers:
    """`--dealbreakers`: who marked a deal-breaker, and how often each party was excluded by one."""

    respondents: int = doc("respondents who marked a deal-breaker", validator=_COUNT)
    share: Share = doc("their share of `respondents`", validator=_within_unit)
    excluded_share: PartyShares = doc(
        "per party: share of all respondents for whom it is on the other side of their deal-breaker (then unranked)"
    )


@attrs.frozen
class Recovery:
    """Party model: how often the copied party is the top advice, per noise level eps."""

    eps: tuple[float, ...] = doc("the noise levels: chance that an answer is changed", converter=_tupled)
    rate: tuple[Share, ...] = doc("per eps, over its scored respondents (ties split)", converter=_tupled)
    by_party: dict[str, tuple[Share, ...]] = doc("per origin party, per eps")
    respondents: tuple[int, ...] = doc("per eps: scored respondents", converter=_tupled)
    origin_share: PartyShares = doc("share of respondents copying each party")
    rate_interval: tuple[Interval | None, ...] = doc("Wilson, n = `recovery.respondents[e]`", converter=_tupled)
    by_party_interval: dict[str, tuple[Interval | None, ...]] = doc("Wilson, n = that party's scored respondents")
    origin_share_interval: dict[str, Interval | None] = doc("Wilson, n = `respondents`")


@attrs.frozen
class IntervalConventions:
    """How every interval of the report is computed, in words."""

    level: float = doc("the confidence level (0.95)")
    shares: str = doc("the interval of every share")
    kendall_tau: str = doc("the interval of the mean tau")
    replications: str = doc("the seeds and the interval across replications")


@attrs.frozen
class Spread:
    """A measure across replications."""

    mean: float | None = doc("mean over the replications where it is defined")
    sd: float | None = doc("sample standard deviation (n − 1); null for fewer than two")
    min: float | None = doc("smallest value")
    max: float | None = doc("largest value")
    interval: Interval | None = doc("Student's t 95% interval of the mean")


@attrs.frozen
class PerReplication:
    """Each replication's own values, replication 0 (the main run) first."""

    top_share: tuple[PartyShares, ...] = doc("per replication, per party", converter=_tupled)
    tie_rate: tuple[Share, ...] = doc("per replication", converter=_tupled)


@attrs.frozen
class Replications:
    """The run repeated with seeds derived from the main seed (`--replications` > 1)."""

    count: int = doc("number of replications, the main run included")
    seeds: tuple[int, ...] = doc("seed of each replication", converter=_tupled)
    top_share: dict[str, Spread] = doc("per party")
    bias_ratio: dict[str, Spread] = doc("per party")
    tie_rate: Spread = doc("the tie rate at the top")
    per_replication: PerReplication = doc("the values behind the spreads")


@attrs.frozen
class Provenance:
    """What made the report: the program, the quiz and the settings (`docs/reference/provenance.md`)."""

    stemhulp: str = doc("the stemhulp version")
    quiz: str | None = doc("quiz id")
    quiz_fingerprint: str | None = doc("`sha256:…` of the quiz's canonical JSON")
    seed: int | tuple[int, ...] | None = doc("the seed, or the list of replication seeds")
    settings: dict[str, Any] = doc(
        "respondents, model, parameters, method, methods, missing, salience, min_coverage, parties"
    )

    @classmethod
    def from_record(cls, origin: dict[str, Any]) -> Provenance:
        """From the `provenance` object the other outputs carry."""
        seed = origin["seed"]
        return cls(
            origin["stemhulp"],
            origin["quiz"],
            origin["quiz_fingerprint"],
            tuple(seed) if isinstance(seed, list) else seed,
            origin["settings"],
        )


@attrs.frozen
class SimulationReport:
    """The `stemhulp simulate --json` document: the run, every diagnostic with its interval, and what
    the quiz itself shows."""

    quiz: str = doc("quiz id")
    quiz_title: dict[str, str] = doc("the quiz's title: `nl`, `en`")
    party_names: dict[str, str] = doc("party id -> name")
    respondents: int = doc("simulated respondents (n)", validator=attrs.validators.ge(1))
    model: str = doc("respondent model: uniform, party, spatial, empirical")
    parameters: dict[str, Any] = doc(
        "`skip`, `important` (with `--dealbreakers` also `dealbreakers` and `dealbreaker_choice`, how "
        "they are picked), and the model's own: party: `eps` (list), `shares` ({party: weight} or "
        "null); spatial: `axes`, `discrimination`, `thresholds`; empirical: `answers` (the pool's file "
        "name), `answer_sets`; uniform: none"
    )
    method: str = doc("the main matching method")
    missing: str = doc("missing-answer policy")
    salience: bool = doc("party weights used as salience")
    seed: int = doc("the seed: with it the run repeats exactly")
    block_size: int = doc("respondents per block of random draws (65,536, smaller for long quizzes)")
    min_coverage: float = doc("share of a respondent's answers a party needs a stance on to be ranked")
    parties: tuple[str, ...] = doc("party ids: the order of every per-party list and array", converter=_tupled)
    scored: int = doc("respondents with at least one comparable score", validator=_COUNT)
    without_score: int = doc("respondents without any comparable score", validator=_COUNT)
    top_share: PartyShares = doc("share of `scored` whose top advice is the party (ties split equally)")
    top_share_interval: dict[str, Interval | None] = doc("Wilson, n = `scored`")
    bias_ratio: PartyShares = doc("top share × parties (1 = a fair share)")
    mean_score: PartyShares = doc("mean score 0–100, over respondents for whom the party has a score")
    rank_distribution: dict[str, PartyShares] = doc('per party: share with competition rank "1" … "P", "none"')
    tie_rate: Share = doc("share of `scored` with a tied top", validator=_within_unit)
    tie_sizes: dict[str, int] = doc('respondents per top-set size "1" … "P"')
    margin: Margin = doc("the first–second margin")
    unranked_share: PartyShares = doc("share of respondents for whom the party is unranked (coverage rule)")
    dealbreakers: Dealbreakers | None = doc("null unless `--dealbreakers` > 0")
    sensitivity: Sensitivity | None = doc("method sensitivity; null without two `--methods`")
    influence: Influence = doc("statement influence")
    party_agreement: PartyAgreement = doc("stance agreement between the parties")
    party_flags: dict[str, tuple[str, ...]] = doc("per party: flags such as constant or evasive stances")
    consensus_statements: tuple[str, ...] = doc(
        "statements on which every party takes the same stance", converter=_tupled
    )
    recovery: Recovery | None = doc("party model only, else null")
    tie_rate_interval: Interval | None = doc("Wilson, n = `scored`")
    bias_ratio_interval: dict[str, Interval | None] = doc("the top-share interval × parties")
    rank_distribution_interval: dict[str, dict[str, Interval | None]] = doc("Wilson, n = `respondents`")
    intervals: IntervalConventions = doc("the interval conventions, in words")
    replications: Replications | None = doc("null unless `--replications` > 1")
    provenance: Provenance = doc("the program, quiz and settings that made the report")

    def __attrs_post_init__(self) -> None:
        if self.scored + self.without_score != self.respondents:
            raise ValueError(
                f"scored ({self.scored}) + without_score ({self.without_score}) must be the "
                f"respondents ({self.respondents})"
            )
        unknown = [p for p in self.top_share if p not in self.parties]
        if unknown or len(self.top_share) != len(self.parties):
            raise ValueError(f"top_share must have one share per party of `parties`, got {list(self.top_share)}")

    def __getitem__(self, key: str) -> Any:
        """0.2's report was a dict: `report["top_share"]` still reads its key for one release (warned)."""
        warnings.warn(
            "SimulationReport is a typed record: read report.top_share (or report.to_dict()[key]); "
            "indexing works until the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.to_dict()[key]

    def to_dict(self) -> dict[str, Any]:
        """The document `stemhulp simulate --json` prints."""
        data: dict[str, Any] = document(self)
        return data

    @classmethod
    def from_dict(cls, data: Any, source: str = "report") -> tuple[SimulationReport | None, list[str]]:
        """The report a saved document holds, or None and the problems (each naming `source` and the key)."""
        return from_document(cls, data, source)
