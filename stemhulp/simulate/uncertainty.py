"""Uncertainty of a simulation report: intervals for every share, for Kendall's tau, and the
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
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .diagnostics import Z95, Tally, method_pairs, tau_values, wilson

CONVENTIONS = {
    "level": 0.95,
    "shares": "Wilson score interval, n = the share's denominator; tie-split counts treated as successes",
    "kendall_tau": "normal interval for the mean: mean ± 1.96 · sd / sqrt(n) over per-respondent tau values",
    "replications": "replication 0 is the main run (--seed); replication r ≥ 1 uses seed "
    "SeedSequence([seed, r]).generate_state(1)[0]; sd is the sample standard deviation (n − 1); "
    "interval: Student's t interval for the mean over the replications, mean ± t(0.975, n − 1) · sd / sqrt(n)",
}


def t_interval(values: Sequence[float], level: float = 0.95) -> list[float] | None:
    """Student's t interval for the mean of a few independent runs (seeds); None for fewer than two.

    With 3–5 seeds the normal 1.96 covers only 81–88%; t(0.975, n − 1) keeps the stated 95%."""
    from scipy.stats import t  # type: ignore[import-untyped]

    if len(values) < 2:
        return None
    centre = math.fsum(values) / len(values)
    sd = math.sqrt(math.fsum((v - centre) ** 2 for v in values) / (len(values) - 1))
    half = float(t.ppf(0.5 + level / 2, len(values) - 1)) * sd / math.sqrt(len(values))
    return [centre - half, centre + half]


def replication_seed(seed: int, replication: int) -> int:
    """The seed of replication `replication` (0: the main seed itself)."""
    if replication == 0:
        return seed
    return int(np.random.SeedSequence([seed, replication]).generate_state(1)[0])


def tau_spread(
    pieces: Sequence[tuple[NDArray[np.int64], NDArray[np.int64]]], parties: int
) -> tuple[float | None, list[float] | None]:
    """Standard deviation of the per-respondent tau values and the normal 95% interval of their mean."""
    values, counts, _ = tau_values(pieces, parties)
    total = int(counts.sum())
    if total < 2:
        return None, None
    mean = math.fsum((values * counts).tolist()) / total
    sd = math.sqrt(math.fsum((counts * (values - mean) ** 2).tolist()) / (total - 1))
    half = Z95 * sd / math.sqrt(total)
    return sd, [max(-1.0, mean - half), min(1.0, mean + half)]


def add_intervals(report: dict[str, Any], tally: Tally, sensitivity: Sequence[int]) -> None:
    """Add a `…_interval` key beside every share of `report` (in place; no key is changed)."""
    parties = report["parties"]
    n = tally.n
    report["tie_rate_interval"] = wilson(report["tie_rate"], report["scored"])
    report["bias_ratio_interval"] = {
        p: None if i is None else [i[0] * len(parties), i[1] * len(parties)]
        for p, i in report["top_share_interval"].items()
    }
    report["rank_distribution_interval"] = {
        p: {rank: wilson(share, n) for rank, share in ranks.items()} for p, ranks in report["rank_distribution"].items()
    }
    margin = report["margin"]
    margin["close_call_interval"] = wilson(margin["close_call_rate"], margin["respondents"])
    influence = report["influence"]
    influence["intervals"] = [  # beside `statements`, whose entries stay as they were
        {
            "statement": entry["statement"],
            "flip": wilson(entry["flip"], influence["respondents"]),
            "drop": wilson(entry["drop"], influence["respondents"]),
        }
        for entry in influence["statements"]
    ]
    s = report.get("sensitivity")
    if s:
        s["same_top_interval"] = [[wilson(v, n) for v in row] for row in s["same_top"]]
        s["top_share_interval"] = {
            m: {p: wilson(share, int(n - tally.tie_sizes[i, 0])) for p, share in s["top_share"][m].items()}
            for m, i in zip(s["methods"], sensitivity, strict=True)
        }
        s["tie_rate_interval"] = {
            m: wilson(s["tie_rate"][m], int(n - tally.tie_sizes[i, 0]))
            for m, i in zip(s["methods"], sensitivity, strict=True)
        }
        for entry, counts in zip(s["kendall_tau"], tally.tau, strict=True):
            entry["sd"], entry["mean_interval"] = tau_spread(counts, len(parties))
        s["top_share_agreement"] = top_share_agreement(s["top_share"], s["methods"], parties)
    recovery = report.get("recovery")
    if recovery:
        recovery["rate_interval"] = [
            wilson(rate, count) for rate, count in zip(recovery["rate"], recovery["respondents"], strict=True)
        ]
        recovery["by_party_interval"] = {
            p: [wilson(v, int(tally.recovery_n[e, i])) for e, v in enumerate(recovery["by_party"][p])]
            for i, p in enumerate(parties)
        }
        recovery["origin_share_interval"] = {p: wilson(v, n) for p, v in recovery["origin_share"].items()}
    report["intervals"] = CONVENTIONS


def top_share_agreement(
    top_share: dict[str, dict[str, float | None]], methods: Sequence[str], parties: Sequence[str]
) -> list[dict[str, Any]]:
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
            {
                "methods": [methods[a], methods[b]],
                "max_abs_difference": float(np.abs(x - y).max()) if len(parties) else None,
                "correlation": correlation,
            }
        )
    return out


def spread(values: Sequence[float | None]) -> dict[str, Any]:
    """Mean, sample standard deviation, min, max and the t interval of the mean of the values that
    are not None."""
    known = [v for v in values if v is not None]
    if not known:
        return {"mean": None, "sd": None, "min": None, "max": None, "interval": None}
    mean = math.fsum(known) / len(known)
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in known) / (len(known) - 1)) if len(known) > 1 else None
    return {"mean": mean, "sd": sd, "min": min(known), "max": max(known), "interval": t_interval(known)}


def replication_summary(
    seeds: Sequence[int],
    shares: Sequence[dict[str, float | None]],
    tie_rates: Sequence[float | None],
    parties: Sequence[str],
) -> dict[str, Any]:
    """Mean and spread across replications of each party's top share and bias ratio, and the tie rate."""
    P = len(parties)
    return {
        "count": len(seeds),
        "seeds": list(seeds),
        "top_share": {p: spread([s[p] for s in shares]) for p in parties},
        "bias_ratio": {p: spread([None if (v := s[p]) is None else v * P for s in shares]) for p in parties},
        "tie_rate": spread(tie_rates),
        "per_replication": {"top_share": [dict(s) for s in shares], "tie_rate": list(tie_rates)},
    }


def print_replications(report: dict[str, Any], console: Any = None, names: dict[str, str] | None = None) -> None:
    """Terminal tables beside `print_summary`: top-share agreement between methods, and with
    `--replications` each party's top share across the replications."""
    from rich.table import Table

    from ..texts.console import InertConsole as Console

    console = console or Console()
    sensitivity = report.get("sensitivity")
    if sensitivity:
        table = Table(title="Top shares under two methods: largest difference, correlation over parties")
        for column in ("methods", "max |difference|", "correlation", "tau mean (95% interval)"):
            table.add_column(column, justify="left" if column == "methods" else "right")
        for entry, tau in zip(sensitivity["top_share_agreement"], sensitivity["kendall_tau"], strict=True):
            interval = tau.get("mean_interval")
            table.add_row(
                " vs ".join(entry["methods"]),
                f"{100 * entry['max_abs_difference']:.1f} points",
                "—" if entry["correlation"] is None else f"{entry['correlation']:.3f}",
                "—" if interval is None else f"{tau['mean']:.3f} ({interval[0]:.3f}–{interval[1]:.3f})",
            )
        console.print(table)
    replications = report.get("replications")
    if not replications:
        return
    names = names or {}
    table = Table(
        title=f"Top share across {replications['count']} replications (seeds derived from {replications['seeds'][0]})"
    )
    for column in ("party", "mean", "sd", "min", "max", "bias ratio (mean)"):
        table.add_column(column, justify="left" if column == "party" else "right")

    def cell(value: float | None) -> str:
        return "—" if value is None else f"{100 * value:.2f}%"

    for p in report["parties"]:
        share, bias = replications["top_share"][p], replications["bias_ratio"][p]
        table.add_row(
            names.get(p, p),
            cell(share["mean"]),
            cell(share["sd"]),
            cell(share["min"]),
            cell(share["max"]),
            "—" if bias["mean"] is None else f"{bias['mean']:.2f}",
        )
    console.print(table)
