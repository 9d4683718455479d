"""The issue-15 target: 1M respondents × 40 parties × 5 methods, Kendall's tau included, one core.

    python benchmarks/bench_research.py [--respondents 1000000] [--tau-sample 100000] [--repeat 3] [--docs]

Each run is a fresh `stemhulp simulate … --json` process on a synthetic 30-statement, 40-party
quiz with `--methods stemwijzer,wahlomat,cityblock,euclidean,directional` (every 3-point method
but hybrid), one worker and single-threaded BLAS, with Kendall's tau and, beside it, without
(`--tau-sample 0`). Reported per run: wall time, CPU time of the process (user + system; on a
shared, loaded machine the honest one-core figure), and peak memory (maximum resident set size),
with the load average before and after. `--docs` rewrites the `bench_research` block of
docs/performance.md with the best of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METHODS = "stemwijzer,wahlomat,cityblock,euclidean,directional"


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def run_once(quiz: Path, respondents: int, tau_sample: int) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "stemhulp",
        "simulate",
        str(quiz),
        "-n",
        str(respondents),
        "--seed",
        "1",
        "--methods",
        METHODS,
        "--tau-sample",
        str(tau_sample),
        "--json",
    ]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = json.loads(result.stdout)
    assert report["respondents"] == respondents and report["sensitivity"]["tau_sample"] == min(tau_sample, respondents)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mb": after.ru_maxrss / 1024}  # ru_maxrss: kB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--tau-sample", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--docs", action="store_true", help="rewrite the bench_research block in docs/")
    args = parser.parse_args()
    from stemhulp.formats.exchange import quiz_to_exchange
    from stemhulp.simulate import synthetic_quiz

    best: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        quiz = Path(folder) / "synthetic-30x40.json"
        quiz.write_text(json.dumps(quiz_to_exchange(synthetic_quiz(30, 40, seed=1))))
        load_before = os.getloadavg()[0]
        print(f"before: {uptime()}")
        for _ in range(args.repeat):  # round by round, so interference hits both runs alike
            for tau in (args.tau_sample, 0):
                run = run_once(quiz, args.respondents, tau)
                print(
                    f"{args.respondents:,} × 40 parties × 5 methods, tau on {tau:,}: "
                    f"wall {run['wall']:.1f} s, cpu {run['cpu']:.1f} s, peak {run['peak_mb']:.0f} MB"
                )
                if tau not in best or run["cpu"] < best[tau]["cpu"]:
                    best[tau] = run
        print(f"after:  {uptime()}")
    if args.docs:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from docs_block import replace_block

        replace_block("bench_research", report(args, best, load_before, os.getloadavg()[0]))


def report(args: argparse.Namespace, best: dict[int, dict[str, float]], load_before: float, load_after: float) -> str:
    """The docs block: the settings, the machine, and the best run with and without tau."""
    import numpy

    import stemhulp

    lines = [
        f"Measured by `python benchmarks/bench_research.py` ({time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC): "
        f"a fresh `stemhulp simulate --json` process per run on a synthetic 30-statement × 40-party quiz, "
        f"{args.respondents:,} respondents, methods {METHODS.replace(',', ', ')} (ten method pairs), one worker, "
        f"single-threaded BLAS; best of {args.repeat} by CPU time; load average {load_before:.1f} before, "
        f"{load_after:.1f} after (on a loaded machine the wall time grows, the CPU time much less); "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"numpy {numpy.__version__}, stemhulp {stemhulp.__version__}.",
        "",
        "| run | CPU time | wall | peak memory |",
        "|---|---|---|---|",
    ]
    for tau, label in ((args.tau_sample, f"Kendall's tau on the first {args.tau_sample:,}"), (0, "without tau")):
        run = best[tau]
        lines.append(f"| {label} | **{run['cpu']:.1f} s** | {run['wall']:.1f} s | {run['peak_mb']:.0f} MB |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
