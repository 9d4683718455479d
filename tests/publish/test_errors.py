"""An invalid request gives the browser's `window.stemhulp.match` the answer POST /api/v1/match
gives: the same status, error code and problem texts, over a table of the server's invalid-request
cases (tests/web/test_api.py's BAD and more), all run in one Node process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

import stemhulp
from stemhulp.publish import publish

from ..paths import FIXTURES
from .test_equality import NODE, RUNNER, needs_node


def invalid_requests(quiz: Any) -> list[Any]:
    """Bodies the server refuses with a 4xx: each check of api.Api.match and of the answers document."""
    first, party = quiz.statements[0].id, quiz.parties[0].id
    town = next((p.municipality for p in quiz.parties if p.municipality), None)
    outside = next((p.id for p in quiz.parties if p.municipality != town), party)
    return [
        [1, 2],
        "answers",
        None,
        {},
        {"answers": ["eens"]},
        {"answers": "eens"},
        {"answers": None},
        {"answers": {"s99": "eens"}},
        {"answers": {first: "misschien"}},
        {"answers": {first: 3}},
        {"answers": {first: True}},
        {"answers": {first: None}},
        {"answers": {first: "it's"}},
        {"answers": {first: 'say "no"\n'}},
        {"answers": {}, "parties": ["zz"]},
        {"answers": {}, "parties": []},
        {"answers": {}, "parties": "zz"},
        {"answers": {}, "parties": [1.5, None]},
        {"answers": {}, "important": "s1"},
        {"answers": {}, "important": ["q", 7]},
        {"answers": {}, "important": [1.5, True, {"a": 1}, [2]]},
        {"answers": {}, "important": {"s1": 1}},
        {"answers": {}, "dealbreakers": ["q"]},
        {"answers": {}, "dealbreakers": None},
        {"answers": {}, "quiz": "other"},
        {"answers": {}, "quiz": 12},
        {"answers": {}, "method": "magic"},
        {"answers": {}, "method": ["x"]},
        {"answers": {}, "method": None},
        {"answers": {}, "missing": "ignore"},
        {"answers": {}, "missing": 2},
        {"answers": {}, "salience": "yes"},
        {"answers": {}, "salience": None},
        {"answers": {}, "salience": 1},
        {"answers": {}, "foo": 1, "bar": 2},
        {"foo": 1},
        {"answers": {}, "municipality": "Nergens"},
        {"answers": {}, "municipality": 3},
        {"answers": {}, "municipality": town, "parties": [outside]} if town else {"answers": {}, "municipality": "x"},
        {
            "answers": {"s99": "eens", first: "nee"},
            "important": ["q"],
            "dealbreakers": [3],
            "parties": ["zz"],
            "quiz": "x",
        },
        {"answers": {}, "method": "magic", "salience": "no", "foo": 1},
        {"answers": {"s99": "x"}, "method": "magic"},
    ]


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> list[tuple[Any, Path, list[Any]]]:
    """The bundled quiz (3 points, municipalities) and a 5-point one (a 3-point-only method refused)."""
    found = []
    for name, quiz in (("bundled", stemhulp.load()), ("wahlomat", stemhulp.load(FIXTURES / "wahlomat-mini"))):
        folder = tmp_path_factory.mktemp("errors") / name
        publish(quiz, folder)
        requests = invalid_requests(quiz)
        if quiz.scale.size != 3:
            requests.append({"answers": {}, "method": "stemwijzer"})
        found.append((quiz, folder, requests))
    return found


def server_answers(quiz: Any, requests: list[Any]) -> list[tuple[int, dict[str, Any]]]:
    from stemhulp.web import create_app

    from ..web.test_api import make_client

    client = make_client(create_app(quiz), raise_server_exceptions=False)
    headers = {"content-type": "application/json"}
    answers = (client.post("/api/v1/match", content=json.dumps(body), headers=headers) for body in requests)
    return [(r.status_code, r.json()) for r in answers]


def browser_answers(folders: list[Path], tables: list[list[Any]], scratch: Path) -> list[list[dict[str, Any]]]:
    """Every table through its site's matcher, in one Node process."""
    runner = scratch / "runner.js"
    runner.write_text(
        f"const run = require({json.dumps(str(RUNNER.parent / 'errors_runner.js'))});\n"
        f"process.stdout.write(JSON.stringify(run({json.dumps([str(f) for f in folders])}, {json.dumps(tables)})));\n",
        encoding="utf-8",
    )
    done = subprocess.run([NODE, str(runner)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@needs_node
def test_invalid_requests_get_the_servers_status_and_problems(cases, tmp_path):
    got = browser_answers([folder for _, folder, _ in cases], [requests for _, _, requests in cases], tmp_path)
    compared = 0
    for (quiz, _, requests), answers in zip(cases, got, strict=True):
        expected = server_answers(quiz, requests)
        for request, (status, body), mine in zip(requests, expected, answers, strict=True):
            assert 400 <= status < 500, (request, status, body)
            if _integer_keys(request):  # a JavaScript object lists integer-like keys first: the order may differ
                mine, body = (
                    {**mine, "problems": sorted(mine["problems"])},
                    {**body, "problems": sorted(body["problems"])},
                )
            assert mine == {"status": status, **body}, request
            compared += 1
    assert compared >= 80


def _integer_keys(request: Any) -> bool:
    answers = request.get("answers") if isinstance(request, dict) else None
    return isinstance(answers, dict) and len(answers) > 1 and any(key.isdigit() for key in answers)


@needs_node
def test_the_comparison_sees_a_changed_message(cases, tmp_path):
    """The table can fail: a site whose English words say one problem differently no longer agrees."""
    quiz, folder, requests = cases[0]
    broken = tmp_path / "site"
    broken.mkdir()
    for path in folder.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    data = (broken / "data.js").read_text(encoding="utf-8")
    (broken / "data.js").write_text(data.replace("unknown statement id", "unknown statement"), encoding="utf-8")
    got = browser_answers([broken], [requests], tmp_path)[0]
    expected = server_answers(quiz, requests)
    differing = [
        r for r, (status, body), mine in zip(requests, expected, got, strict=True) if mine != {"status": status, **body}
    ]
    assert {"answers": {"s99": "eens"}} in differing
