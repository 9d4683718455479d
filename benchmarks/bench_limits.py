"""A long quiz, measured as users meet it: load, validate, match, serve and simulate.

    python benchmarks/bench_limits.py [--statements 10000] [--parties 20] [--respondents 100000] [--docs]

Writes a synthetic stemhulp/1 quiz (statements × parties, every position a full record with its
quote and source keys) to a temporary file, and the same quiz as native YAML (`write_native`).
Times `stemhulp.load`, `stemhulp.validate` and one `stemhulp.match` (all statements answered) in
this process; then, each in a fresh interpreter with default arguments (start-up included; wall
and CPU time, best of `--repeat`): `stemhulp validate` on the JSON file (the baseline) and on the
YAML folder, and `stemhulp match --answers … --json`; `stemhulp serve` until `/` answers, with
its resident memory then and at its peak beside the memory of a process that only loaded the quiz;
and `stemhulp simulate -n RESPONDENTS` (without the influence and tau samples, which on a quiz this
long take many minutes) with its peak memory. Machine, thread settings and the load
average before and after are printed (a shared machine slows every wall-clock figure; CPU time
much less). `--docs` rewrites the `bench_limits` block of docs/performance.md from this run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import stemhulp
from stemhulp.formats.exchange import quiz_to_exchange
from stemhulp.formats.native import write_native
from stemhulp.simulate import synthetic_quiz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_public import settings  # noqa: E402  (a sibling script, not a package)

LOADED_QUIZ_MEMORY = """
import sys, stemhulp
def resident():
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS:")) / 1024
quiz = stemhulp.load(sys.argv[1])
print(resident())
"""


def timed(call):
    start = time.perf_counter()
    value = call()
    return value, time.perf_counter() - start


def run_command(arguments: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MB) of one `stemhulp` command in a fresh interpreter, start-up included."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "stemhulp", *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own CPU time and peak memory
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(errors.decode())
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss: kB on Linux


def command_seconds(arguments: list[str], repeat: int) -> tuple[float, float]:
    """(wall, CPU) seconds of the best of `repeat` runs of one command."""
    return min(run_command(arguments)[:2] for _ in range(repeat))


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a running process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) // 1024
    return fields


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_start(path: Path) -> dict[str, float] | None:
    """`stemhulp serve PATH`: seconds until `/` answers, resident and peak memory then, and the
    CPU seconds it used to get there; None without the web extra."""
    from stemhulp.cli.serve import missing_web_packages

    if missing_web_packages():
        return None
    port = _free_port()
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "stemhulp", "serve", str(path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit(server.stderr.read().decode() if server.stderr else "serve ended")
                time.sleep(0.05)
        ready = time.perf_counter() - start
        ticks = os.sysconf("SC_CLK_TCK")
        fields = Path(f"/proc/{server.pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        memory = _status(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"ready_s": ready, "cpu_s": cpu, "resident_mb": memory["VmRSS"], "peak_mb": memory["VmHWM"]}


def loaded_quiz_mb(path: Path) -> float:
    """Resident memory of a process that has only loaded the quiz (the measure of "the loaded quiz")."""
    done = subprocess.run([sys.executable, "-c", LOADED_QUIZ_MEMORY, str(path)], capture_output=True, text=True)
    return float(done.stdout)


def measure(args: argparse.Namespace, folder: Path) -> dict:
    quiz = synthetic_quiz(args.statements, args.parties, seed=1)
    path = folder / "long.json"
    path.write_text(json.dumps(quiz_to_exchange(quiz)), encoding="utf-8")
    loaded, load_seconds = timed(lambda: stemhulp.load(path))
    problems, validate_seconds = timed(lambda: stemhulp.validate(path))
    assert problems == [], problems[:3]
    answers = {s.id: ("agree", "disagree", "neutral", "skip")[i % 4] for i, s in enumerate(loaded.statements)}
    result, match_seconds = timed(lambda: stemhulp.match(loaded, answers))
    assert len(result.ranking) == args.parties
    answers_path = folder / "answers.json"
    answers_path.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    native = folder / "long-yaml"
    write_native(loaded, native)
    figures = {
        "file_mb": path.stat().st_size / 1e6,
        "yaml_mb": sum(f.stat().st_size for f in native.rglob("*.yaml")) / 1e6,
        "yaml_files": len(list(native.rglob("*.yaml"))),
        "load_s": load_seconds,
        "validate_s": validate_seconds,
        "match_s": match_seconds,
        "validate_json": command_seconds(["validate", str(path)], args.repeat),
        "validate_yaml": command_seconds(["validate", str(native)], args.repeat),
        "match_json": command_seconds(["match", str(path), "--answers", str(answers_path), "--json"], args.repeat),
        "loaded_mb": loaded_quiz_mb(path),
        "serve": serve_start(path),
    }
    shutil.rmtree(native)
    # Without the per-statement influence and tau samples: on 10,000 statements the default
    # diagnostics take many minutes (more than 4 min of CPU, unfinished, in one run).
    lean = ["--influence-sample", "0", "--tau-sample", "0"]
    wall, cpu, peak = run_command(["simulate", str(path), "-n", str(args.respondents), "--seed", "1", *lean])
    figures["simulate"], figures["simulate_peak_mb"] = (wall, cpu), peak
    return figures


def report(args: argparse.Namespace, f: dict, load_before: float, load_after: float) -> str:
    def seconds(pair: tuple[float, float]) -> str:
        return f"{pair[0]:.2f} s ({pair[1]:.2f} s CPU)"

    serve = f["serve"]
    serving = (
        "`stemhulp serve`: not measured (the web extra is not installed)."
        if serve is None
        else f"`stemhulp serve` on the JSON file answers `/` after {serve['ready_s']:.2f} s "
        f"({serve['cpu_s']:.2f} s CPU), start-up included, holding {serve['resident_mb']:,} MB resident "
        f"(peak {serve['peak_mb']:,} MB while its tables are built) against {f['loaded_mb']:,.0f} MB for a "
        f"process that only loaded the quiz: {serve['resident_mb'] / f['loaded_mb']:.1f}× serving, "
        f"{serve['peak_mb'] / f['loaded_mb']:.1f}× at the peak."
    )
    lines = [
        f"Measured by `python benchmarks/bench_limits.py` ({time.strftime('%Y-%m-%d %H:%M')} UTC); commands in "
        f"a fresh interpreter with default arguments, start-up included, best of {args.repeat}; load average "
        f"{load_before:.1f} before, {load_after:.1f} after (wall time grows with it, CPU time much less).",
        "",
        *(f"- {line}" for line in settings()),
        "",
        f"A synthetic quiz of {args.statements:,} statements × {args.parties} parties: a {f['file_mb']:.1f} MB "
        f"stemhulp/1 file, or {f['yaml_mb']:.1f} MB of native YAML in {f['yaml_files']} files.",
        "",
        "| what | time |",
        "|---|---|",
        f"| `stemhulp validate` on the JSON file (the baseline) | {seconds(f['validate_json'])} |",
        f"| `stemhulp validate` on the native YAML | {seconds(f['validate_yaml'])} |",
        f"| `stemhulp match --answers … --json` (JSON file) | {seconds(f['match_json'])} |",
        f"| in this process: `load` / `validate` / `match` (JSON) | {f['load_s']:.2f} s / {f['validate_s']:.2f} s / "
        f"{f['match_s']:.2f} s |",
        f"| `stemhulp simulate -n {args.respondents:,} --seed 1 --influence-sample 0 --tau-sample 0` | "
        f"{seconds(f['simulate'])}, peak "
        f"{f['simulate_peak_mb']:,.0f} MB |",
        "",
        serving,
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--parties", type=int, default=20)
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--docs", action="store_true", help="rewrite the bench_limits block in docs/")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="stemhulp-bench-") as folder:
        figures = measure(args, Path(folder))
    text = report(args, figures, load_before, os.getloadavg()[0])
    print(text)
    if args.docs:
        from docs_block import replace_block

        replace_block("bench_limits", text)
        replace_block("readme_limits", readme_lines(args, figures), docs=ROOT / "README.md")


def readme_lines(args: argparse.Namespace, f: dict) -> str:
    """The README's summary of this run: a long quiz loads, validates and serves in linear time."""
    serve = f["serve"]
    serving = (
        ""
        if serve is None
        else f" `stemhulp serve` on it answers after **{serve['ready_s']:.1f} s**, at "
        f"**{serve['peak_mb'] / f['loaded_mb']:.1f}×** the memory of the loaded quiz at its peak and "
        f"{serve['resident_mb'] / f['loaded_mb']:.1f}× while serving."
    )
    return (
        f"A quiz of {args.statements:,} statements × {args.parties} parties: `stemhulp validate` on its "
        f"{f['yaml_mb']:.0f} MB of native YAML takes **{f['validate_yaml'][0]:.2f} s** (start-up included), beside "
        f"{f['validate_json'][0]:.2f} s for the same quiz as one JSON file.{serving} "
        "(`benchmarks/bench_limits.py`; the machine and the rest in [performance](docs/performance.md).)"
    )


if __name__ == "__main__":
    main()
