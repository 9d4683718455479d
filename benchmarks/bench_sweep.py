"""A sweep of realistic shape on a local Dask cluster: tasks per second, respondents per second.

    python benchmarks/bench_sweep.py [--quizzes 50] [--seeds 5] [--respondents 100000] [--workers 2]

Synthetic quizzes (30 statements × 12 parties, 3-point, stemhulp/1 files in a temporary folder)
× all six methods × all four missing policies × two respondent models (uniform, party ε=0.2)
× seeds, each task one simulation of `--respondents` respondents, run by `stemhulp.sweep`
on a `LocalCluster` with `--workers` single-threaded worker processes. Reported: wall time,
tasks per second, respondent scorings per second in all and per worker.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

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
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="stemhulp-bench-sweep-"))
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
    started = time.perf_counter()
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
    print(
        f"{report['tasks']:,} tasks × {args.respondents:,} respondents on {args.workers} workers "
        f"in {report['seconds']} s: {report['tasks_per_second']} tasks/s, "
        f"{report['respondents_per_second'] / 1e6:.2f} M respondents/s "
        f"({report['respondents_per_second_per_worker'] / 1e6:.2f} M per worker)"
    )


if __name__ == "__main__":
    main()
