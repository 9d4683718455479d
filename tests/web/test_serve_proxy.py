"""`stemhulp serve --workers 2 --root-path /stemhulp` behind a reverse proxy, as a host runs it: the
real command in its own process, and a small proxy (httpx and uvicorn, both in the test extra) that
takes /stemhulp/… from the outside, strips the prefix and forwards with X-Forwarded-* headers, as
nginx's `proxy_pass http://127.0.0.1:8000/;` or Caddy's `handle_path /stemhulp/*` do."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")

import stemhulp  # noqa: E402

from ..paths import ROOT  # noqa: E402

PREFIX = "/stemhulp"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def proxy_app(upstream: str):
    """An ASGI reverse proxy: only PREFIX/… is served, the prefix is stripped on the way in."""
    client = httpx.AsyncClient(base_url=upstream, timeout=30)

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        path = scope["path"]
        if path != PREFIX and not path.startswith(PREFIX + "/"):
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b"not behind this proxy"})
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [(k, v) for k, v in scope["headers"] if k.decode().lower() not in HOP_BY_HOP]
        headers += [
            (b"x-forwarded-for", scope["client"][0].encode()),
            (b"x-forwarded-proto", b"http"),
            (b"x-forwarded-host", dict(scope["headers"]).get(b"host", b"")),
        ]
        query = scope["query_string"].decode()
        request = client.build_request(
            scope["method"],
            (path[len(PREFIX) :] or "/") + (f"?{query}" if query else ""),
            headers=headers,
            content=body,
        )
        answer = await client.send(request, stream=True)
        raw = b"".join([chunk async for chunk in answer.aiter_raw()])  # as sent: gzip stays gzip
        await answer.aclose()
        kept = [(k.encode(), v.encode()) for k, v in answer.headers.multi_items() if k.lower() not in HOP_BY_HOP]
        await send(
            {
                "type": "http.response.start",
                "status": answer.status_code,
                "headers": [*kept, (b"content-length", str(len(raw)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": raw})

    return app


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # it has just ended
        return b""


def children(pid: int) -> list[int]:
    """The worker processes of `serve` (multiprocessing's resource tracker left out)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(c) for c in path.read_text().split()] if path.exists() else []
    return [c for c in found if b"spawn_main" in command_line(c)]


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@pytest.fixture(scope="module")
def behind_proxy():
    port, proxy_port = free_port(), free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "stemhulp", "serve", "--port", str(port), "--workers", "2", "--root-path", PREFIX],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    proxy = uvicorn.Server(
        uvicorn.Config(proxy_app(f"http://127.0.0.1:{port}"), host="127.0.0.1", port=proxy_port, log_level="warning")
    )
    thread = threading.Thread(target=proxy.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{proxy_port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if (
                    httpx.get(f"{base}{PREFIX}/healthz", timeout=5).status_code == 200
                    and len(children(server.pid)) >= 2
                ):
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"serve did not start: {server.stderr.read().decode() if server.poll() else ''}")
            time.sleep(0.3)
        yield base, server
    finally:
        proxy.should_exit = True
        thread.join(timeout=10)
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_the_quiz_works_under_the_sub_path(behind_proxy):
    base, _ = behind_proxy
    with httpx.Client(base_url=base, timeout=30) as client:
        intro = client.get(f"{PREFIX}/")
        assert intro.status_code == 200
        urls = re.findall(r'(?:href|action|src)="([^"#][^"]*)"', intro.text)
        assert urls and all(u.startswith(f"{PREFIX}/") for u in urls), urls
        for asset in ("/static/style.css", "/static/app.js"):
            assert client.get(f"{PREFIX}{asset}").status_code == 200
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', intro.text))
        first = client.post(f"{PREFIX}/quiz", data={**fields, "do": "start"})
        assert first.status_code == 200 and f'action="{PREFIX}/quiz"' in first.text
        assert all(u.startswith(f"{PREFIX}/") for u in re.findall(r'(?:href|action|src)="([^"#][^"]*)"', first.text))
        spec = client.get(f"{PREFIX}/api/v1/openapi.json").json()
        assert spec["servers"] == [{"url": PREFIX}]
        zipped = client.get(f"{PREFIX}/api/v1/quiz", headers={"accept-encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip" and zipped.json()["format"] == "stemhulp/1"
        assert client.get("/api/v1/quiz").status_code == 404  # only the sub-path is served


def settled(workers: list[int], seconds: float = 60) -> dict[int, int]:
    """The workers' CPU ticks once every one of them is idle (its start-up, loading the quiz, done)."""
    deadline = time.monotonic() + seconds
    ticks = {pid: cpu_ticks(pid) for pid in workers}
    while time.monotonic() < deadline:
        time.sleep(1)
        now = {pid: cpu_ticks(pid) for pid in workers}
        if all(now[pid] - ticks[pid] <= 1 for pid in workers):
            return now
        ticks = now
    raise AssertionError("the workers never settled")


def test_two_worker_processes_share_the_matches(behind_proxy):
    base, server = behind_proxy
    workers = children(server.pid)
    assert len(workers) >= 2
    before = settled(workers)
    quiz = stemhulp.load()
    ids = [s.id for s in quiz.statements]

    def one(i: int) -> tuple[dict, dict]:
        answers = {sid: ("eens", "oneens", "geen van beide", "skip")[(i + k) % 4] for k, sid in enumerate(ids)}
        with httpx.Client(base_url=base, timeout=60) as client:  # a connection of its own: any worker may take it
            response = client.post(
                f"{PREFIX}/api/v1/match", json={"answers": answers, "important": ids[i % 3 : i % 3 + 1]}
            )
        assert response.status_code == 200, response.text
        return {"answers": answers, "important": ids[i % 3 : i % 3 + 1]}, response.json()

    # Batches of concurrent requests until both workers have done work (the kernel hands each new
    # connection to whichever worker accepts first), at most 60 s of them.
    deadline, sent, busy = time.monotonic() + 60, 0, []
    with ThreadPoolExecutor(8) as pool:
        while len(busy) < 2 and time.monotonic() < deadline:
            answered = list(pool.map(one, range(sent, sent + 40)))
            if not sent:
                for request, got in answered[:20]:
                    expected = stemhulp.match(quiz, request["answers"], important=request["important"]).to_dict()
                    assert got == json.loads(json.dumps(expected))
            sent += 40
            busy = [pid for pid in workers if cpu_ticks(pid) - before[pid] >= 3]
    assert len(busy) >= 2, f"only one worker process answered {sent} requests"
