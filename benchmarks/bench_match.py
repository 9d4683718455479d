"""match_many against a plain per-respondent Python loop of the same rule, on the same data.

    python benchmarks/bench_match.py [--respondents 1000000] [--loop 2000] [--json]

A synthetic quiz (30 statements × 12 parties, 5-point scale, 10% of stances missing);
random answers with skips. The loop applies the cityblock rule with the neutral policy in
pure Python (lists, no numpy), one respondent at a time; its scores are checked against
match_many's. Reported: seconds for all respondents, seconds per respondent, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import math
import time

import numpy as np

import stemhulp
from stemhulp.simulate import synthetic_quiz


def python_loop(quiz, codes):
    """Cityblock, missing = neutral, one respondent at a time, plain Python."""
    k = quiz.scale.size
    x = [c / (k - 1) - 0.5 for c in range(k)]
    stances = [[quiz.stance_code(p.id, s.id) for s in quiz.statements] for p in quiz.parties]
    party_x = [[0.0 if c < 0 else x[c] for c in row] for row in stances]
    results = []
    for answers in codes:
        row = []
        for positions in party_x:
            total, weight = 0.0, 0
            for answer, position in zip(answers, positions, strict=True):
                if answer >= 0:
                    total += abs(x[answer] - position)
                    weight += 1
            row.append(math.nan if weight == 0 else 100.0 * (1.0 - total / weight))
        results.append(row)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--loop", type=int, default=2_000, help="respondents for the Python loop")
    parser.add_argument("--statements", type=int, default=30)
    parser.add_argument("--parties", type=int, default=12)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    quiz = synthetic_quiz(args.statements, args.parties, scale_size=5, seed=1)
    rng = np.random.default_rng(0)
    codes = rng.integers(-1, 5, size=(args.respondents, args.statements), dtype=np.int8)

    stemhulp.match_many(quiz, codes[:1000])  # warm up
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        scores = stemhulp.match_many(quiz, codes)
        best = min(best, time.perf_counter() - start)

    sample = codes[: args.loop].tolist()
    loop_seconds = math.inf
    for _ in range(3):
        start = time.perf_counter()
        looped = python_loop(quiz, sample)
        loop_seconds = min(loop_seconds, time.perf_counter() - start)
    np.testing.assert_allclose(np.array(looped), scores[: args.loop], rtol=0, atol=1e-9)

    per_vectorised = best / args.respondents
    per_loop = loop_seconds / args.loop
    result = {
        "quiz": f"{args.statements} statements × {args.parties} parties, 5-point",
        "respondents": args.respondents,
        "match_many_seconds": round(best, 4),
        "match_many_per_respondent_us": round(per_vectorised * 1e6, 4),
        "loop_respondents": args.loop,
        "loop_seconds": round(loop_seconds, 4),  # best of 3
        "loop_per_respondent_us": round(per_loop * 1e6, 2),
        "speed_ratio": round(per_loop / per_vectorised, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"quiz: {result['quiz']}")
    print(
        f"match_many: {args.respondents:,} respondents in {best:.3f} s "
        f"({result['match_many_per_respondent_us']} µs per respondent, best of 3)"
    )
    print(
        f"Python loop: {args.loop:,} respondents in {loop_seconds:.3f} s "
        f"({result['loop_per_respondent_us']} µs per respondent, best of 3)"
    )
    print(f"match_many is {result['speed_ratio']}× faster per respondent (same scores)")


if __name__ == "__main__":
    main()
