"""A long quiz, measured: load, validate, match, and a simulation's time and peak memory.

    python benchmarks/bench_limits.py [--statements 10000] [--parties 20] [--respondents 100000] [--json]

Writes a synthetic stemhulp/1 quiz (statements × parties, every position a full record with its
quote and source keys) to a temporary file, then times `stemhulp.load`, `stemhulp.validate` and
one `stemhulp.match` (all statements answered) in this process, then the `stemhulp validate`
and `stemhulp match --json` commands end to end (start-up and output included), `stemhulp validate`
on the same quiz written as native YAML (best of 3), and runs
`stemhulp simulate -n RESPONDENTS` on the file in a child process, reporting its wall time and peak
resident memory (ru_maxrss). The figures are what docs/performance.md ("Long quizzes")
quotes; they are a record, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import stemhulp
from stemhulp.formats.exchange import quiz_to_exchange
from stemhulp.formats.native import write_native
from stemhulp.simulate import synthetic_quiz


def _timed(call):
    start = time.perf_counter()
    value = call()
    return value, time.perf_counter() - start


def _command_seconds(arguments: list[str]) -> float:
    """Wall time of one `stemhulp` command in a fresh interpreter, start-up included."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "stemhulp", *arguments], capture_output=True)
    if done.returncode != 0:
        sys.exit(done.stderr.decode())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--parties", type=int, default=20)
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    quiz = synthetic_quiz(args.statements, args.parties, seed=1)
    folder = Path(tempfile.mkdtemp(prefix="stemhulp-bench-"))
    path = folder / "long.json"
    path.write_text(json.dumps(quiz_to_exchange(quiz)), encoding="utf-8")
    loaded, load_seconds = _timed(lambda: stemhulp.load(path))
    problems, validate_seconds = _timed(lambda: stemhulp.validate(path))
    assert problems == [], problems[:3]
    answers = {s.id: ("agree", "disagree", "neutral", "skip")[i % 4] for i, s in enumerate(loaded.statements)}
    result, match_seconds = _timed(lambda: stemhulp.match(loaded, answers))
    assert len(result.ranking) == args.parties

    answers_path = folder / "answers.json"
    answers_path.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    validate_command_seconds = _command_seconds(["validate", str(path)])
    native = folder / "long-yaml"
    write_native(loaded, native)  # the same quiz as native YAML (statements/, party_positions/)
    yaml_megabytes = sum(f.stat().st_size for f in native.rglob("*.yaml")) / 1e6
    validate_yaml_seconds = min(_command_seconds(["validate", str(native)]) for _ in range(3))
    shutil.rmtree(native)
    match_command_seconds = _command_seconds(["match", str(path), "--answers", str(answers_path), "--json"])
    answers_path.unlink()

    command = [
        sys.executable,
        "-m",
        "stemhulp",
        "simulate",
        str(path),
        "-n",
        str(args.respondents),
        "--seed",
        "1",
        "--json",
        "--influence-sample",
        "0",
        "--tau-sample",
        "0",
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env={**os.environ, "NO_COLOR": "1"})
    simulate_seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(done.stderr.decode())
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = {
        "statements": args.statements,
        "parties": args.parties,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "load_s": round(load_seconds, 2),
        "validate_s": round(validate_seconds, 2),
        "match_s": round(match_seconds, 2),
        "validate_command_s": round(validate_command_seconds, 2),
        "yaml_mb": round(yaml_megabytes, 1),
        "validate_yaml_command_s": round(validate_yaml_seconds, 2),  # best of 3, start-up included
        "match_json_command_s": round(match_command_seconds, 2),
        "simulate_respondents": args.respondents,
        "simulate_s": round(simulate_seconds, 1),
        "simulate_peak_mb": round(peak_mb),
    }
    path.unlink()
    folder.rmdir()
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>22}: {value}")


if __name__ == "__main__":
    main()
