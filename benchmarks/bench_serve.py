"""Load test of `stemhulp serve` with its default arguments: matches and visitors per second and core.

    python benchmarks/bench_serve.py [--seconds 5] [--repeat 3] [--clients 8] [--docs] [--json]

Starts the real command (`python -m stemhulp serve QUIZ --workers N`, default method) on a free
loopback port, 1 worker pinned to CPU 0 (the clients pinned to the others), then 2 workers on
both CPUs (nothing pinned: the clients share the cores). Client processes each hold one keep-alive
connection. Two loads:

- **matches**: POST /api/v1/match with answers of their own (random words, skips, 3 important
  statements, a party choice in 30% of them: the per-pattern stability cache never flatters);
- **visitors**: a whole visit of the web quiz, page by page as a browser does it (intro, start,
  a municipality, every statement, important statements, parties, the result page).

Three quizzes: the bundled one (15 statements, 5 parties) and, when ../shared/reference is there,
two 2026 municipal vote guides: Landsmeer (29 statements and 11 tie-breaks, 8 parties: the shape
the bundled quiz had when the goal of a 30-answer match was set) and Utrecht (30 statements, 20
parties: a 30-answer match with four times the parties, so four times the breakdown rows).
Every response must be 200 (a sample is checked against `stemhulp.match`). Per run: throughput,
latency, and the server's CPU seconds (from /proc), so the figure per core is matches per server
CPU second. Best of `--repeat` runs; machine, load average and thread settings are printed.
`--docs` rewrites the `bench_serve` block of docs/performance.md and the election-day blocks of
docs/guides/hosting.md and README.md from this run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import multiprocessing
import os
import platform
import random
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ROOT.parent / "shared" / "reference" / "municipal-vote-guide"
UTRECHT = GUIDES / "utrecht"
LANDSMEER = GUIDES / "landsmeer"
VISITORS_24H = 9_200_000  # Wahl-O-Mat 2025, first 24 hours
PEAK_FACTOR = 3  # the peak hour against the day's average hour


def quizzes() -> list[tuple[str, str | None]]:
    """(label, source) of the quizzes measured: the bundled one, and two real ~30-statement ones."""
    found = [("bundled quiz, 15 statements × 5 parties", None)]
    if LANDSMEER.is_dir():
        found.append(("Landsmeer 2026, 29 statements × 8 parties", str(LANDSMEER)))
    if UTRECHT.is_dir():
        found.append(("Utrecht 2026, 30 statements × 20 parties", str(UTRECHT)))
    return found


def answers_documents(count: int, seed: int = 1, source: str | None = None) -> list[bytes]:
    """Random answers documents (skips, important statements, party subsets)."""
    import stemhulp

    quiz = stemhulp.load(source) if source else stemhulp.load()
    rng = random.Random(seed)
    ids = [s.id for s in quiz.statements]
    parties = [p.id for p in quiz.parties]
    documents = []
    for _ in range(count):
        answers = {sid: rng.choice(["eens", "oneens", "geen van beide", "skip"]) for sid in ids}
        document = {"answers": answers, "important": rng.sample(ids, 3)}
        if rng.random() < 0.3:
            document["parties"] = rng.sample(parties, 3)
        documents.append(json.dumps(document).encode())
    return documents


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
BUTTON = re.compile(r'name="do" value="([^"]+)"')


def visit(connection: http.client.HTTPConnection, rng: random.Random) -> int:
    """One visitor's whole web quiz, page by page; the number of requests it took."""
    connection.request("GET", "/")
    page = connection.getresponse().read().decode()
    requests, do, extra = 1, "start", {}
    while True:
        fields = {name: value.replace("&amp;", "&") for name, value in HIDDEN.findall(page)}
        body = urlencode({**fields, "do": do, **extra}, doseq=True)
        connection.request("POST", "/quiz", body=body, headers={"content-type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        page = response.read().decode()
        requests += 1
        if response.status != 200:
            raise RuntimeError(f"POST /quiz answered {response.status}")
        if 'action="/download"' in page or requests > 200:
            return requests
        buttons = BUTTON.findall(page)
        answers = [b for b in buttons if b.startswith("answer:")]
        if answers:
            do, extra = (rng.choice([*answers, "skip"]), {})
        elif 'name="municipality"' in page:
            places = re.findall(r'name="municipality" value="(\d+)"', page)
            do, extra = "next", {"municipality": rng.choice(places)}
        elif 'name="party"' in page:
            do, extra = "next", {"party": re.findall(r'name="party" value="(\d+)"', page)}
        elif 'name="important"' in page:
            do, extra = "next", {"important": rng.sample(re.findall(r'name="important" value="(\d+)"', page), 2)}
        else:
            do, extra = "next", {}


def client(port: int, kind: str, documents: list[bytes], stop_at: float, budget: int, cpus: set[int], out) -> None:
    """One keep-alive connection posting documents (or walking visits) until the time or budget runs out."""
    if cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, cpus)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, failures, sample, requests = [], 0, None, 0
    headers = {"content-type": "application/json"}
    rng = random.Random(budget)
    i = 0
    while time.perf_counter() < stop_at and i < budget:
        started = time.perf_counter()
        if kind == "visitors":
            requests += visit(connection, rng)
        elif kind == "baseline":  # the same server and connection, no matching: the HTTP stack's floor
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            requests += 1
            failures += response.status != 200
        else:
            body = documents[i % len(documents)]  # each client its own documents: no answer repeats
            connection.request("POST", "/api/v1/match", body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            requests += 1
            if response.status != 200:
                failures += 1
            elif sample is None:
                sample = (body, payload)
        latencies.append(time.perf_counter() - started)
        i += 1
    connection.close()
    out.put((latencies, failures, sample, requests))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, cpu: int | None, workers: int = 1, source: str | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "stemhulp", "serve", *([source] if source else [])]
    command += ["--port", str(port), "--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def pin() -> None:
        if cpu is not None:
            os.sched_setaffinity(0, {cpu})

    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=pin if hasattr(os, "sched_setaffinity") else None,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200 and (workers == 1 or len(workers_of(process.pid)) >= workers):
                return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("stemhulp serve did not start (is the web extra installed?)")
        time.sleep(0.2)


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # it has just ended
        return b""


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def workers_of(pid: int) -> list[int]:
    """The worker processes of `serve` (multiprocessing's resource tracker left out)."""
    return [c for c in children(pid) if b"spawn_main" in command_line(c)]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its child processes, the workers (Linux), 0 where
    /proc is absent."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(child) for child in children(pid))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(kind: str, source: str | None, workers: int, args: argparse.Namespace) -> dict:
    """One load run against a fresh server."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    # One worker: the server on the first CPU, the clients on the others. Several: nothing pinned
    # (the workers need the cores), so clients and server share them; server CPU per match is
    # then the figure that says what a core gives.
    server_cpu = cpus[0] if len(cpus) > 1 and workers == 1 else None
    client_cpus = set(cpus[1:]) if server_cpu is not None else set()
    port = free_port()
    server = start_server(port, server_cpu, workers, source)
    budget = max(1, args.max_requests // args.clients)
    documents = answers_documents(200 + budget * args.clients, source=source) if kind == "matches" else []
    try:
        queue: multiprocessing.Queue = multiprocessing.Queue()
        warm = multiprocessing.Process(
            target=client, args=(port, kind, documents[:200], time.perf_counter() + 1, 200, client_cpus, queue)
        )
        warm.start()
        queue.get()
        warm.join()
        started, cpu_before = time.perf_counter(), cpu_seconds(server.pid)
        stop_at = started + args.seconds
        processes = [
            multiprocessing.Process(
                target=client,
                args=(
                    port,
                    kind,
                    documents[200 + k * budget : 200 + (k + 1) * budget],
                    stop_at,
                    budget,
                    client_cpus,
                    queue,
                ),
            )
            for k in range(args.clients)
        ]
        for process in processes:
            process.start()
        results = [queue.get() for _ in processes]
        elapsed = time.perf_counter() - started
        server_cpu_used = cpu_seconds(server.pid) - cpu_before
        for process in processes:
            process.join()
    finally:
        server.terminate()
        server.wait(timeout=20)
    latencies = [value for result in results for value in result[0]]
    failures = sum(result[1] for result in results)
    requests = sum(result[3] for result in results)
    if failures:
        raise SystemExit(f"{failures} requests failed")
    check_samples(results, source)
    return {
        "kind": kind,
        "workers": workers,
        "seconds": round(elapsed, 2),
        "done": len(latencies),
        "requests": requests,
        "per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "server_cpu_busy": round(server_cpu_used / elapsed, 2),
        "server_cpu_ms_each": round(server_cpu_used / max(len(latencies), 1) * 1000, 3),
        "per_server_cpu_second": round(len(latencies) / max(server_cpu_used, 1e-9), 1),
    }


def check_samples(results: list, source: str | None) -> None:
    """A response of each client equals `stemhulp.match` on its answers."""
    import stemhulp

    quiz = stemhulp.load(source) if source else stemhulp.load()
    for _, _, sample, _ in results:
        if sample is not None:
            sent = json.loads(sample[0])
            expected = stemhulp.match(quiz, sent["answers"], important=sent["important"], parties=sent.get("parties"))
            assert json.loads(sample[1]) == json.loads(json.dumps(expected.to_dict())), "wrong result from the server"


def in_process(source: str | None, repeat: int = 1000) -> dict[str, float]:
    """Microseconds of CPU per `Matcher.match` with answers never seen before, and per JSON answer."""
    import stemhulp
    from stemhulp.matching.threads import single_threaded_process
    from stemhulp.web.api import Api
    from stemhulp.web.app import Matchers

    single_threaded_process()  # as a server worker runs (the servers measured are processes of their own)
    quiz = stemhulp.load(source) if source else stemhulp.load()
    documents = [json.loads(d) for d in answers_documents(repeat, seed=2, source=source)]
    matcher = stemhulp.Matcher(quiz)
    api = Api(quiz, Matchers(quiz), matcher.method, matcher.missing)
    for d in answers_documents(200, seed=3, source=source):  # warm, as a server is after its first visitors
        warm = json.loads(d)
        api.dump(matcher.match(warm["answers"], important=warm["important"], parties=warm.get("parties")))
    started = time.process_time()
    results = [matcher.match(d["answers"], important=d["important"], parties=d.get("parties")) for d in documents]
    prepared = (time.process_time() - started) / repeat
    started = time.process_time()
    sizes = [len(api.dump(result)) for result in results]
    dumped = (time.process_time() - started) / repeat
    return {
        "matcher_us": round(prepared * 1e6),
        "json_us": round(dumped * 1e6),
        "json_bytes": round(sum(sizes) / repeat),
    }


def settings() -> list[str]:
    threads = {name: os.environ.get(name, "unset") for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    from importlib.util import find_spec

    import numpy

    import stemhulp

    loop = "uvloop" if find_spec("uvloop") else "asyncio (install the web extra for uvloop)"
    return [
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}, numpy {numpy.__version__}, stemhulp {stemhulp.__version__}",
        "threads: " + ", ".join(f"{k}={v}" for k, v in threads.items()) + " (each server worker limits BLAS to 1)",
        f"server: uvicorn with httptools and {loop}",
    ]


def best(runs: list[dict]) -> dict:
    return max(runs, key=lambda r: r["per_server_cpu_second"])


def election_day(per_core_matches: float, per_core_visitors: float) -> list[str]:
    """What 9.2 million visitors in 24 hours (peak hour 3× the average) need in server cores."""
    peak = VISITORS_24H / 24 / 3600 * PEAK_FACTOR
    api_cores = math.ceil(peak / per_core_matches)
    page_cores = math.ceil(peak / per_core_visitors)
    return [
        f"- {VISITORS_24H:,} visitors in 24 hours is {VISITORS_24H / 86400:,.0f} a second on average; the "
        f"peak hour at {PEAK_FACTOR}× the average is **{peak:,.0f} visitors a second**.",
        f"- Through the JSON API (your own front end, one match per visitor): {peak:,.0f} ÷ "
        f"{per_core_matches:,.0f} matches per core-second = **{cores(api_cores)}** at the peak.",
        f"- Through the web quiz of `stemhulp serve` (every page made on the server): {peak:,.0f} ÷ "
        f"{per_core_visitors:,.1f} visits per core-second = **{cores(page_cores)}** at the peak.",
        "- Both before any headroom (run at most ~70% busy) and before TLS and the proxy's own CPU.",
    ]


def cores(count: int) -> str:
    return f"{count} server core" + ("" if count == 1 else "s")


def report(args: argparse.Namespace, load_before: float, load_after: float, table: list[tuple[str, dict, dict]]) -> str:
    lines = [
        f"Measured with `python benchmarks/bench_serve.py --seconds {args.seconds:g} --repeat {args.repeat}` "
        f"on {time.strftime('%Y-%m-%d')}: {', '.join(settings())}; load average {load_before:.1f} before, "
        f"{load_after:.1f} after (other work on the machine slows every figure). Best of {args.repeat} runs, "
        f"{args.clients} keep-alive clients; per core = per second of server CPU.",
        "",
        "| quiz | load | workers | per second | p50 ms | p99 ms | server CPU busy | **per core** |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, runs, _ in table:
        for (kind, workers), run_ in runs.items():
            unit = {"matches": "matches", "visitors": "visits", "baseline": "`GET /healthz`"}[kind]
            lines.append(
                f"| {label} | {unit} | {workers} | {run_['per_second']:,.0f} | {run_['p50_ms']} | "
                f"{run_['p99_ms']} | {run_['server_cpu_busy']:.2f} | **{run_['per_server_cpu_second']:,.0f} {unit}** |"
            )
    lines.append("")
    for label, runs, extra in table:
        visit = runs.get(("visitors", 1))
        lines.append(
            f"- {label}: `Matcher.match` {extra['matcher_us']} µs of CPU with answers never seen before, "
            f"the JSON answer {extra['json_us']} µs and {extra['json_bytes']:,} bytes"
            + (
                f"; a visit of the web quiz takes {visit['requests'] / max(visit['done'], 1):.0f} requests."
                if visit
                else "."
            )
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-requests", type=int, default=50_000, help="per run, across clients")
    parser.add_argument("--docs", action="store_true", help="rewrite the docs and README blocks from this run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 0 < args.seconds <= 60 or not 1 <= args.repeat <= 10:
        parser.error("--clients must be 1…64, --seconds 0…60 and --repeat 1…10 (a bounded load test)")
    for line in settings():
        print(line)
    load_before = os.getloadavg()[0]
    table = []
    for label, source in quizzes():
        runs = {}
        if not table:  # the baseline, once: what the same server does per core without matching
            runs[("baseline", 1)] = best([run("baseline", source, 1, args) for _ in range(args.repeat)])
        for kind in ("matches", "visitors"):
            for workers in (1, 2):
                tries = [run(kind, source, workers, args) for _ in range(args.repeat)]
                runs[(kind, workers)] = best(tries)
                print(label, kind, workers, json.dumps(runs[(kind, workers)]), flush=True)
        table.append((label, runs, in_process(source)))
    text = report(args, load_before, os.getloadavg()[0], table)
    bundled = table[0][1]
    per_core = min(bundled[("matches", w)]["per_server_cpu_second"] for w in (1, 2))
    visits = min(bundled[("visitors", w)]["per_server_cpu_second"] for w in (1, 2))
    day = "\n".join(
        [f"From the bundled quiz's figures above ({per_core:,.0f} matches and {visits:,.1f} visits per core-second):"]
        + election_day(per_core, visits)
    )
    print(text)
    print(day)
    if args.json:
        print(
            json.dumps(
                [
                    {"quiz": label, "runs": {f"{k}-{w}": r for (k, w), r in runs.items()}, **extra}
                    for label, runs, extra in table
                ],
                indent=2,
            )
        )
    if args.docs:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from docs_block import replace_block

        replace_block("bench_serve", text)
        replace_block("election_day_server", day)
        replace_block("readme_serve", readme_lines(table, per_core, visits, load_before), docs=ROOT / "README.md")


def readme_lines(table: list[tuple[str, dict, dict]], per_core: float, visits: float, load: float) -> str:
    peak = VISITORS_24H / 24 / 3600 * PEAK_FACTOR
    baseline = table[0][1][("baseline", 1)]["per_server_cpu_second"]
    quizzes = "; ".join(
        f"{label}: **{runs[('matches', 1)]['per_server_cpu_second']:,.0f}** with 1 worker, "
        f"**{runs[('matches', 2)]['per_server_cpu_second']:,.0f}** per core with 2 "
        f"({runs[('matches', 2)]['per_second']:,.0f}/s in all)"
        for label, runs, _ in table
    )
    return (
        f"`stemhulp serve`, matches per second per core of server CPU through the JSON API, default method, "
        f"answers never seen before: {quizzes}. The same server answers {baseline:,.0f} `GET /healthz` per "
        f"core (the HTTP stack's floor). A whole visit of the web quiz: {visits:,.1f} per core. "
        f"(`benchmarks/bench_serve.py`, {os.cpu_count()} CPUs, load average {load:.1f}.) "
        f"9.2 million visitors in 24 hours peak at about {peak:,.0f} a second: "
        f"{cores(math.ceil(peak / per_core))} through the API, {cores(math.ceil(peak / visits))} through the web quiz "
        "([hosting](docs/guides/hosting.md))."
    )


if __name__ == "__main__":
    main()
