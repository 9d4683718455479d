"""Load test of `stemhulp serve`: matches per second and latency over loopback, the server on one core.

    python benchmarks/bench_serve.py [--clients 8] [--seconds 5] [--max-requests 50000] [--workers 1] [--json]

Starts `stemhulp serve` (bundled quiz) on a free loopback port, pinned to CPU 0 where the system
allows it; client processes (pinned to the other CPUs) each hold one keep-alive connection and POST
random answers documents to /api/v1/match for a bounded time and count. Every response must be 200,
and a sample is checked against `stemhulp.match`. Reported: matches/s, p50/p90/p99 latency, and for
reference the in-process cost of one `Matcher.match` and one `stemhulp.match`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def answers_documents(count: int, seed: int = 1) -> list[bytes]:
    """Random answers documents for the bundled quiz (skips, important statements, party subsets)."""
    import stemhulp

    quiz = stemhulp.load()
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


def client(port: int, documents: list[bytes], stop_at: float, budget: int, cpus: set[int], out) -> None:
    """One keep-alive connection posting documents until the time or the request budget runs out."""
    if cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, cpus)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, failures, sample = [], 0, None
    headers = {"content-type": "application/json"}
    i = 0
    while time.perf_counter() < stop_at and i < budget:
        body = documents[i % len(documents)]  # each client its own documents: no answer repeats
        started = time.perf_counter()
        connection.request("POST", "/api/v1/match", body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        latencies.append(time.perf_counter() - started)
        if response.status != 200:
            failures += 1
        elif sample is None:
            sample = (body, payload)
        i += 1
    connection.close()
    out.put((latencies, failures, sample))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, cpu: int | None, workers: int = 1) -> subprocess.Popen:
    command = [sys.executable, "-m", "stemhulp", "serve", "--port", str(port), "--workers", str(workers)]
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
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("stemhulp serve did not start (is the web extra installed?)") from None
            time.sleep(0.1)


def in_process(repeat: int = 2000) -> dict[str, float]:
    """Microseconds per match, prepared (`Matcher`) and unprepared (`stemhulp.match`)."""
    import stemhulp

    quiz = stemhulp.load()
    # Answers of their own for every call: the Matcher's per-pattern stability cache must not flatter.
    documents = [json.loads(d) for d in answers_documents(repeat, seed=2)]
    matcher = stemhulp.Matcher(quiz)
    started = time.perf_counter()
    for i in range(repeat):
        d = documents[i % len(documents)]
        matcher.match(d["answers"], important=d["important"], parties=d.get("parties"))
    prepared = (time.perf_counter() - started) / repeat
    started = time.perf_counter()
    for i in range(repeat // 20):
        d = documents[i % len(documents)]
        stemhulp.match(quiz, d["answers"], important=d["important"], parties=d.get("parties"))
    unprepared = (time.perf_counter() - started) / (repeat // 20)
    result = matcher.match(documents[0]["answers"], important=documents[0]["important"])
    started = time.perf_counter()
    for _ in range(repeat):
        json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
    serialise = (time.perf_counter() - started) / repeat
    return {"matcher_us": prepared * 1e6, "match_us": unprepared * 1e6, "to_dict_and_json_us": serialise * 1e6}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its child processes, the workers (Linux), 0 where
    /proc is absent."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=50_000, help="in all, across clients")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (serve --workers)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 0 < args.seconds <= 60 or not 1 <= args.workers <= 8:
        parser.error("--clients must be 1…64, --seconds 0…60 and --workers 1…8 (a bounded load test)")

    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    # One worker: the server on the first CPU, the clients on the others. Several: nothing pinned
    # (the workers need the cores), so clients and server share them; server CPU per match is
    # then the figure that says what a core gives.
    server_cpu = cpus[0] if len(cpus) > 1 and args.workers == 1 else None
    client_cpus = set(cpus[1:]) if server_cpu is not None else set()
    port = free_port()
    server = start_server(port, server_cpu, args.workers)
    budget = max(1, args.max_requests // args.clients)
    # One document per request (no answer pattern repeats, so the server's per-pattern cache of
    # the stability figure never flatters the figures); the first 200 warm the server up.
    documents = answers_documents(200 + budget * args.clients)
    try:
        queue: multiprocessing.Queue = multiprocessing.Queue()
        warm = multiprocessing.Process(
            target=client, args=(port, documents[:200], time.perf_counter() + 1, 200, client_cpus, queue)
        )
        warm.start()
        queue.get()
        warm.join()
        started, cpu_before = time.perf_counter(), cpu_seconds(server.pid)
        stop_at = started + args.seconds
        workers = [
            multiprocessing.Process(
                target=client,
                args=(port, documents[200 + k * budget : 200 + (k + 1) * budget], stop_at, budget, client_cpus, queue),
            )
            for k in range(args.clients)
        ]
        for worker in workers:
            worker.start()
        results = [queue.get() for _ in workers]
        elapsed = time.perf_counter() - started
        server_busy = (cpu_seconds(server.pid) - cpu_before) / elapsed
        for worker in workers:
            worker.join()
    finally:
        server.terminate()
        server.wait(timeout=10)

    latencies = [value for result in results for value in result[0]]
    failures = sum(result[1] for result in results)
    import stemhulp

    quiz = stemhulp.load()
    for _, _, sample in results:
        if sample is not None:
            sent = json.loads(sample[0])
            expected = stemhulp.match(quiz, sent["answers"], important=sent["important"], parties=sent.get("parties"))
            assert json.loads(sample[1]) == json.loads(json.dumps(expected.to_dict())), "wrong result from the server"
    report = {
        "workers": args.workers,
        "clients": args.clients,
        "seconds": round(elapsed, 2),
        "requests": len(latencies),
        "failures": failures,
        "matches_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p90_ms": round(percentile(latencies, 0.90) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "server_cpu": server_cpu,
        "client_cpus": sorted(client_cpus),
        "server_cpu_busy": round(server_busy, 2),
        "server_cpu_ms_per_match": round(server_busy * elapsed / max(len(latencies), 1) * 1000, 3),
        "matches_per_server_cpu_second": round(len(latencies) / max(server_busy * elapsed, 1e-9)),
        **{key: round(value, 1) for key, value in in_process().items()},
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:>22}: {value}")
    if failures:
        raise SystemExit(f"{failures} requests failed")


if __name__ == "__main__":
    main()
