"""The terminal side of `stemhulp simulate`: the readable summary of a report (rich tables) and the
progress bar. The simulation itself returns records and prints nothing."""

from __future__ import annotations

import sys
import time
from typing import Any

from ..simulate.report import Recovery, Sensitivity, SimulationReport


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


def print_summary(report: SimulationReport, console: Any = None, names: dict[str, str] | None = None) -> None:
    """The readable summary `stemhulp simulate` prints: rich tables."""
    from rich.markup import escape

    from ..texts.console import InertConsole as Console

    console = console or Console()
    names = {p: escape(n) for p, n in (names or {}).items()}  # party names and ids are user text
    r = report
    parameters = ", ".join(f"{k}={v}" for k, v in r.parameters.items() if v not in (None, 0, 0.0))
    console.print(
        f"[bold]{escape(r.quiz)}[/]: {r.respondents:,} respondents, model [bold]{r.model}"
        f"[/]{' (' + parameters + ')' if parameters else ''}, method {r.method}, "
        f"missing {r.missing}, seed {r.seed}"
    )
    _print_top_advice(console, r, names)
    margin = r.margin
    quantiles = ", ".join(f"{k} {v:.2f}" for k, v in margin.quantiles.items() if v is not None)
    console.print(
        f"tie rate at the top: {_fmt(r.tie_rate, percent=True)}; without any score: "
        f"{r.without_score:,}; margin first–second (points): mean "
        f"{_fmt(margin.mean, 2)}, {quantiles}; below {margin.close_call_below:g} "
        f"points: {_fmt(margin.close_call_rate, percent=True)}"
    )
    if r.sensitivity:
        _print_sensitivity(console, r.sensitivity)
    if r.recovery:
        _print_recovery(console, r.recovery, r.parties, names)
    influence = r.influence
    if influence.respondents:
        ranked = sorted(influence.statements, key=lambda s: -(s.flip or 0))[:5]
        console.print(
            f"statement influence (first {influence.respondents:,} respondents): one "
            f"flipped answer changes the top advice {_fmt(influence.mean_flip, percent=True)}"
            f" of the time on average, one dropped answer "
            f"{_fmt(influence.mean_drop, percent=True)}; most influential: "
            + ", ".join(f"{escape(s.statement)} ({_fmt(s.flip, percent=True)})" for s in ranked)
        )
    consensus = r.consensus_statements
    console.print(
        "statements all parties agree on (they cannot move the advice): "
        + (escape(", ".join(consensus)) if consensus else "none")
    )


def _print_top_advice(console: Any, r: SimulationReport, names: dict[str, str]) -> None:
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
    for p in r.parties:
        interval = r.top_share_interval[p]
        table.add_row(
            names.get(p, escape(p)),
            _fmt(r.top_share[p], percent=True),
            "—" if interval is None else f"{100 * interval[0]:.1f}–{100 * interval[1]:.1f}%",
            _fmt(r.bias_ratio[p], 2),
            _fmt(r.mean_score[p], 1),
            _fmt(r.rank_distribution[p]["1"], percent=True),
            _fmt(r.unranked_share.get(p), percent=True),
        )
    console.print(table)
    if r.dealbreakers is not None:
        excluded = ", ".join(
            f"{names.get(p, escape(p))} {_fmt(share, percent=True)}"
            for p, share in r.dealbreakers.excluded_share.items()
        )
        console.print(
            f"deal-breakers: {r.dealbreakers.respondents:,} respondents "
            f"({_fmt(r.dealbreakers.share, percent=True)}) marked one; "
            f"{escape(r.parameters['dealbreaker_choice'])}. Excluded (share of all respondents): {excluded}"
        )
    if r.min_coverage:
        console.print(
            f"top advice among ranked parties only: a party needs a stance on at least "
            f"{r.min_coverage:.0%} of a respondent's answers; respondents with no ranked party: "
            f"{r.without_score:,}"
        )
    from ..quiz.profiles import FLAGS

    for p, flags in r.party_flags.items():
        if flags:
            console.print(
                f"[yellow]warning[/]: {names.get(p, escape(p))} "
                + "; ".join(FLAGS[f] for f in flags)
                + ": its advantage or disadvantage comes from its position alone"
            )


def _print_sensitivity(console: Any, sensitivity: Sensitivity) -> None:
    """Same top advice under each pair of methods, and Kendall's tau between their scores."""
    from rich.table import Table

    table = Table(title="Same top advice under two methods (share of respondents)")
    table.add_column("")
    for m in sensitivity.methods:
        table.add_column(m, justify="right")
    for m, row in zip(sensitivity.methods, sensitivity.same_top, strict=True):
        table.add_row(m, *(_fmt(v, percent=True) for v in row))
    console.print(table)
    table = Table(title=f"Kendall's tau-b between methods' party scores (first {sensitivity.tau_sample:,} respondents)")
    for column in ("methods", "mean", "q1", "median", "q3", "undefined"):
        table.add_column(column, justify="left" if column == "methods" else "right")
    for entry in sensitivity.kendall_tau:
        table.add_row(
            " vs ".join(entry.methods),
            _fmt(entry.mean),
            _fmt(entry.q1),
            _fmt(entry.median),
            _fmt(entry.q3),
            str(entry.undefined),
        )
    console.print(table)


def _print_recovery(console: Any, recovery: Recovery, parties: tuple[str, ...], names: dict[str, str]) -> None:
    """Per eps: how often the copied party is the top advice, in all and per party."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Recovery: top advice = the party the respondent copied")
    table.add_column("eps", justify="right")
    table.add_column("all", justify="right")
    for p in parties:
        table.add_column(names.get(p, escape(p)), justify="right")
    for e, eps in enumerate(recovery.eps):
        table.add_row(
            f"{eps:g}",
            _fmt(recovery.rate[e], percent=True),
            *(_fmt(recovery.by_party[p][e], percent=True) for p in parties),
        )
    console.print(table)


def print_replications(report: SimulationReport, console: Any = None, names: dict[str, str] | None = None) -> None:
    """Terminal tables beside `print_summary`: top-share agreement between methods, and with
    `--replications` each party's top share across the replications."""
    from rich.table import Table

    from ..texts.console import InertConsole as Console

    console = console or Console()
    sensitivity = report.sensitivity
    if sensitivity:
        table = Table(title="Top shares under two methods: largest difference, correlation over parties")
        for column in ("methods", "max |difference|", "correlation", "tau mean (95% interval)"):
            table.add_column(column, justify="left" if column == "methods" else "right")
        for entry, tau in zip(sensitivity.top_share_agreement, sensitivity.kendall_tau, strict=True):
            interval = tau.mean_interval
            difference = entry.max_abs_difference
            table.add_row(
                " vs ".join(entry.methods),
                "—" if difference is None else f"{100 * difference:.1f} points",
                "—" if entry.correlation is None else f"{entry.correlation:.3f}",
                "—"
                if interval is None or tau.mean is None
                else f"{tau.mean:.3f} ({interval[0]:.3f}–{interval[1]:.3f})",
            )
        console.print(table)
    replications = report.replications
    if not replications:
        return
    names = names or {}
    table = Table(
        title=f"Top share across {replications.count} replications (seeds derived from {replications.seeds[0]})"
    )
    for column in ("party", "mean", "sd", "min", "max", "bias ratio (mean)"):
        table.add_column(column, justify="left" if column == "party" else "right")

    def cell(value: float | None) -> str:
        return "—" if value is None else f"{100 * value:.2f}%"

    for p in report.parties:
        share, bias = replications.top_share[p], replications.bias_ratio[p]
        table.add_row(
            names.get(p, p),
            cell(share.mean),
            cell(share.sd),
            cell(share.min),
            cell(share.max),
            "—" if bias.mean is None else f"{bias.mean:.2f}",
        )
    console.print(table)
