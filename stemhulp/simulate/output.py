"""What a simulation gives back: `SimulationResult`, its report built once from the merged tallies
(records of `report`), with the arrays and frame of `frames`."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs

from .diagnostics import (
    MICRO,
    Tally,
    _ratio,
    _split_share,
    margin_summary,
    method_pairs,
    tau_summary,
    top_shares,
    wilson,
)
from .report import (
    Dealbreakers,
    Influence,
    KendallTau,
    Margin,
    MarginBin,
    Provenance,
    Recovery,
    Replications,
    Sensitivity,
    SimulationReport,
    StatementInfluence,
    StatementInfluenceInterval,
)
from .uncertainty import CONVENTIONS, tau_spread, top_share_agreement


@attrs.frozen
class Context:
    """The quiz facts a report names: ids of the quiz, its parties (and their names), statements, axes."""

    quiz: str
    parties: tuple[str, ...]
    party_names: tuple[str, ...]
    statements: tuple[str, ...]
    axes: tuple[str, ...] = ()


@attrs.frozen
class SimulationResult:
    """The outcome of `stemhulp.simulate.simulate`: `report` is the typed report, `to_dict()` its
    JSON document."""

    report: SimulationReport = attrs.field(eq=False)

    @property
    def top_share(self) -> dict[str, float | None]:
        return self.report.top_share

    @property
    def tie_rate(self) -> float | None:
        return self.report.tie_rate

    def to_dict(self) -> dict[str, Any]:
        """The document `stemhulp simulate --json` prints."""
        return self.report.to_dict()

    # Arrays (numpy), parties in `parties` order, NaN where the report has None: `frames`.
    @property
    def parties(self) -> tuple[str, ...]:
        return self.report.parties

    @property
    def party_names(self) -> tuple[str, ...]:
        return tuple(self.report.party_names.get(p, p) for p in self.report.parties)

    @property
    def top_share_array(self) -> Any:
        from .frames import party_vector

        return party_vector(self.report.parties, self.report.top_share)

    @property
    def top_share_interval_array(self) -> Any:
        """(parties, 2): the Wilson 95% interval of each top share."""
        from .frames import interval_array

        return interval_array(self.report.parties, self.report.top_share_interval)

    @property
    def bias_ratio_array(self) -> Any:
        from .frames import party_vector

        return party_vector(self.report.parties, self.report.bias_ratio)

    @property
    def mean_score_array(self) -> Any:
        from .frames import party_vector

        return party_vector(self.report.parties, self.report.mean_score)

    @property
    def rank_array(self) -> Any:
        """(parties, parties + 1): share with rank 1 … P, last column no score."""
        from .frames import rank_array

        return rank_array(self.report)

    def to_frame(self) -> Any:
        """pandas DataFrame: one row per measure, one column per party name (`stemhulp[pandas]`)."""
        from .frames import to_frame

        return to_frame(self.report)


def build_report(
    context: Context,
    tally: Tally,
    header: dict[str, Any],
    methods: Sequence[str],
    sensitivity: Sequence[int],
    quiz_facts: dict[str, Any],
    eps: Sequence[float],
    replications: Replications | None,
    origin: dict[str, Any],
) -> SimulationReport:
    """The report of merged tallies: every share an exact fraction rounded once, with its interval."""
    parties = context.parties
    P, n = len(parties), tally.n
    scored = int(n - tally.tie_sizes[0, 0])
    shares = top_shares(tally, 0, parties)
    share_intervals = {p: wilson(s, scored) for p, s in shares.items()}
    ranks = {
        p: {
            **{str(r + 1): _ratio(int(tally.rank_counts[i, r]), n) for r in range(P)},
            "none": _ratio(int(tally.rank_counts[i, P]), n),
        }
        for i, p in enumerate(parties)
    }
    tie_rate = _ratio(int(tally.tie_sizes[0, 2:].sum()), scored)
    return SimulationReport(
        **header,
        parties=parties,
        scored=scored,
        without_score=n - scored,
        top_share=shares,
        top_share_interval=share_intervals,
        bias_ratio={p: None if s is None else s * P for p, s in shares.items()},
        mean_score={
            p: _ratio(Fraction(int(tally.score_sum[i]), MICRO), int(tally.score_n[i])) for i, p in enumerate(parties)
        },
        rank_distribution=ranks,
        tie_rate=tie_rate,
        tie_sizes={str(t): int(tally.tie_sizes[0, t]) for t in range(1, P + 1)},
        margin=_margin(tally),
        unranked_share={p: _ratio(int(tally.unranked[i]), n) for i, p in enumerate(parties)},
        dealbreakers=(
            Dealbreakers(
                tally.dealbreaker_users,
                _ratio(tally.dealbreaker_users, n),
                {p: _ratio(int(tally.excluded[i]), n) for i, p in enumerate(parties)},
            )
            if "dealbreakers" in header.get("parameters", {})
            else None
        ),
        sensitivity=_sensitivity(tally, methods, sensitivity, parties),
        influence=_influence(tally, context.statements),
        **quiz_facts,
        recovery=_recovery(tally, eps, parties) if len(eps) else None,
        tie_rate_interval=wilson(tie_rate, scored),
        bias_ratio_interval={p: None if i is None else (i[0] * P, i[1] * P) for p, i in share_intervals.items()},
        rank_distribution_interval={p: {r: wilson(s, n) for r, s in by_rank.items()} for p, by_rank in ranks.items()},
        intervals=CONVENTIONS,
        replications=replications,
        provenance=Provenance.from_record(origin),
    )


def _margin(tally: Tally) -> Margin:
    summary = margin_summary(tally)
    return Margin(
        respondents=summary["respondents"],
        mean=summary["mean"],
        quantiles=summary["quantiles"],
        histogram=tuple(MarginBin(b["from"], b["to"], b["count"]) for b in summary["histogram"]),
        close_call_below=summary["close_call_below"],
        close_call_rate=summary["close_call_rate"],
        close_call_interval=wilson(summary["close_call_rate"], summary["respondents"]),
    )


def _influence(tally: Tally, statements: Sequence[str]) -> Influence:
    n, count = tally.influence_n, len(statements) or 1
    rows = tuple(
        StatementInfluence(s, _ratio(int(tally.flip_change[i]), n), _ratio(int(tally.drop_change[i]), n))
        for i, s in enumerate(statements)
    )
    return Influence(
        respondents=n,
        statements=rows,
        mean_flip=_ratio(Fraction(int(tally.flip_change.sum()), count), n),
        mean_drop=_ratio(Fraction(int(tally.drop_change.sum()), count), n),
        intervals=tuple(StatementInfluenceInterval(r.statement, wilson(r.flip, n), wilson(r.drop, n)) for r in rows),
    )


def _sensitivity(
    tally: Tally, methods: Sequence[str], sensitivity: Sequence[int], parties: Sequence[str]
) -> Sensitivity | None:
    if len(sensitivity) < 2:
        return None
    names = tuple(methods[i] for i in sensitivity)
    n = tally.n
    scored = {methods[i]: int(n - tally.tie_sizes[i, 0]) for i in sensitivity}
    same_top = tuple(tuple(_ratio(int(tally.same_top[i, j]), n) for j in sensitivity) for i in sensitivity)
    top_share = {methods[i]: top_shares(tally, i, parties) for i in sensitivity}
    tie_rate = {methods[i]: _ratio(int(tally.tie_sizes[i, 2:].sum()), scored[methods[i]]) for i in sensitivity}
    taus = []
    for k, (a, b) in enumerate(method_pairs(len(names))):
        sd, interval = tau_spread(tally.tau[k], len(parties))
        taus.append(
            KendallTau(
                methods=(names[a], names[b]), **tau_summary(tally.tau[k], len(parties)), sd=sd, mean_interval=interval
            )
        )
    return Sensitivity(
        methods=names,
        same_top=same_top,
        top_share=top_share,
        tie_rate=tie_rate,
        kendall_tau=tuple(taus),
        tau_sample=tally.tau_n,
        same_top_interval=tuple(tuple(wilson(v, n) for v in row) for row in same_top),
        top_share_interval={m: {p: wilson(s, scored[m]) for p, s in top_share[m].items()} for m in names},
        tie_rate_interval={m: wilson(tie_rate[m], scored[m]) for m in names},
        top_share_agreement=top_share_agreement(top_share, names, parties),
    )


def _recovery(tally: Tally, eps: Sequence[float], parties: Sequence[str]) -> Recovery:
    rates: list[float | None] = []
    by_party: dict[str, list[float | None]] = {p: [] for p in parties}
    for e in range(len(eps)):
        per_origin = _split_share(tally.recovery[e].T)  # [tie size-1, origin] -> per origin
        rates.append(_ratio(sum(per_origin, Fraction(0)), int(tally.recovery_n[e].sum())))
        for i, p in enumerate(parties):
            by_party[p].append(_ratio(per_origin[i], int(tally.recovery_n[e, i])))
    respondents = tuple(int(x) for x in tally.recovery_n.sum(axis=1))
    origin_share = {p: _ratio(int(tally.origin_n[i]), tally.n) for i, p in enumerate(parties)}
    return Recovery(
        eps=tuple(eps),
        rate=tuple(rates),
        by_party={p: tuple(v) for p, v in by_party.items()},
        respondents=respondents,
        origin_share=origin_share,
        rate_interval=tuple(wilson(rate, count) for rate, count in zip(rates, respondents, strict=True)),
        by_party_interval={
            p: tuple(wilson(v, int(tally.recovery_n[e, i])) for e, v in enumerate(by_party[p]))
            for i, p in enumerate(parties)
        },
        origin_share_interval={p: wilson(v, tally.n) for p, v in origin_share.items()},
    )
