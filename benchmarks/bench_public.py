"""The public calls as users make them, with their default arguments, beside their baselines.

    python benchmarks/bench_public.py [--respondents 400000] [--repeat 5] [--docs]

One process pinned to one CPU (so every figure is per core, whatever thread pools exist), in one
run: `stemhulp.match_many` on real 3-point StemWijzer-style data (the municipal vote guide of
Utrecht 2026 from ../shared/reference, whole and cut to 12 parties × 29 statements, the shape of
StemWijzer Zwolle 2026), random answers with 10% skipped, agreement counting (`method=
"stemwijzer"`), with and without 20% of the answers marked important, and with the default
method; beside it the StemWijzer clone's own scoring (`scoring.ts` unchanged, compiled with
TypeScript from npm and run by Node, also pinned) and a plain Python loop of the same rule, whose
scores must equal match_many's. Then `Matcher.match` and `stemhulp.match` per call on the bundled
quiz, and `simulate` on the bundled quiz with its default diagnostics and with every method
compared (sensitivity and Kendall's tau); then the start-up of the installed command beside the
interpreter's own. Times are the best of `--repeat` wall-clock runs;
the load average before and after is printed, since a shared machine slows every figure.
`--docs` rewrites the `bench_public` block of docs/performance.md from this run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import stemhulp
from stemhulp.matching.methods import METHODS
from stemhulp.simulate import simulate

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT.parent / "shared" / "reference" / "municipal-vote-guide"
NODE_CACHE = Path(tempfile.gettempdir()) / "stemhulp-bench-node"
WORDS = ("disagree", "neither", "agree")  # the clone's words for codes 0, 1, 2


def pin_one_cpu() -> str:
    """Pin this process (and the Node child) to one CPU: figures per core."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def settings() -> list[str]:
    threads = {name: os.environ.get(name, "unset") for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    return [
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}, numpy {np.__version__}, stemhulp {stemhulp.__version__}",
        "threads: " + ", ".join(f"{k}={v}" for k, v in threads.items()) + " (the scoring path calls no BLAS)",
    ]


def cut_guide(source: Path, parties: int, statements: int, folder: Path) -> Path:
    """The guide's nl.json with its first `parties` taking part and first `statements` statements."""
    data = json.loads((source / "nl.json").read_text(encoding="utf-8"))
    data["statements"] = data["statements"][:statements]
    kept = {str(s["id"]) for s in data["statements"]}
    data["parties"] = [p for p in data["parties"] if p.get("participates", True)][:parties]
    for party in data["parties"]:
        party["positions"] = {k: v for k, v in party["positions"].items() if k in kept}
    data["shootoutStatements"] = []
    target = folder / f"{source.name}-{parties}x{statements}"
    target.mkdir()
    (target / "nl.json").write_text(json.dumps(data), encoding="utf-8")
    return target


def best_seconds(call, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def python_loop(quiz, codes: list[list[int]], min_coverage: float = 0.5) -> list[list[float]]:
    """Agreement counting with the coverage rule, one respondent at a time, plain Python; a
    missing stance counts as neutral (the default policy)."""
    neutral = quiz.scale.size // 2
    stances = [[quiz.stance_code(p.id, s.id) for s in quiz.statements] for p in quiz.parties]
    results = []
    for answers in codes:
        answered = sum(1 for a in answers if a >= 0)
        row = []
        for party in stances:
            agree = with_stance = 0
            for answer, stance in zip(answers, party, strict=True):
                if answer >= 0:
                    agree += answer == (stance if stance >= 0 else neutral)
                    with_stance += stance >= 0
            ranked = answered > 0 and with_stance >= min_coverage * answered - 1e-9
            row.append(100.0 * agree / answered if ranked else math.nan)
        results.append(row)
    return results


def node_rate(guide_file: Path, respondents: int, repeat: int) -> float | None:
    """Respondents per second of the clone's calculateMatches in Node (best of `repeat`), or None
    without node and npm."""
    if not (shutil.which("node") and shutil.which("npm")):
        return None
    compiled = NODE_CACHE / "scoring.js"
    if not compiled.exists():
        NODE_CACHE.mkdir(parents=True, exist_ok=True)
        for name in ("scoring.ts", "types.ts", "bench.js"):
            shutil.copy(GUIDE / "peer" / name, NODE_CACHE / name)
        subprocess.run(["npm", "install", "--silent", "typescript@5"], cwd=NODE_CACHE, check=True)
        subprocess.run(
            ["npx", "tsc", "--target", "es2020", "--module", "commonjs", "--skipLibCheck", "scoring.ts", "types.ts"],
            cwd=NODE_CACHE,
            check=True,
        )
    rates = []
    for _ in range(repeat):
        done = subprocess.run(
            ["node", "bench.js", str(guide_file), str(respondents)],
            cwd=NODE_CACHE,
            capture_output=True,
            text=True,
            check=True,
        )
        rates.append(json.loads(done.stdout)["respondents_per_s"])
    return max(rates)


def bench_real_data(label: str, folder: Path, args: argparse.Namespace) -> dict:
    quiz = stemhulp.load(folder)
    rng = np.random.default_rng(0)
    n, statements = args.respondents, len(quiz.statements)
    codes = rng.integers(0, 3, size=(n, statements), dtype=np.int8)
    codes[rng.random(codes.shape) < 0.1] = -1
    important = (rng.random(codes.shape) < 0.2) & (codes >= 0)
    calls = [
        lambda: stemhulp.match_many(quiz, codes, method="stemwijzer"),
        lambda: stemhulp.match_many(quiz, codes, method="stemwijzer", important=important),
        lambda: stemhulp.match_many(quiz, codes),
    ]
    for call in calls:
        call()  # warm up
    # Round by round, so a moment of interference on the shared machine hits every call alike.
    rounds = [[best_seconds(call, 1) for call in calls] for _ in range(args.repeat)]
    plain, marked, default = (min(times) for times in zip(*rounds, strict=True))

    sample = codes[: args.loop].tolist()
    loop_seconds = best_seconds(lambda: python_loop(quiz, sample), 3)
    expected = np.array(python_loop(quiz, sample))
    scores = stemhulp.match_many(quiz, codes[: args.loop], method="stemwijzer")
    np.testing.assert_allclose(scores, expected, rtol=0, atol=1e-9)
    node = node_rate(folder / "nl.json", args.node, 3)
    rate = n / plain
    return {
        "data": label,
        "shape": f"{len(quiz.parties)} × {statements}",
        "plain": rate,
        "important": n / marked,
        "default_method": n / default,
        "loop": args.loop / loop_seconds,
        "node": node,
        "vs_node": None if node is None else rate / node,
        "vs_loop": rate / (args.loop / loop_seconds),
    }


def answer_documents(quiz, count: int, seed: int = 1) -> list[tuple[dict[str, str], list[str]]]:
    rng = random.Random(seed)
    ids = [s.id for s in quiz.statements]
    words = ("eens", "oneens", "geen van beide", "skip")
    return [({sid: rng.choice(words) for sid in ids}, rng.sample(ids, 3)) for _ in range(count)]


def bench_single(args: argparse.Namespace) -> dict:
    quiz = stemhulp.load()
    matcher = stemhulp.Matcher(quiz)
    for answers, important in answer_documents(quiz, 100, seed=0):
        matcher.match(answers, important=important)
    # Every repeat its own answers: the Matcher's per-pattern cache of the stability figure must
    # not flatter the figure (people rarely give the very same answers).
    batches = iter([answer_documents(quiz, args.matches, seed=1 + r) for r in range(args.repeat)])
    prepared = best_seconds(lambda: [matcher.match(a, important=i) for a, i in next(batches)], args.repeat)
    documents = answer_documents(quiz, args.matches, seed=1)
    few = documents[: max(1, args.matches // 10)]
    fresh = best_seconds(lambda: [stemhulp.match(quiz, a, important=i) for a, i in few], 2)
    return {
        "quiz": f"bundled {quiz.id} ({len(quiz.parties)} × {len(quiz.statements)})",
        "matcher": args.matches / prepared,
        "match": len(few) / fresh,
    }


def bench_simulate(args: argparse.Namespace) -> list[dict]:
    quiz = stemhulp.load()
    every = [m.name for m in METHODS if m.fits(quiz.scale.size)]
    rows = []
    for label, options in (
        ("default diagnostics", {}),
        (f"every method compared ({len(every)}: sensitivity, tau)", {"methods": every}),
    ):
        simulate(quiz, 10_000, seed=1, **options)  # warm up
        seconds = best_seconds(lambda options=options: simulate(quiz, args.simulated, seed=1, **options), 3)
        rows.append({"run": label, "per_second": args.simulated / seconds})
    # The baseline: scoring alone, `match_many` of as many random answer rows (no drawing, no diagnostics).
    codes = np.random.default_rng(0).integers(-1, quiz.scale.size, size=(args.simulated, len(quiz.statements)))
    codes = codes.astype(np.int8)
    stemhulp.match_many(quiz, codes[:10_000])  # warm up
    seconds = best_seconds(lambda: stemhulp.match_many(quiz, codes), 3)
    rows.append(
        {"run": "baseline: `match_many` of as many answer rows (scoring alone)", "per_second": args.simulated / seconds}
    )
    return rows


def bench_startup(repeat: int) -> dict:
    """Wall seconds, best of `repeat`, of the installed `stemhulp` command starting (`--help`, and
    `validate` of the bundled quiz), beside the interpreter alone (`python -c pass`)."""
    script = Path(sys.executable).with_name("stemhulp")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "stemhulp"]
    runs = {
        "python": [sys.executable, "-c", "pass"],
        "help": [*command, "--help"],
        "validate": [*command, "validate"],
    }
    best = dict.fromkeys(runs, math.inf)
    for _ in range(repeat):  # round by round, so interference hits every command alike
        for name, arguments in runs.items():
            start = time.perf_counter()
            subprocess.run(arguments, capture_output=True, check=True)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def cpu_share(start: os.times_result) -> float:
    """The share of the wall time since `start` that this process and its children (Node) ran:
    about 1 on a quiet machine; below it, other programs took the pinned CPU and every wall-clock
    figure here is that much lower than the machine gives."""
    now = os.times()
    used = sum(now[i] - start[i] for i in range(4))
    return used / (now.elapsed - start.elapsed)


def report(args, pinned, load_before, load_after, share, real, single, simulated, startup) -> str:
    lines = [
        f"Measured by `python benchmarks/bench_public.py` ({time.strftime('%Y-%m-%d %H:%M')} UTC); one process "
        f"{pinned}, best of {args.repeat}; load average {load_before:.1f} before, {load_after:.1f} after; the "
        f"process had its CPU {share:.0%} of the time.",
        "",
        *(f"- {line}" for line in settings()),
        "",
        f"`match_many` on {args.respondents:,} random respondents (10% skipped), default arguments "
        "(`min_coverage` 0.5 included); Node: the clone's `scoring.ts` unchanged, "
        f"{args.node:,} respondents, best of 3; Python loop: {args.loop:,} respondents, its scores equal "
        "match_many's.",
        "",
        "| data | parties × statements | stemwijzer | + 20% important | default method | Node clone | "
        "× Node | Python loop | × loop |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in real:
        node = "n/a" if r["node"] is None else f"{r['node'] / 1e3:,.1f} k/s"
        ratio = "n/a" if r["vs_node"] is None else f"{r['vs_node']:,.0f}×"
        lines.append(
            f"| {r['data']} | {r['shape']} | {r['plain'] / 1e6:.2f} M/s | {r['important'] / 1e6:.2f} M/s | "
            f"{r['default_method'] / 1e6:.2f} M/s | {node} | {ratio} | {r['loop'] / 1e3:,.1f} k/s | "
            f"{r['vs_loop']:,.0f}× |"
        )
    lines += [
        "",
        f"One person at a time, {single['quiz']}, default arguments (stability figure included): "
        f"`Matcher.match` {single['matcher']:,.0f} matches/s ({1e3 / single['matcher']:.2f} ms each), "
        f"`stemhulp.match` {single['match']:,.0f}/s ({1e3 / single['match']:.2f} ms each).",
        "",
        f"`simulate` on the bundled quiz, {args.simulated:,} respondents, seed 1, one worker:",
        "",
        "| run | respondents/s |",
        "|---|---|",
        *(f"| {r['run']} | {r['per_second'] / 1e6:.2f} M/s |" for r in simulated),
        "",
        f"Start-up of the installed command, best of {args.repeat}: `stemhulp --help` {startup['help']:.2f} s, "
        f"`stemhulp validate` (bundled quiz) {startup['validate']:.2f} s, beside the interpreter alone "
        f"(`python -c pass`) {startup['python']:.2f} s.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=400_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--loop", type=int, default=5_000, help="respondents for the Python loop")
    parser.add_argument("--node", type=int, default=100_000, help="respondents for the Node clone")
    parser.add_argument("--matches", type=int, default=2_000, help="answers documents for Matcher.match")
    parser.add_argument("--simulated", type=int, default=1_000_000, help="respondents for simulate")
    parser.add_argument("--docs", action="store_true", help="rewrite the bench_public block in docs/")
    args = parser.parse_args()

    pinned = pin_one_cpu()
    load_before, start = os.getloadavg()[0], os.times()
    with tempfile.TemporaryDirectory() as folder:
        cut = cut_guide(GUIDE / "utrecht", 12, 29, Path(folder))
        real = [
            bench_real_data("Utrecht 2026, cut to Zwolle's shape", cut, args),
            bench_real_data("Utrecht 2026, whole", GUIDE / "utrecht", args),
        ]
    single = bench_single(args)
    simulated = bench_simulate(args)
    startup = bench_startup(args.repeat)
    share = cpu_share(start)
    text = report(args, pinned, load_before, os.getloadavg()[0], share, real, single, simulated, startup)
    print(text)
    if args.docs:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from docs_block import replace_block

        replace_block("bench_public", text)
        replace_block("readme_public", readme_lines(real, simulated, share), docs=ROOT / "README.md")


def readme_lines(real: list[dict], simulated: list[dict], share: float) -> str:
    """The README's summary of this run: the public calls per core beside their baselines."""
    zwolle = real[0]
    node = "" if zwolle["node"] is None else f", {zwolle['vs_node']:,.0f}× the StemWijzer clone's own scoring in Node"
    return (
        f"`stemhulp.match_many` with its default arguments, per core, on real StemWijzer-style data "
        f"({zwolle['shape']}, 3-point, 10% skipped): **{zwolle['plain'] / 1e6:.1f} M respondents/s** counting "
        f"agreement, **{zwolle['important'] / 1e6:.1f} M/s** with 20% marked important{node} and "
        f"{zwolle['vs_loop']:,.0f}× a plain Python loop of the same rule, in the same run. `simulate` on the "
        f"bundled quiz with its default diagnostics: **{simulated[0]['per_second'] / 1e6:.1f} M respondents/s**. "
        f"(`benchmarks/bench_public.py`: one process pinned to one CPU, which it had {share:.0%} of the time; "
        "the table and the machine are in [performance](docs/performance.md).)"
    )


if __name__ == "__main__":
    main()
