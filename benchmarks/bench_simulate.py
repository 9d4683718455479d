"""`stemhulp simulate` at scale: wall time and peak memory for 1 and 2 workers, 1M and 10M.

    python benchmarks/bench_simulate.py [SOURCE] [--sizes 1000000,10000000] [--workers 1,2]

Each run is a fresh `stemhulp simulate … --json` process under /usr/bin/time -v (peak memory
is its maximum resident set size; with workers, the largest process). Without SOURCE the
bundled quiz is used, or a synthetic 34 × 5 quiz when none is bundled. Runs with the same
size must print identical JSON whatever the number of workers.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

STEMHULP = [str(Path(sys.executable).with_name("stemhulp"))]  # the console script beside python


def quiz_source(source: str | None, folder: Path) -> tuple[str, str]:
    if source:
        return source, source
    import stemhulp

    try:
        quiz = stemhulp.load()
        return "", f"bundled quiz {quiz.id} ({len(quiz.statements)} × {len(quiz.parties)})"
    except stemhulp.StemhulpError:
        from stemhulp.formats.exchange import quiz_to_exchange
        from stemhulp.simulate import synthetic_quiz

        path = folder / "synthetic.json"
        path.write_text(json.dumps(quiz_to_exchange(synthetic_quiz(34, 5, seed=3))))
        return str(path), "synthetic quiz (34 × 5)"


def run(source: str, respondents: int, workers: int, extra: list[str]) -> dict:
    command = [
        "/usr/bin/time",
        "-v",
        *STEMHULP,
        "simulate",
        *([source] if source else []),
        "--respondents",
        str(respondents),
        "--seed",
        "1",
        "--workers",
        str(workers),
        "--json",
        *extra,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    hours, minutes, seconds = (float(g) if g else 0.0 for g in wall.groups())
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    cpu = float(re.search(r"Percent of CPU this job got: (\d+)%", done.stderr).group(1))
    return {
        "respondents": respondents,
        "workers": workers,
        "seconds": round(hours * 3600 + minutes * 60 + seconds, 2),
        "peak_mb": round(rss / 1024, 1),
        "cpu_percent": cpu,
        "report": done.stdout,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?")
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--extra", default="", help="more simulate options, e.g. '--methods cityblock,stemwijzer'")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source, label = quiz_source(args.source, Path(folder))
        print(f"{label}; stemhulp simulate --json {args.extra}".rstrip())
        print(f"{'respondents':>12} {'workers':>7} {'seconds':>8} {'µs/resp':>8} {'peak MB':>8} {'CPU':>5}")
        reports: dict[int, str] = {}
        for size in (int(s) for s in args.sizes.split(",")):
            for workers in (int(w) for w in args.workers.split(",")):
                result = run(source, size, workers, args.extra.split())
                same = reports.setdefault(size, result["report"]) == result["report"]
                print(
                    f"{size:>12,} {workers:>7} {result['seconds']:>8.2f} "
                    f"{result['seconds'] / size * 1e6:>8.3f} {result['peak_mb']:>8.1f} "
                    f"{result['cpu_percent']:>4.0f}%{'' if same else '  OUTPUT DIFFERS'}"
                )


if __name__ == "__main__":
    main()
