"""What a sweep found, one line per quiz × method × policy × model, averaged over seeds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from statistics import mean
from typing import Any

from ..simulate.uncertainty import t_interval

CONFIGURATION = ("quiz", "method", "missing", "model", "respondents")


def summarise(rows: Iterable[Mapping[str, Any]], compare: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Per configuration: the most and least favoured party (mean bias ratio over seeds), the
    close-call rate, recovery, and per compared method how often the top advice stays the same,
    each as a mean over seeds with a Student's t 95% interval across seeds (None for one seed).
    Parties are told apart by id (two parties may share a name); `most_favoured` is the name,
    `most_favoured_party` the id (likewise `least_…`)."""
    groups: dict[tuple[Any, ...], dict[int, list[Mapping[str, Any]]]] = {}
    for row in rows:
        key = tuple(row[c] for c in CONFIGURATION)
        groups.setdefault(key, {}).setdefault(row["seed"], []).append(row)
    summary = []
    for key, by_seed in groups.items():
        seeds = [by_seed[s] for s in sorted(by_seed)]
        bias: dict[str, list[float]] = {}
        names: dict[str, str] = {}
        for seed_rows in seeds:
            for row in seed_rows:
                names[row["party"]] = row["party_name"]
                if row["bias_ratio"] is not None:
                    bias.setdefault(row["party"], []).append(row["bias_ratio"])
        mean_bias = {party: mean(values) for party, values in bias.items()}
        top = max(mean_bias, key=lambda p: mean_bias[p]) if mean_bias else None
        bottom = min(mean_bias, key=lambda p: mean_bias[p]) if mean_bias else None
        line: dict[str, Any] = dict(zip(CONFIGURATION, key, strict=True))
        line.update(
            {
                "seeds": len(seeds),
                "most_favoured": names.get(top) if top else None,
                "most_favoured_party": top,
                "max_bias_ratio": _estimate(bias.get(top, [])) if top else None,
                "least_favoured": names.get(bottom) if bottom else None,
                "least_favoured_party": bottom,
                "min_bias_ratio": _estimate(bias.get(bottom, [])) if bottom else None,
                "close_call_rate": _estimate([s[0]["close_call_rate"] for s in seeds]),
                "recovery_rate": _estimate([s[0]["recovery_rate"] for s in seeds]),
            }
        )
        for name in compare:
            line[f"same_top_{name}"] = _estimate([s[0][f"same_top_{name}"] for s in seeds])
        summary.append(line)
    return summary


def _estimate(values: Sequence[float | None]) -> dict[str, Any] | None:
    """Mean over seeds, and its Student's t 95% interval when there are two or more seeds."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return {"mean": mean(present), "interval": t_interval(present)}
