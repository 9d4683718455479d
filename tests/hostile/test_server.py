"""Hostile inputs against the real ASGI app and the real uvicorn server: no request reaches a
500, the JSON API is strict, downloads are inert, caches stay bounded, the log cannot be forged, and
the server bounds the request head, refuses HTTP/0.9 and drops a client that never finishes.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import socket
import threading
import time
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from starlette.testclient import TestClient  # noqa: E402

import stemhulp  # noqa: E402
from stemhulp.errors import StemhulpError  # noqa: E402
from stemhulp.formats.exchange import quiz_to_exchange  # noqa: E402
from stemhulp.web import create_app  # noqa: E402
from stemhulp.web.app import KEPT_MATCHERS  # noqa: E402
from stemhulp.web.state import FlowState  # noqa: E402

from .harness import MINI  # noqa: E402

QUIZ = stemhulp.load(MINI)
COUNT = len(QUIZ.statements) + len(QUIZ.tiebreak_statements)


def _evil_quiz() -> Any:
    document = quiz_to_exchange(QUIZ)
    document["statements"][0]["text"] = "Clear \x1b[2J <script>alert(1)</script> [x](javascript:alert(1))"
    document["parties"][0]["name"] = "Evil <img src=x onerror=alert(1)> \x1b]0;title\x07"
    return stemhulp.load(document)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(QUIZ), raise_server_exceptions=False)


def _state(quiz: Any = QUIZ, **fields: str) -> dict[str, str]:
    """A page's hidden fields for `quiz` (its fingerprint included), changed by `fields`."""
    return {**FlowState.fresh(quiz, "nl").fields(), "view": "statement", **fields}


# The web flow: every field a person's browser (or a hostile one) sends ---------------------------

FORMS = [
    ("p-superscript", _state(p="²"), None, "p: expected a whole number"),
    ("p-circled", _state(p="①"), None, "p: expected a whole number"),
    ("p-fullwidth", _state(p="２"), None, "p: expected a whole number"),
    ("p-blank-part", _state(p="1,,2"), None, "p: expected a whole number"),
    ("n-superscript", _state(n="²"), None, "n: expected a whole number"),
    ("n-5000-digits", _state(n="9" * 5000), None, "n: expected a whole number"),
    ("m-fullwidth", _state(m="２"), None, "m: expected a whole number"),
    ("answer-superscript", {**_state(), "do": "answer:²"}, None, "form: expected a whole number"),
    ("answer-5000-digits", {**_state(), "do": "answer:" + "9" * 5000}, None, "form: expected a whole number"),
    (
        "important-superscript",
        {**_state(view="important"), "do": "next", "important": "²"},
        None,
        "form: expected a whole number",
    ),
    ("party-fullwidth", {**_state(view="parties"), "do": "next", "party": "２"}, None, "form: expected a whole"),
    (
        "municipality-circled",
        {**_state(view="municipality"), "do": "next", "municipality": "①"},
        None,
        "form: expected a whole number",
    ),
    ("a-as-file", _state(), {"a": ("a.txt", b"----", "text/plain")}, "a file was sent"),
    (
        "important-as-file",
        {**_state(view="important"), "do": "next"},
        {"important": ("x", b"0", "text/plain")},
        "a file was sent",
    ),
]


@pytest.mark.parametrize(("name", "form", "files", "problem"), FORMS, ids=[f[0] for f in FORMS])
def test_web_flow_fields_never_500(
    client: TestClient, name: str, form: dict[str, str], files: Any, problem: str
) -> None:
    """Any form value: a 400 page naming the field, never a 500."""
    response = client.post("/quiz", data=form, files=files)
    assert response.status_code == 400, (response.status_code, response.text[:500])
    assert "text/html" in response.headers["content-type"]
    assert problem in html.unescape(response.text), response.text[-1500:]


# The JSON API ------------------------------------------------------------------------------------

API = [
    ("duplicate-top-level-key", b'{"answers": {}, "answers": {"s1": "agree"}}', "", 400, "duplicate key 'answers'"),
    ("duplicate-answer", b'{"answers": {"s1": "agree", "s1": "disagree"}}', "", 400, "duplicate key 's1'"),
    ("unknown-key", b'{"answers": {}, "anwsers": {}}', "", 422, "unknown key 'anwsers'"),
    ("utf16-body", '{"answers": {}}'.encode("utf-16"), "", 400, "not UTF-8"),
    ("latin1-body", '{"answers": {"s1": "é"}}'.encode("latin-1"), "", 400, "not UTF-8"),
    ("salience-yes", b'{"answers": {}}', "?salience=yes", 422, "salience"),
    ("salience-body-text", b'{"answers": {}, "salience": "true"}', "", 422, "salience"),
    ("5000-digit-body", b"9" * 5000, "", 400, "more than 40 characters"),
    ("5000-digit-important", b'{"answers": {}, "important": [' + b"9" * 5000 + b"]}", "", 400, "more than 40"),
    ("huge-float", b'{"answers": {}, "important": [1e999]}', "", 400, "too large"),
    ("deep-nesting", b'{"answers": ' + b"[" * 5000 + b"]" * 5000 + b"}", "", 400, "nested"),
    ("salience-true", b'{"answers": {"s1": "agree"}}', "?salience=true", 200, '"salience":true'),
    ("known-keys", b'{"answers": {"s1": "agree"}, "quiz": "mini", "lang": "nl", "version": "x"}', "", 200, '"quiz"'),
]


@pytest.mark.parametrize(("name", "body", "query", "status", "text"), API, ids=[a[0] for a in API])
def test_api_is_strict(client: TestClient, name: str, body: bytes, query: str, status: int, text: str) -> None:
    response = client.post(f"/api/v1/match{query}", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status, response.text[:500]
    assert text in response.text, response.text[:500]


def test_matcher_cache_stays_bounded(client: TestClient) -> None:
    """However many settings one client varies, the server keeps a bounded number of prepared matchers."""
    methods = [m.name for m in stemhulp.matching.methods.METHODS if not m.three_point_only or QUIZ.scale.size == 3]
    policies = [p.name for p in stemhulp.matching.methods.MISSING_POLICIES]
    for method in methods:
        for missing in policies:
            for salience in ("true", "false"):
                response = client.post(
                    f"/api/v1/match?method={method}&missing={missing}&salience={salience}",
                    json={"answers": {"s1": "agree"}},
                )
                assert response.status_code == 200, response.text
    assert len(client.app.state.matchers) <= KEPT_MATCHERS + 1


@pytest.mark.parametrize("origin", ["javascript:alert(1)", "*", "https://example.org/path", "example.org", ""])
def test_cors_origin_must_be_a_web_origin(origin: str) -> None:
    with pytest.raises(StemhulpError, match="--cors-origin"):
        create_app(QUIZ, cors_origins=[origin])


def test_cors_origin_accepts_origins() -> None:
    create_app(QUIZ, cors_origins=["https://example.org", "http://localhost:8080", "http://[::1]:3000"])


# Downloads and pages: a quiz's text is inert ------------------------------------------------------


@pytest.fixture(scope="module")
def evil_client() -> TestClient:
    return TestClient(create_app(_evil_quiz()), raise_server_exceptions=False)


def _answered(quiz: Any = QUIZ) -> dict[str, str]:
    return _state(quiz, a="2" * len(quiz.statements) + "-" * len(quiz.tiebreak_statements), view="result")


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_downloads_are_inert(evil_client: TestClient, fmt: str) -> None:
    response = evil_client.post("/download", data={**_answered(_evil_quiz()), "fmt": fmt})
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"].startswith("attachment;")
    body = response.text
    if fmt == "json":
        assert response.headers["content-type"].startswith("application/json")
        json.loads(body)
    else:
        assert "<script>" not in body and "<img src" not in body, body[:2000]
        assert "\x1b" not in body
    if fmt == "md":
        assert "](javascript:" not in body


def test_result_page_is_inert(evil_client: TestClient) -> None:
    response = evil_client.get("/quiz", params=_answered(_evil_quiz()))
    assert response.status_code == 200
    assert "<script>alert" not in response.text and "<img src=x" not in response.text


# The result page's message ------------------------------------------------------------------------


@pytest.mark.parametrize("chosen", [1, 2])
def test_result_with_only_unrankable_parties_says_so(chosen: int) -> None:
    """All statements answered, only parties with a stance on too few of them chosen: the page never
    says that nothing was answered; with two or more it says they cannot be ranked."""
    document = quiz_to_exchange(QUIZ)
    sparse = [party["id"] for party in document["parties"][-chosen:]]
    first = document["statements"][0]["id"]
    for position in document["positions"]:
        if position["party"] in sparse and position["statement"] != first:
            position["position"] = None
    quiz = stemhulp.load(document)
    client = TestClient(create_app(quiz), raise_server_exceptions=False)
    numbers = ",".join(str([p.id for p in quiz.parties].index(party)) for party in sparse)
    response = client.get("/quiz", params={**_answered(quiz), "p": numbers})
    assert response.status_code == 200
    assert "nog geen stellingen" not in response.text
    assert all(quiz.party_by_id[party].name in response.text for party in sparse)
    if chosen > 1:
        assert "kan gerangschikt worden" in response.text


# The log ------------------------------------------------------------------------------------------


def test_log_lines_cannot_be_forged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="stemhulp.web"):
        client.get("/a%0aGET%20/admin%20200%0d%1b[2J%1b]0;x%07")
    lines = [record.getMessage() for record in caplog.records if record.name == "stemhulp.web"]
    assert lines, "nothing logged"
    for line in lines:
        assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\x07" not in line, repr(line)
    assert any("\\n" in line for line in lines)


# The real server -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest):
    """uvicorn with `stemhulp serve`'s options, the per-request deadline shortened to 1.5 s."""
    import uvicorn

    from stemhulp.web import serving

    saved = serving.REQUEST_SECONDS
    serving.REQUEST_SECONDS = 1.5
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(QUIZ), host="127.0.0.1", port=port, log_level="critical", **serving.server_options()
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started
    yield port
    instance.should_exit = True
    thread.join(10)
    serving.REQUEST_SECONDS = saved


def _exchange(port: int, data: bytes, wait: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.settimeout(wait)
        with contextlib.suppress(OSError):  # the server may close before it read everything
            connection.sendall(data)
        received = b""
        try:
            while chunk := connection.recv(65536):
                received += chunk
                if b"\r\n\r\n" in received:
                    break
        except (TimeoutError, ConnectionResetError):
            pass
        return received


HEADS = [
    ("ordinary", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", b" 200 "),
    ("http-0.9", b"GET /\r\n\r\n", b" 400 "),
    ("garbage-line", b"\x16\x03\x01 hello\r\n\r\n", b" 400 "),
    ("header-100kb-at-once", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 100_000 + b"\r\n\r\n", b" 431 "),
    ("header-1mb", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 1_000_000 + b"\r\n\r\n", b"HTTP/1.1 4"),
    ("request-line-100kb", b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"HTTP/1.1 4"),
]


@pytest.mark.parametrize(("name", "data", "expected"), HEADS, ids=[h[0] for h in HEADS])
def test_server_bounds_the_request_head(server: int, name: str, data: bytes, expected: bytes) -> None:
    answer = _exchange(server, data)
    assert answer.startswith(b"HTTP/1.1") and expected in answer[:40], answer[:200]


@pytest.mark.parametrize(
    "opening", [b"", b"GET / HTTP/1.1\r\n", b"POST /api/v1/match HTTP/1.1\r\nContent-Length: 50\r\n\r\n{"]
)
def test_server_drops_a_client_that_never_finishes(server: int, opening: bytes) -> None:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server)) as connection:
        connection.settimeout(15)
        if opening:
            connection.sendall(opening)
        try:
            leftover = connection.recv(1000)
        except (TimeoutError, ConnectionResetError):
            leftover = b"timeout"
    assert time.monotonic() - started < 6, "the connection was held open"
    assert leftover == b"" or leftover.startswith(b"HTTP/1.1"), leftover


def _read_answer(connection: socket.socket) -> tuple[bytes, bytes]:
    """One whole answer (head, body) from a keep-alive connection, by its content-length."""
    received = b""
    while b"\r\n\r\n" not in received:
        received += connection.recv(65536)
    head, body = received.split(b"\r\n\r\n", 1)
    length = int(
        next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
    )
    while len(body) < length:
        body += connection.recv(65536)
    return head, body


def test_server_answers_continue_head_and_keep_alive_whole(server: int) -> None:
    """A client waiting for `100 Continue` gets it before it sends the body; a HEAD answer (no
    body) arrives; two matches on one connection both arrive whole (head and body go out together)."""
    body = json.dumps({"answers": {"s1": "eens", "s2": "oneens"}}).encode()
    post = (
        b"POST /api/v1/match HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n".encode()
    )
    with socket.create_connection(("127.0.0.1", server)) as connection:
        connection.settimeout(5)
        connection.sendall(post + b"Expect: 100-continue\r\n\r\n")
        assert connection.recv(100).startswith(b"HTTP/1.1 100 Continue\r\n\r\n")  # before any body was sent
        connection.sendall(body)
        head, answer = _read_answer(connection)
        assert head.startswith(b"HTTP/1.1 200 ") and json.loads(answer)["results"]
        connection.sendall(b"HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while b"\r\n\r\n" not in received:
            received += connection.recv(65536)
        assert received.startswith(b"HTTP/1.1 200 ") and received.endswith(b"\r\n\r\n")
        for _ in range(2):
            connection.sendall(post + b"\r\n" + body)
            head, answer = _read_answer(connection)
            assert head.startswith(b"HTTP/1.1 200 ") and json.loads(answer)["method"]
