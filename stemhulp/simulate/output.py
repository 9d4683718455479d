"""What a simulation gives back: the report (JSON), per-respondent rows (CSV/Parquet), a summary
for the terminal, and a progress bar."""

from __future__ import annotations

import sys
import time
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
    """The outcome of `stemhulp.simulate.simulate`: `report` is the JSON document."""

    report: dict[str, Any] = attrs.field(eq=False)

    @property
    def top_share(self) -> dict[str, float | None]:
        return self.report["top_share"]

    @property
    def tie_rate(self) -> float | None:
        return self.report["tie_rate"]

    def to_dict(self) -> dict[str, Any]:
        """The document `stemhulp simulate --json` prints."""
        return self.report

    # Arrays (numpy), parties in `parties` order, NaN where the report has None: `frames`.
    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(self.report["parties"])

    @property
    def party_names(self) -> tuple[str, ...]:
        names = self.report.get("party_names") or {}
        return tuple(names.get(p, p) for p in self.report["parties"])

    @property
    def top_share_array(self) -> Any:
        from .frames import party_vector

        return party_vector(self.report, self.report["top_share"])

    @property
    def top_share_interval_array(self) -> Any:
        """(parties, 2): the Wilson 95% interval of each top share."""
        from .frames import interval_array

        return interval_array(self.report, self.report["top_share_interval"])

    @property
    def bias_ratio_array(self) -> Any:
        from .frames import party_vector

        return party_vector(self.report, self.report["bias_ratio"])

    @property
    def mean_score_array(self) -> Any:
        from .frames import party_vector

        return party_vector(self.report, self.report["mean_score"])

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
    static: dict[str, Any],
    eps: Sequence[float] = (),
) -> dict[str, Any]:
    """Turn merged tallies into the report; every share is an exact fraction rounded once."""
    parties = context.parties
    P, n = len(parties), tally.n
    scored = int(n - tally.tie_sizes[0, 0])
    shares = top_shares(tally, 0, parties)
    report: dict[str, Any] = dict(header)
    report.update(
        {
            "parties": list(parties),
            "scored": scored,
            "without_score": n - scored,
            "top_share": shares,
            "top_share_interval": {p: wilson(s, scored) for p, s in shares.items()},
            "bias_ratio": {p: None if s is None else s * P for p, s in shares.items()},
            "mean_score": {
                p: _ratio(Fraction(int(tally.score_sum[i]), MICRO), int(tally.score_n[i]))
                for i, p in enumerate(parties)
            },
            "rank_distribution": {
                p: {
                    **{str(r + 1): _ratio(int(tally.rank_counts[i, r]), n) for r in range(P)},
                    "none": _ratio(int(tally.rank_counts[i, P]), n),
                }
                for i, p in enumerate(parties)
            },
            "tie_rate": _ratio(int(tally.tie_sizes[0, 2:].sum()), scored),
            "tie_sizes": {str(t): int(tally.tie_sizes[0, t]) for t in range(1, P + 1)},
            "margin": margin_summary(tally),
            "unranked_share": {p: _ratio(int(tally.unranked[i]), n) for i, p in enumerate(parties)},
        }
    )
    report["sensitivity"] = _sensitivity(tally, methods, sensitivity, parties)
    report["influence"] = {
        "respondents": tally.influence_n,
        "statements": [
            {
                "statement": s,
                "flip": _ratio(int(tally.flip_change[i]), tally.influence_n),
                "drop": _ratio(int(tally.drop_change[i]), tally.influence_n),
            }
            for i, s in enumerate(context.statements)
        ],
        "mean_flip": _ratio(Fraction(int(tally.flip_change.sum()), len(context.statements) or 1), tally.influence_n),
        "mean_drop": _ratio(Fraction(int(tally.drop_change.sum()), len(context.statements) or 1), tally.influence_n),
    }
    report.update(static)
    report["recovery"] = _recovery(tally, eps, parties) if len(eps) else None
    return report


def _sensitivity(
    tally: Tally, methods: Sequence[str], sensitivity: Sequence[int], parties: Sequence[str]
) -> dict[str, Any] | None:
    if len(sensitivity) < 2:
        return None
    names = [methods[i] for i in sensitivity]
    n = tally.n
    return {
        "methods": names,
        "same_top": [[_ratio(int(tally.same_top[i, j]), n) for j in sensitivity] for i in sensitivity],
        "top_share": {methods[i]: top_shares(tally, i, parties) for i in sensitivity},
        "tie_rate": {
            methods[i]: _ratio(int(tally.tie_sizes[i, 2:].sum()), int(n - tally.tie_sizes[i, 0])) for i in sensitivity
        },
        "kendall_tau": [
            {"methods": [names[a], names[b]], **tau_summary(tally.tau[k], len(parties))}
            for k, (a, b) in enumerate(method_pairs(len(names)))
        ],
        "tau_sample": tally.tau_n,
    }


def _recovery(tally: Tally, eps: Sequence[float], parties: Sequence[str]) -> dict[str, Any]:
    rates: list[float | None] = []
    by_party: dict[str, list[float | None]] = {p: [] for p in parties}
    for e in range(len(eps)):
        per_origin = _split_share(tally.recovery[e].T)  # [tie size-1, origin] -> per origin
        rates.append(_ratio(sum(per_origin, Fraction(0)), int(tally.recovery_n[e].sum())))
        for i, p in enumerate(parties):
            by_party[p].append(_ratio(per_origin[i], int(tally.recovery_n[e, i])))
    return {
        "eps": list(eps),
        "rate": rates,
        "by_party": by_party,
        "respondents": [int(x) for x in tally.recovery_n.sum(axis=1)],
        "origin_share": {p: _ratio(int(tally.origin_n[i]), tally.n) for i, p in enumerate(parties)},
    }


# --- per-respondent rows: stemhulp.simulate.rows ------------------------------------------

from .rows import RowWriter  # noqa: E402,F401  (kept importable from here)

# --- terminal ---------------------------------------------------------------------------------


class TerminalProgress:
    """A rich progress bar on stderr, shown only once a run has taken more than `delay` seconds."""

    def __init__(self, label: str = "simulating", delay: float = 1.0) -> None:
        self.label, self.delay = label, delay
        self.started = time.monotonic()
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int, description: str | None = None) -> None:
        if self._progress is None:
            if time.monotonic() - self.started < self.delay or done >= total:
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            from ..texts.console import InertConsole as Console

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=total)
        self._progress.update(self._task, completed=done, description=description or self.label)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def wants_progress() -> bool:
    """A progress bar only on a terminal."""
    return sys.stderr.isatty()


def _fmt(value: float | None, digits: int = 3, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{100 * value:.1f}%" if percent else f"{value:.{digits}f}"


def print_summary(report: dict[str, Any], console: Any = None, names: dict[str, str] | None = None) -> None:
    """The readable summary `stemhulp simulate` prints: rich tables."""
    from rich.markup import escape

    from ..texts.console import InertConsole as Console

    console = console or Console()
    names = {p: escape(n) for p, n in (names or {}).items()}  # party names and ids are user text
    r = report
    parameters = ", ".join(f"{k}={v}" for k, v in r["parameters"].items() if v not in (None, 0, 0.0))
    console.print(
        f"[bold]{escape(r['quiz'])}[/]: {r['respondents']:,} respondents, model [bold]{r['model']}"
        f"[/]{' (' + parameters + ')' if parameters else ''}, method {r['method']}, "
        f"missing {r['missing']}, seed {r['seed']}"
    )
    _print_top_advice(console, r, names)
    margin = r["margin"]
    quantiles = ", ".join(f"{k} {v:.2f}" for k, v in margin["quantiles"].items() if v is not None)
    console.print(
        f"tie rate at the top: {_fmt(r['tie_rate'], percent=True)}; without any score: "
        f"{r['without_score']:,}; margin first–second (points): mean "
        f"{_fmt(margin['mean'], 2)}, {quantiles}; below {margin['close_call_below']:g} "
        f"points: {_fmt(margin['close_call_rate'], percent=True)}"
    )
    if r.get("sensitivity"):
        _print_sensitivity(console, r["sensitivity"])
    if r.get("recovery"):
        _print_recovery(console, r, names)
    influence = r["influence"]
    if influence["respondents"]:
        ranked = sorted(influence["statements"], key=lambda s: -(s["flip"] or 0))[:5]
        console.print(
            f"statement influence (first {influence['respondents']:,} respondents): one "
            f"flipped answer changes the top advice {_fmt(influence['mean_flip'], percent=True)}"
            f" of the time on average, one dropped answer "
            f"{_fmt(influence['mean_drop'], percent=True)}; most influential: "
            + ", ".join(f"{escape(s['statement'])} ({_fmt(s['flip'], percent=True)})" for s in ranked)
        )
    consensus = r["consensus_statements"]
    console.print(
        "statements all parties agree on (they cannot move the advice): "
        + (escape(", ".join(consensus)) if consensus else "none")
    )


def _print_top_advice(console: Any, r: dict[str, Any], names: dict[str, str]) -> None:
    """Per party: top share with its interval, bias ratio, mean score, share ranked first, unranked
    share; then the coverage rule and a warning per flagged party."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Top advice per party (ties split equally)")
    for column, justify in (
        ("party", "left"),
        ("top share", "right"),
        ("95% interval", "right"),
        ("bias ratio", "right"),
        ("mean score", "right"),
        ("rank 1", "right"),
        ("unranked", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for p in r["parties"]:
        interval = r["top_share_interval"][p]
        table.add_row(
            names.get(p, escape(p)),
            _fmt(r["top_share"][p], percent=True),
            "—" if interval is None else f"{100 * interval[0]:.1f}–{100 * interval[1]:.1f}%",
            _fmt(r["bias_ratio"][p], 2),
            _fmt(r["mean_score"][p], 1),
            _fmt(r["rank_distribution"][p]["1"], percent=True),
            _fmt(r.get("unranked_share", {}).get(p), percent=True),
        )
    console.print(table)
    if r.get("min_coverage"):
        console.print(
            f"top advice among ranked parties only: a party needs a stance on at least "
            f"{r['min_coverage']:.0%} of a respondent's answers; respondents with no ranked party: "
            f"{r['without_score']:,}"
        )
    from ..quiz.profiles import FLAGS

    for p, flags in r.get("party_flags", {}).items():
        if flags:
            console.print(
                f"[yellow]warning[/]: {names.get(p, escape(p))} "
                + "; ".join(FLAGS[f] for f in flags)
                + ": its advantage or disadvantage comes from its position alone"
            )


def _print_sensitivity(console: Any, sensitivity: dict[str, Any]) -> None:
    """Same top advice under each pair of methods, and Kendall's tau between their scores."""
    from rich.table import Table

    table = Table(title="Same top advice under two methods (share of respondents)")
    table.add_column("")
    for m in sensitivity["methods"]:
        table.add_column(m, justify="right")
    for m, row in zip(sensitivity["methods"], sensitivity["same_top"], strict=True):
        table.add_row(m, *(_fmt(v, percent=True) for v in row))
    console.print(table)
    table = Table(
        title=f"Kendall's tau-b between methods' party scores (first {sensitivity['tau_sample']:,} respondents)"
    )
    for column in ("methods", "mean", "q1", "median", "q3", "undefined"):
        table.add_column(column, justify="left" if column == "methods" else "right")
    for entry in sensitivity["kendall_tau"]:
        table.add_row(
            " vs ".join(entry["methods"]),
            _fmt(entry["mean"]),
            _fmt(entry["q1"]),
            _fmt(entry["median"]),
            _fmt(entry["q3"]),
            str(entry["undefined"]),
        )
    console.print(table)


def _print_recovery(console: Any, r: dict[str, Any], names: dict[str, str]) -> None:
    """Per eps: how often the copied party is the top advice, in all and per party."""
    from rich.markup import escape
    from rich.table import Table

    recovery = r["recovery"]
    table = Table(title="Recovery: top advice = the party the respondent copied")
    table.add_column("eps", justify="right")
    table.add_column("all", justify="right")
    for p in r["parties"]:
        table.add_column(names.get(p, escape(p)), justify="right")
    for e, eps in enumerate(recovery["eps"]):
        table.add_row(
            f"{eps:g}",
            _fmt(recovery["rate"][e], percent=True),
            *(_fmt(recovery["by_party"][p][e], percent=True) for p in r["parties"]),
        )
    console.print(table)
