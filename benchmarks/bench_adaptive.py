"""How long `stemhulp.next_statement` takes per call: the adaptive quiz's step, on real quiz sizes.

    python benchmarks/bench_adaptive.py [--quiz PATH] [--repeat 3] [--json]

Walks one whole adaptive quiz (every statement, answered in turn with the options in rotation,
so the stop verdict never ends the walk) through the public API with default arguments, and
reports the median and the slowest call in milliseconds. Default quiz: the largest Wahl-O-Mat
election in ../shared/reference (38 statements, 40 parties), else the bundled quiz.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import stemhulp

LARGEST = Path(__file__).resolve().parents[2] / "shared" / "reference" / "wahlomat" / "2019-europa"


def walk(quiz) -> list[float]:
    """Milliseconds of each `next_statement` call over one whole quiz."""
    answers: dict[str, str] = {}
    options = quiz.scale.options
    times = []
    for turn in range(len(quiz.statements) + 1):
        start = time.perf_counter()
        verdict = stemhulp.next_statement(quiz, answers)
        times.append(1000 * (time.perf_counter() - start))
        if verdict.statement is None:
            break
        answers[verdict.statement] = options[turn % len(options)]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiz", type=Path, default=LARGEST if LARGEST.exists() else None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    quiz = stemhulp.load(args.quiz)
    walk(quiz)  # warm up
    times = [t for _ in range(args.repeat) for t in walk(quiz)]
    report = {
        "quiz": quiz.id,
        "statements": len(quiz.statements),
        "parties": len(quiz.parties),
        "calls": len(times),
        "median_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(
            f"{report['quiz']}: {report['statements']} statements × {report['parties']} parties — "
            f"next_statement median {report['median_ms']} ms, slowest {report['max_ms']} ms ({report['calls']} calls)"
        )


if __name__ == "__main__":
    main()
