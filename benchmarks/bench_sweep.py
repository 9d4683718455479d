"""A sweep of realistic shape on a local Dask cluster: tasks per second, respondents per second.

    python benchmarks/bench_sweep.py [--quizzes 50] [--seeds 5] [--respondents 100000] [--workers 2] [--docs]

Synthetic quizzes (30 statements × 12 parties, 3-point, stemhulp/1 files in a temporary folder,
removed afterwards) × every method × every missing policy × two respondent models (uniform,
party ε=0.2) × seeds, each task one simulation of `--respondents` respondents with every
diagnostic, run by `stemhulp.sweep` on a `LocalCluster` with `--workers` single-threaded worker
processes. Reported: wall time, tasks per second, respondents per second in all and per worker,
with the machine and the load average before and after. `--docs` rewrites the `bench_sweep` block
of docs/performance.md from this run (the defaults take about half an hour on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy

from stemhulp.formats.exchange import quiz_to_exchange
from stemhulp.matching.methods import METHODS, MISSING_POLICIES
from stemhulp.simulate import synthetic_quiz
from stemhulp.sweeps import sweep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quizzes", type=int, default=50)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--docs", action="store_true", help="rewrite the bench_sweep block of docs/performance.md")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="stemhulp-bench-sweep-") as temporary:
        folder = Path(temporary)
        for q in range(args.quizzes):
            quiz = synthetic_quiz(30, 12, scale_size=3, seed=q)
            (folder / f"quiz{q:03d}.json").write_text(json.dumps(quiz_to_exchange(quiz)), encoding="utf-8")
        grid = {
            "quizzes": [str(folder / "*.json")],
            "methods": [m.name for m in METHODS],
            "missing": [p.name for p in MISSING_POLICIES],
            "models": ["uniform", {"name": "party", "eps": 0.2}],
            "seeds": list(range(1, args.seeds + 1)),
            "respondents": args.respondents,
        }
        import dask

        started = time.perf_counter()
        with dask.config.set({"temporary-directory": str(folder)}):  # the workers' scratch space goes too
            result = sweep(grid, folder / "results.parquet", workers=args.workers)
        seconds = time.perf_counter() - started
    scorings = result.tasks * args.respondents
    report = {
        "tasks": result.tasks,
        "respondents_per_task": args.respondents,
        "workers": args.workers,
        "seconds": round(seconds, 1),
        "tasks_per_second": round(result.tasks / seconds, 2),
        "respondents_per_second": round(scorings / seconds),
        "respondents_per_second_per_worker": round(scorings / seconds / args.workers),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    text = block(args, report, len(grid["methods"]), len(grid["missing"]), load_before, os.getloadavg()[0])
    print(text)
    if args.docs:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from docs_block import replace_block

        replace_block("bench_sweep", text)


def block(args: argparse.Namespace, report: dict, methods: int, policies: int, before: float, after: float) -> str:
    """The docs block: the grid, the run's figures, the machine and its load."""
    return (
        f"Measured by `python benchmarks/bench_sweep.py` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}): "
        f"{args.quizzes} synthetic quizzes (30 statements × 12 parties) × {methods} methods × {policies} "
        f"missing policies × 2 models (uniform, party ε = 0.2) × {args.seeds} seeds = **{report['tasks']:,} tasks** "
        f"of {args.respondents:,} respondents each ({report['tasks'] * args.respondents / 1e9:.2f} billion simulated "
        f"respondents, `simulate`'s diagnostics per task), on a {args.workers}-worker `LocalCluster`: "
        f"**{report['seconds']:,} s**, {report['tasks_per_second']} tasks/s, "
        f"**{report['respondents_per_second'] / 1e6:.2f} M respondents/s** in all, "
        f"{report['respondents_per_second_per_worker'] / 1e6:.2f} M per worker. {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, numpy {numpy.__version__}; "
        f"load average {before:.1f} before, {after:.1f} after."
    )


if __name__ == "__main__":
    main()
