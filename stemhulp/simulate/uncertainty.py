"""Uncertainty of a simulation report: the interval conventions, for Kendall's tau, and the
spread of top shares across replications (runs with seeds derived from the main seed).

Shares get 95% Wilson score intervals with n = the share's denominator. Shares that split ties
(1/tie-size per respondent: top shares, recovery) are fractional counts; Wilson treats them as
successes, an approximation (the variance of a tie-split share is at most that of a 0/1 share
with the same mean, so these intervals are, if anything, slightly wide). Kendall's tau gets a
normal interval for its mean: mean ± 1.96 · sd / √n over the per-respondent tau values
(respondents are independent draws, so the per-respondent values are i.i.d.).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .diagnostics import Z95, method_pairs, tau_values
from .report import IntervalConventions, PerReplication, Replications, Spread, TopShareAgreement

CONVENTIONS = IntervalConventions(
    level=0.95,
    shares="Wilson score interval, n = the share's denominator; tie-split counts treated as successes",
    kendall_tau="normal interval for the mean: mean ± 1.96 · sd / sqrt(n) over per-respondent tau values",
    replications="replication 0 is the main run (--seed); replication r ≥ 1 uses seed "
    "SeedSequence([seed, r]).generate_state(1)[0]; sd is the sample standard deviation (n − 1); "
    "interval: Student's t interval for the mean over the replications, mean ± t(0.975, n − 1) · sd / sqrt(n)",
)


def t_interval(values: Sequence[float], level: float = 0.95) -> tuple[float, float] | None:
    """Student's t interval for the mean of a few independent runs (seeds); None for fewer than two.

    With 3–5 seeds the normal 1.96 covers only 81–88%; t(0.975, n − 1) keeps the stated 95%."""
    from scipy.stats import t  # type: ignore[import-untyped]

    if len(values) < 2:
        return None
    centre = math.fsum(values) / len(values)
    sd = math.sqrt(math.fsum((v - centre) ** 2 for v in values) / (len(values) - 1))
    half = float(t.ppf(0.5 + level / 2, len(values) - 1)) * sd / math.sqrt(len(values))
    return (centre - half, centre + half)


def replication_seed(seed: int, replication: int) -> int:
    """The seed of replication `replication` (0: the main seed itself)."""
    if replication == 0:
        return seed
    return int(np.random.SeedSequence([seed, replication]).generate_state(1)[0])


def tau_spread(
    pieces: Sequence[tuple[NDArray[np.int64], NDArray[np.int64]]], parties: int
) -> tuple[float | None, tuple[float, float] | None]:
    """Standard deviation of the per-respondent tau values and the normal 95% interval of their mean."""
    values, counts, _ = tau_values(pieces, parties)
    total = int(counts.sum())
    if total < 2:
        return None, None
    mean = math.fsum((values * counts).tolist()) / total
    sd = math.sqrt(math.fsum((counts * (values - mean) ** 2).tolist()) / (total - 1))
    half = Z95 * sd / math.sqrt(total)
    return sd, (max(-1.0, mean - half), min(1.0, mean + half))


def top_share_agreement(
    top_share: dict[str, dict[str, float | None]], methods: Sequence[str], parties: Sequence[str]
) -> tuple[TopShareAgreement, ...]:
    """Per pair of compared methods: how alike their top-share vectors over the parties are —
    the largest absolute difference and Pearson's correlation (None when a vector is constant)."""
    out = []
    for a, b in method_pairs(len(methods)):
        x = np.array([top_share[methods[a]][p] or 0.0 for p in parties])
        y = np.array([top_share[methods[b]][p] or 0.0 for p in parties])
        correlation = None
        if len(parties) >= 2 and x.std() > 0 and y.std() > 0:
            correlation = float(np.corrcoef(x, y)[0, 1])
        out.append(
            TopShareAgreement(
                methods=(methods[a], methods[b]),
                max_abs_difference=float(np.abs(x - y).max()) if len(parties) else None,
                correlation=correlation,
            )
        )
    return tuple(out)


def spread(values: Sequence[float | None]) -> Spread:
    """Mean, sample standard deviation, min, max and the t interval of the mean of the values that
    are not None."""
    known = [v for v in values if v is not None]
    if not known:
        return Spread(mean=None, sd=None, min=None, max=None, interval=None)
    mean = math.fsum(known) / len(known)
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in known) / (len(known) - 1)) if len(known) > 1 else None
    return Spread(mean=mean, sd=sd, min=min(known), max=max(known), interval=t_interval(known))


def replication_summary(
    seeds: Sequence[int],
    shares: Sequence[dict[str, float | None]],
    tie_rates: Sequence[float | None],
    parties: Sequence[str],
) -> Replications:
    """Mean and spread across replications of each party's top share and bias ratio, and the tie rate."""
    P = len(parties)
    return Replications(
        count=len(seeds),
        seeds=tuple(seeds),
        top_share={p: spread([s[p] for s in shares]) for p in parties},
        bias_ratio={p: spread([None if (v := s[p]) is None else v * P for s in shares]) for p in parties},
        tie_rate=spread(tie_rates),
        per_replication=PerReplication(top_share=tuple(dict(s) for s in shares), tie_rate=tuple(tie_rates)),
    )
