"""A simulation report as numpy arrays (parties in the report's order) and as a pandas DataFrame,
and a saved report read back.

pandas is optional (`pip install 'stemhulp[pandas]'`) and imported only by `to_frame`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import SimulationError, StemhulpError
from ..formats.numbers import real_within, shown
from ..limits import MAX_RESPONDENTS
from .report import SimulationReport


def party_vector(parties: Sequence[str], values: Mapping[str, float | None]) -> NDArray[np.float64]:
    """A {party: value or None} mapping as an array in `parties` order (None: NaN)."""
    return np.array([np.nan if (value := values.get(p)) is None else float(value) for p in parties], dtype=np.float64)


def interval_array(parties: Sequence[str], intervals: Mapping[str, Sequence[float] | None]) -> NDArray[np.float64]:
    """{party: [low, high] or None} as a (parties, 2) array (None: NaN)."""
    return np.array(
        [[np.nan, np.nan] if (interval := intervals.get(p)) is None else list(interval) for p in parties],
        dtype=np.float64,
    ).reshape(-1, 2)


def rank_array(report: SimulationReport) -> NDArray[np.float64]:
    """(parties, parties + 1): share of respondents giving each party rank 1 … P, then no score."""
    P = len(report.parties)
    keys = [str(r) for r in range(1, P + 1)] + ["none"]
    return np.array(
        [party_vector(keys, report.rank_distribution[p]) for p in report.parties], dtype=np.float64
    ).reshape(P, P + 1)


def column_names(report: SimulationReport) -> list[str]:
    """Party names in order; a name two parties share gets its party id in brackets."""
    labels = [report.party_names.get(p, p) for p in report.parties]
    return [
        f"{label} [{p}]" if labels.count(label) > 1 else label for label, p in zip(labels, report.parties, strict=True)
    ]


def frame_rows(report: SimulationReport) -> dict[str, NDArray[np.float64]]:
    """Every per-party measure of the report as one array each, in a fixed order."""
    parties = report.parties
    rows: dict[str, NDArray[np.float64]] = {"top_share": party_vector(parties, report.top_share)}
    interval = interval_array(parties, report.top_share_interval)
    rows["top_share_low"], rows["top_share_high"] = interval[:, 0], interval[:, 1]
    rows["bias_ratio"] = party_vector(parties, report.bias_ratio)
    rows["mean_score"] = party_vector(parties, report.mean_score)
    ranks = rank_array(report)
    for r in range(ranks.shape[1] - 1):
        rows[f"rank_{r + 1}"] = ranks[:, r]
    rows["rank_none"] = ranks[:, -1]
    if report.sensitivity:
        for method in report.sensitivity.methods:
            rows[f"top_share:{method}"] = party_vector(parties, report.sensitivity.top_share[method])
    if report.recovery:
        by_party = report.recovery.by_party
        for e, eps in enumerate(report.recovery.eps):
            rows[f"recovery:eps={eps:g}"] = party_vector(parties, {p: v[e] for p, v in by_party.items()})
    if report.replications:
        spreads = report.replications.top_share
        for stat in ("mean", "sd", "min", "max"):
            rows[f"top_share_replications_{stat}"] = party_vector(
                parties, {p: getattr(v, stat) for p, v in spreads.items()}
            )
    return rows


def to_frame(report: SimulationReport) -> Any:
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


def load_report(path: Any) -> SimulationReport:
    """A saved `simulate --json` document as its report, read strictly (`reading.parse_json`): first
    the keys the plots need, with the types and ranges they need, then every key of the report's
    records (`SimulationReport.from_dict`); every problem names the file and key."""
    from pathlib import Path

    from ..formats.reading import parse_json, read_text

    source = Path(path)
    try:
        report = parse_json(read_text(source), str(source))
    except StemhulpError as error:
        raise SimulationError(error.problems) from None
    if not isinstance(report, dict):
        raise SimulationError(
            f"{source}: expected a `stemhulp simulate --json` document (an object), got {type(report).__name__}"
        )
    missing = [key for key in REPORT_KEYS if key not in report]
    if missing:
        raise SimulationError(
            f"{source}: not a `stemhulp simulate --json` document; missing key(s) " + ", ".join(missing)
        )
    problems = _report_problems(report, str(source))
    if problems:
        raise SimulationError(problems)
    record, problems = SimulationReport.from_dict(report, str(source))
    if record is None:
        raise SimulationError(problems)
    return record


def _share(value: Any) -> bool:
    return value is None or real_within(value, 0.0, 1.0)


def _report_problems(report: dict[str, Any], source: str) -> list[str]:
    """What in a saved report the plots could not draw: wrong types, impossible values."""
    problems: list[str] = []
    parties = report["parties"]
    if not isinstance(parties, list) or not parties or not all(isinstance(p, str) for p in parties):
        return [f"{source}: parties: expected a non-empty list of party ids, got {shown(parties)}"]
    if len(set(parties)) != len(parties):
        problems.append(f"{source}: parties: a party is listed more than once")
    for key in ("model", "method"):
        if not isinstance(report[key], str):
            problems.append(f"{source}: {key}: expected a name, got {shown(report[key])}")
    if (
        isinstance(report["respondents"], bool)
        or not real_within(report["respondents"], 1, MAX_RESPONDENTS)
        or not (isinstance(report["respondents"], int))
    ):
        problems.append(
            f"{source}: respondents: expected a whole number from 1 to {MAX_RESPONDENTS:,}, "
            f"got {shown(report['respondents'])}"
        )
    shares, intervals = report["top_share"], report["top_share_interval"]
    if not isinstance(shares, dict):
        problems.append(f"{source}: top_share: expected a mapping of party to share, got {shown(shares)}")
    else:
        problems += [
            f"{source}: top_share.{p}: expected a share from 0 to 1 (or null), got {shown(shares.get(p))}"
            for p in parties
            if p not in shares or not _share(shares[p])
        ]
    if not isinstance(intervals, dict):
        problems.append(
            f"{source}: top_share_interval: expected a mapping of party to [low, high], got {shown(intervals)}"
        )
    else:
        for p in parties:
            interval = intervals.get(p)
            if interval is not None and not (
                isinstance(interval, list) and len(interval) == 2 and all(real_within(v, 0.0, 1.0) for v in interval)
            ):
                problems.append(
                    f"{source}: top_share_interval.{p}: expected [low, high] shares from 0 to 1, got {shown(interval)}"
                )
    sensitivity = report.get("sensitivity")
    if sensitivity is not None:
        methods = sensitivity.get("methods") if isinstance(sensitivity, dict) else None
        same = sensitivity.get("same_top") if isinstance(sensitivity, dict) else None
        if not (isinstance(methods, list) and methods and all(isinstance(m, str) for m in methods)):
            problems.append(f"{source}: sensitivity.methods: expected a non-empty list of method names")
        elif not (
            isinstance(same, list)
            and len(same) == len(methods)
            and all(isinstance(row, list) and len(row) == len(methods) and all(_share(v) for v in row) for row in same)
        ):
            problems.append(
                f"{source}: sensitivity.same_top: expected a {len(methods)} × {len(methods)} table "
                "of shares from 0 to 1"
            )
    return problems
