"""`stemhulp sweep`: run a grid of simulations on Dask and gather one results table.

Registered in app.py; Dask, numpy and pyarrow are imported inside the command only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from ..limits import MAX_WORKERS
from .common import JsonOpt, echo, handles_errors, print_json, whole

GridArg = Annotated[
    Path, typer.Argument(help="The grid: a YAML file of quizzes, methods, missing, models, seeds.", show_default=False)
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        metavar="RESULTS.parquet",
        help="Write one row per task × party here; tasks already in this file are skipped (resume).",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="An existing Dask scheduler (default: $DASK_SCHEDULER_ADDRESS, else a local cluster); "
        "'inline' runs every task in this process.",
    ),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        parser=whole(1, MAX_WORKERS),
        metavar="INTEGER",
        help="Worker processes of the local cluster (default: one per core).",
    ),
]
PlotOpt = Annotated[
    Path | None,
    typer.Option(
        "--plot", metavar="FILE.png", help="Also draw the most favoured party's bias ratio per configuration."
    ),
]


@handles_errors
def sweep(
    grid: GridArg,
    out: OutOpt = None,
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    plot: PlotOpt = None,
    json: JsonOpt = False,
) -> None:
    """Run a study grid (quizzes × methods × policies × models × seeds) on Dask; results to Parquet."""
    from ..formats.outputs import check_outputs
    from ..sweeps import load_grid
    from ..sweeps import sweep as run_sweep
    from ..sweeps.summary import summarise
    from .simulation_summary import TerminalProgress, wants_progress

    parsed = load_grid(grid)
    inputs: dict[str, Any] = {"the grid": grid}
    inputs.update({f"quiz {ref.label}": ref.path for ref in parsed.quizzes if ref.path})
    inputs.update(
        {
            f"the answer pool of {m.label}": value
            for m in parsed.models
            for key, value in m.parameters
            if key == "answers"
        }
    )
    check_outputs({"--out": out, "--plot": plot}, inputs)
    bar = TerminalProgress("sweep") if wants_progress() else None

    def progress(done: int, total: int, respondents: int) -> None:
        if bar is not None:
            bar(done, total, f"sweep · {respondents:,} respondents")

    try:
        result = run_sweep(parsed, out, scheduler=scheduler, workers=workers, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    summary = summarise(result.rows, parsed.compare)
    if plot is not None:
        from ..sweeps.figure import plot_summary

        plot_summary(summary, plot, result.provenance)
    if json:
        print_json(
            {
                "tasks": result.tasks,
                "ran": result.ran,
                "rows": len(result.rows),
                "out": None if out is None else os.fspath(out),
                "summary": summary,
                "provenance": dict(result.provenance),
            }
        )
        return
    _print(summary, result, out, parsed.compare)


def _print(summary: list[dict[str, Any]], result: Any, out: Path | None, compare: tuple[str, ...]) -> None:
    """One paragraph per configuration, so the summary reads at any terminal width."""
    echo(
        f"{result.tasks} tasks ({result.ran} run now), {len(result.rows)} rows; "
        "means over seeds (intervals across seeds: --json)"
    )
    for line in summary:
        parts = [
            f"bias ratio: most favoured {_party(line, 'most')} {_fmt(line['max_bias_ratio'])}, "
            f"least {_party(line, 'least')} {_fmt(line['min_bias_ratio'])}",
            f"close calls {_fmt(line['close_call_rate'], percent=True)}",
        ]
        if line["recovery_rate"] is not None:
            parts.append(f"recovery {_fmt(line['recovery_rate'], percent=True)}")
        parts.extend(f"same top advice as {m} {_fmt(line[f'same_top_{m}'], percent=True)}" for m in compare)
        echo(
            f"\n{line['quiz']} · {line['method']} · {line['missing']} · {line['model']} · "
            f"{line['respondents']:,} respondents × {line['seeds']} seed(s)"
        )
        echo("  " + "; ".join(parts))
    origin = result.provenance
    fingerprints = "; ".join(f"{label} {q['quiz_fingerprint']}" for label, q in origin["quizzes"].items())
    echo(f"\nstemhulp {origin['stemhulp']}, seeds {origin['seed']}; quizzes: {fingerprints}")
    if out is not None:
        echo(f"\nrows written to {out} (provenance in its Parquet schema metadata, key stemhulp.provenance)")


def _party(line: dict[str, Any], which: str) -> str:
    """The party's name with its id in brackets (two parties may share a name)."""
    name, party = line[f"{which}_favoured"], line[f"{which}_favoured_party"]
    return "—" if party is None else f"{name} [{party}]"


def _fmt(estimate: dict[str, Any] | None, percent: bool = False) -> str:
    if estimate is None:
        return "—"
    return f"{estimate['mean'] * 100:.1f}%" if percent else f"{estimate['mean']:.2f}"
