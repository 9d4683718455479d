"""The scoring core side by side with the 0.1.0 core, on the same data, in one run.

    python benchmarks/bench_core.py [--respondents 1000000] [--repeat 5] [--json]

Run from a git checkout: the 0.1.0 engine is read from git (`git show 0.1.0-engine`, commit
b9614fc) into a temporary module, never copied into the tree. A synthetic quiz of 29 statements
× 12 parties on a 5-point scale (10% of stances missing), random answers with skips; "important"
marks each answered statement with probability 0.2. Both cores score the same codes in chunks of
65,536 respondents; the scores must be bit-identical. Reported: respondents per second, best of
`--repeat`, for cityblock/neutral (denominators shared by all parties) and euclidean/exclude
(one denominator per party). BLAS runs on one thread, so the figures are per core.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # one core: BLAS (the index product) must not use a second

import numpy as np  # noqa: E402  (after the thread settings, which numpy reads when it loads)

import stemhulp.matching.engine as current  # noqa: E402
from stemhulp.matching.tables import method_tables  # noqa: E402
from stemhulp.simulate import synthetic_quiz  # noqa: E402

OLD_COMMIT = "b9614fc"  # the last commit of 0.1.0
CHUNK = 65_536


def old_engine():
    root = Path(__file__).resolve().parent.parent
    source = subprocess.run(
        ["git", "show", f"{OLD_COMMIT}:stemhulp/engine.py"],  # where 0.1.0 kept it
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # 0.1.0 kept the chunk size in methods.py; it lives in the engine now.
    source = source.replace(
        "from .methods import DEFAULT_CHUNK, Method, MissingPolicy",
        "from .methods import Method, MissingPolicy\nDEFAULT_CHUNK = 65_536",
    )
    path = Path(tempfile.mkdtemp()) / "engine_0_1_0.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("stemhulp.engine_0_1_0", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run(engine, term_set, codes, important, repeat: int, new_api: bool):
    scorer = engine.Scorer.build([term_set], important=important is not None)
    out = np.empty((codes.shape[0], term_set[0].shape[2]))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for lo in range(0, codes.shape[0], CHUNK):
            hi = min(lo + CHUNK, codes.shape[0])
            block = None if important is None else important[lo:hi]
            if new_api:
                scorer.score(codes[lo:hi], block, out=[out[lo:hi]])
            else:
                out[lo:hi] = scorer.score(codes[lo:hi], block)[0]
        best = min(best, time.perf_counter() - start)
    return best, out.copy()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    quiz = synthetic_quiz(29, 12, scale_size=5, seed=1)
    rng = np.random.default_rng(0)
    codes = rng.integers(-1, 5, size=(args.respondents, 29), dtype=np.int8)
    important = (rng.random(codes.shape) < 0.2) & (codes >= 0)
    old = old_engine()
    results = []
    for method, missing in (("cityblock", "neutral"), ("euclidean", "exclude")):
        record, T, W, _ = method_tables(quiz, quiz.statements, [p.id for p in quiz.parties], method, missing, False)
        for label, marks in (("plain", None), ("important", important)):
            old_seconds, old_scores = run(old, (T, W, record.root), codes, marks, args.repeat, new_api=False)
            new_seconds, new_scores = run(current, (T, W, record.root), codes, marks, args.repeat, new_api=True)
            assert np.array_equal(old_scores, new_scores, equal_nan=True), "scores differ from 0.1.0"
            results.append(
                {
                    "method": method,
                    "missing": missing,
                    "answers": label,
                    "old_per_second": round(args.respondents / old_seconds),
                    "new_per_second": round(args.respondents / new_seconds),
                    "speed_up": round(old_seconds / new_seconds, 2),
                }
            )
    if args.json:
        print(
            json.dumps(
                {"respondents": args.respondents, "quiz": "29 statements × 12 parties, 5-point", "results": results},
                indent=2,
            )
        )
        return
    print(f"{args.respondents:,} respondents, 29 statements × 12 parties, best of {args.repeat}; scores bit-identical")
    for r in results:
        print(
            f"{r['method']:>9}/{r['missing']:<7} {r['answers']:<9}  0.1.0 {r['old_per_second'] / 1e6:5.2f} M/s   "
            f"now {r['new_per_second'] / 1e6:5.2f} M/s   ×{r['speed_up']}"
        )


if __name__ == "__main__":
    main()
