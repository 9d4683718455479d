"""A simulation report as numpy arrays (parties in the report's order) and as a pandas DataFrame.

pandas is optional (`pip install 'stemhulp[pandas]'`) and imported only by `to_frame`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import SimulationError


def party_vector(report: Mapping[str, Any], values: Mapping[str, float | None]) -> NDArray[np.float64]:
    """A {party: value or None} mapping as an array in the report's party order (None: NaN)."""
    return np.array(
        [np.nan if (value := values.get(p)) is None else float(value) for p in report["parties"]], dtype=np.float64
    )


def interval_array(report: Mapping[str, Any], intervals: Mapping[str, Sequence[float] | None]) -> NDArray[np.float64]:
    """{party: [low, high] or None} as a (parties, 2) array (None: NaN)."""
    return np.array(
        [[np.nan, np.nan] if (interval := intervals.get(p)) is None else list(interval) for p in report["parties"]],
        dtype=np.float64,
    ).reshape(-1, 2)


def rank_array(report: Mapping[str, Any]) -> NDArray[np.float64]:
    """(parties, parties + 1): share of respondents giving each party rank 1 … P, then no score."""
    P = len(report["parties"])
    keys = [str(r) for r in range(1, P + 1)] + ["none"]
    return np.array(
        [
            [np.nan if report["rank_distribution"][p][k] is None else report["rank_distribution"][p][k] for k in keys]
            for p in report["parties"]
        ],
        dtype=np.float64,
    ).reshape(P, P + 1)


def column_names(report: Mapping[str, Any]) -> list[str]:
    """Party names in order; a name two parties share gets its party id in brackets."""
    names = report.get("party_names") or {}
    labels = [names.get(p, p) for p in report["parties"]]
    return [
        f"{label} [{p}]" if labels.count(label) > 1 else label
        for label, p in zip(labels, report["parties"], strict=True)
    ]


def frame_rows(report: Mapping[str, Any]) -> dict[str, NDArray[np.float64]]:
    """Every per-party measure of the report as one array each, in a fixed order."""
    rows: dict[str, NDArray[np.float64]] = {"top_share": party_vector(report, report["top_share"])}
    interval = interval_array(report, report["top_share_interval"])
    rows["top_share_low"], rows["top_share_high"] = interval[:, 0], interval[:, 1]
    rows["bias_ratio"] = party_vector(report, report["bias_ratio"])
    rows["mean_score"] = party_vector(report, report["mean_score"])
    ranks = rank_array(report)
    for r in range(ranks.shape[1] - 1):
        rows[f"rank_{r + 1}"] = ranks[:, r]
    rows["rank_none"] = ranks[:, -1]
    sensitivity = report.get("sensitivity")
    if sensitivity:
        for method in sensitivity["methods"]:
            rows[f"top_share:{method}"] = party_vector(report, sensitivity["top_share"][method])
    recovery = report.get("recovery")
    if recovery:
        for e, eps in enumerate(recovery["eps"]):
            rows[f"recovery:eps={eps:g}"] = party_vector(report, {p: v[e] for p, v in recovery["by_party"].items()})
    replications = report.get("replications")
    if replications:
        for stat in ("mean", "sd", "min", "max"):
            rows[f"top_share_replications_{stat}"] = party_vector(
                report, {p: v[stat] for p, v in replications["top_share"].items()}
            )
    return rows


def to_frame(report: Mapping[str, Any]) -> Any:
    """A pandas DataFrame: one row per measure (`frame_rows`), one column per party name."""
    try:
        import pandas as pd
    except ImportError:
        raise SimulationError(
            "SimulationResult.to_frame needs pandas; install with: "
            "pip install 'stemhulp[pandas]' (the arrays need nothing extra)"
        ) from None
    rows = frame_rows(report)
    frame = pd.DataFrame(np.vstack(list(rows.values())), index=list(rows), columns=column_names(report))
    frame.index.name = "measure"
    frame.columns.name = "party"
    return frame


REPORT_KEYS = ("parties", "top_share", "top_share_interval", "model", "respondents", "method")


def load_report(path: Any) -> dict[str, Any]:
    """A saved `simulate --json` document, checked for the keys the plots need."""
    import json
    from pathlib import Path

    source = Path(path)
    try:
        report = json.loads(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise SimulationError(f"{source}: cannot read ({error.strerror or error})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = (
            f" (line {error.lineno}, column {error.colno}: {error.msg})"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise SimulationError(f"{source}: not a JSON document{where}") from None
    if not isinstance(report, dict):
        raise SimulationError(
            f"{source}: expected a `stemhulp simulate --json` document (an object), got {type(report).__name__}"
        )
    missing = [key for key in REPORT_KEYS if key not in report]
    if missing:
        raise SimulationError(
            f"{source}: not a `stemhulp simulate --json` document; missing key(s) " + ", ".join(missing)
        )
    return report
