"""`stemhulp.check` on a 40-party × 38-statement quiz: the report without and with the simulation.

    python benchmarks/bench_check.py [QUIZ] [--respondents 20000] [--repeat 5]

QUIZ defaults to ../shared/reference/wahlomat/2019-europa (Europawahl 2019: 40 parties, 38
theses). Reported: seconds to load the quiz, the best of `--repeat` runs of `check` with
`respondents=0` (every measure except the null model) and of `check` with the simulation.
"""

from __future__ import annotations

import argparse
import json
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
    args = parser.parse_args()
    start = time.perf_counter()
    quiz = stemhulp.load(args.quiz)
    load = time.perf_counter() - start
    stemhulp.check(quiz, respondents=0)  # warm up imports
    report = {
        "quiz": quiz.id,
        "parties": len(quiz.parties),
        "statements": len(quiz.statements),
        "load_seconds": round(load, 3),
        "check_seconds": round(best(args.repeat, lambda: stemhulp.check(quiz, respondents=0)), 4),
        "respondents": args.respondents,
        "check_with_simulation_seconds": round(
            best(args.repeat, lambda: stemhulp.check(quiz, respondents=args.respondents)), 3
        ),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
