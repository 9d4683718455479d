"""`stemhulp.check` on a 40-party × 38-statement quiz: the report without and with the simulation.

    python benchmarks/bench_check.py [QUIZ] [--respondents 20000] [--repeat 5] [--docs]

QUIZ defaults to ../shared/reference/wahlomat/2019-europa (Europawahl 2019: 40 parties, 38
theses). Reported: seconds to load the quiz, the best of `--repeat` runs of `check` with
`respondents=0` (every measure except the null model; the first call, which also imports and
builds the quiz's derived tables, apart), of `check` with the default simulation
(`--respondents`) and with five times as many respondents. `--docs` rewrites the `bench_check`
block of docs/performance.md from this run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import stemhulp

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference" / "wahlomat" / "2019-europa"


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("quiz", nargs="?", default=str(DEFAULT))
    parser.add_argument("--respondents", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--docs", action="store_true", help="rewrite the bench_check block in docs/")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    quiz = stemhulp.load(args.quiz)
    load = time.perf_counter() - start
    start = time.perf_counter()
    stemhulp.check(quiz, respondents=0)  # the first call also imports and builds the quiz's derived tables
    first = time.perf_counter() - start
    many = 5 * args.respondents
    report = {
        "quiz": quiz.id,
        "parties": len(quiz.parties),
        "statements": len(quiz.statements),
        "load_seconds": round(load, 3),
        "first_check_seconds": round(first, 3),
        "check_seconds": round(best(args.repeat, lambda: stemhulp.check(quiz, respondents=0)), 4),
        "respondents": args.respondents,
        "check_with_simulation_seconds": round(
            best(args.repeat, lambda: stemhulp.check(quiz, respondents=args.respondents)), 3
        ),
        "more_respondents": many,
        "check_with_more_seconds": round(
            best(max(1, args.repeat // 2), lambda: stemhulp.check(quiz, respondents=many)), 3
        ),
    }
    print(json.dumps(report, indent=2))
    if args.docs:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from docs_block import replace_block

        replace_block("bench_check", block(report, args.repeat, load_before, os.getloadavg()[0]))


def block(report: dict, repeat: int, load_before: float, load_after: float) -> str:
    """The docs block: the three timings, the machine and the load."""
    import numpy

    return (
        f"On the {report['quiz']} quiz ({report['parties']} parties × {report['statements']} statements), "
        f"after loading it ({report['load_seconds']:.2f} s) and a first report ({report['first_check_seconds']:.2f} s: "
        f"imports and the quiz's derived tables): the report without the simulation "
        f"**{report['check_seconds']:.3f} s**, with the default {report['respondents']:,} simulated respondents "
        f"**{report['check_with_simulation_seconds']:.2f} s**, with {report['more_respondents']:,} "
        f"**{report['check_with_more_seconds']:.2f} s**. Measured by `python benchmarks/bench_check.py` "
        f"({time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC), best of {repeat}; {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, numpy {numpy.__version__}, "
        f"stemhulp {stemhulp.__version__}; load average {load_before:.1f} before, {load_after:.1f} after."
    )


if __name__ == "__main__":
    main()
