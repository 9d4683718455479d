"""The browser matcher computes what Python computes: Node and chromium against `Matcher.match`
(what `POST /api/v1/match` returns) on random requests over every method × policy × scale of the
shipped and the test quizzes: every score within 1e-9, identical ranks, ranked flags and tie groups,
and the rest of the response (coverage, themes, breakdown rows, stability, provenance) equal too."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from stemhulp.matching.methods import METHODS, MISSING_POLICIES

from .equality import QUIZ_SOURCES, PythonSide, differences, random_requests, tie_groups

NODE = shutil.which("node") or "/usr/bin/node"
RUNNER = Path(__file__).parent / "site_runner.js"
CHROMIUM = "/usr/bin/chromium"
needs_node = pytest.mark.skipif(not Path(NODE).exists(), reason="node is not installed")


def run_node(folder: Path, requests: list[dict[str, Any]], scratch: Path) -> list[dict[str, Any]]:
    path = scratch / "requests.json"
    path.write_text(json.dumps(requests), encoding="utf-8")
    done = subprocess.run([NODE, str(RUNNER), str(folder), str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def compare(
    quiz: Any,
    requests: list[dict[str, Any]],
    responses: list[dict[str, Any]],
    answers: list[dict[str, Any]] | None = None,
) -> tuple[set[Any], int]:
    """Assert each response equals Python's (`answers`, when already worked out); the (method,
    policy, scale) combinations covered and the ties seen."""
    python = PythonSide(quiz)
    covered, ties = set(), 0
    assert len(responses) == len(requests)
    for n, (request, got) in enumerate(zip(requests, responses, strict=True)):
        expected = python.respond(request) if answers is None else answers[n]
        assert "error" not in got, (request, got)
        assert [e["rank"] for e in got["results"]] == [e["rank"] for e in expected["results"]], request
        assert [e["ranked"] for e in got["results"]] == [e["ranked"] for e in expected["results"]], request
        assert tie_groups(got) == tie_groups(expected), request
        problems = differences(expected, got)
        assert not problems, (request, problems[:5])
        covered.add((request["method"], request["missing"], quiz.scale.size))
        ties += any(len(group) > 1 for group in tie_groups(expected) if group)
    return covered, ties


def test_a_perturbed_response_is_caught():
    """The comparison is not blind: a score off by 1e-6, a rank or a flag changed each count."""
    quiz = QUIZ_SOURCES["mini"]()
    request = random_requests(quiz, 1, 5)[0] | {"answers": {s.id: "agree" for s in quiz.statements}}
    expected = PythonSide(quiz).respond(request)
    for change in (("score", 1e-6), ("rank", 7), ("ranked", None)):
        got = json.loads(json.dumps(expected))
        entry = got["results"][0]
        key, amount = change
        entry[key] = (not entry[key]) if amount is None else entry[key] + amount
        assert differences(expected, got)


@needs_node
def test_node_matches_python_on_a_quick_sample(sites, tmp_path):
    """Quick loop: 40 requests per quiz, every quiz."""
    for name, (quiz, folder) in sites.items():
        requests = random_requests(quiz, 40, seed=len(name))
        compare(quiz, requests, run_node(folder, requests, tmp_path))


@pytest.mark.slow  # the quick loop has the quick sample; the full suite runs this
@needs_node
def test_node_matches_the_library_with_statement_weights_and_min_coverage(sites, tmp_path):
    """`stemhulp.match`'s `weights` (a weight of 0: not answered) and `min_coverage`, which the
    browser's matcher takes too: 60 requests per quiz."""
    for name, (quiz, folder) in sites.items():
        requests = random_requests(quiz, 60, seed=300 + len(name), library=True)
        compare(quiz, requests, run_node(folder, requests, tmp_path))


@needs_node
def test_an_unknown_method_or_policy_is_an_error_not_a_fallback(sites, tmp_path):
    """A method the exported tables lack (here: one removed from the data) is refused by name."""
    quiz, folder = sites["mini"]
    copy = tmp_path / "site"
    shutil.copytree(folder, copy)
    data = (copy / "data.js").read_text(encoding="utf-8")
    document = json.loads(data.removeprefix("window.STEMHULP_DATA = ").rstrip().removesuffix(";"))
    document["methods"] = [m for m in document["methods"] if m["name"] != "euclidean"]
    (copy / "data.js").write_text(f"window.STEMHULP_DATA = {json.dumps(document)};", encoding="utf-8")
    answers = {s.id: "agree" for s in quiz.statements}
    got = run_node(
        copy,
        [{"answers": answers, "method": "euclidean"}, {"answers": answers, "missing": "nowhere"}, {"answers": answers}],
        tmp_path,
    )
    assert "unknown method" in got[0]["problems"][0] and "euclidean" in got[0]["problems"][0]
    assert "unknown missing-stance policy" in got[1]["problems"][0]
    assert got[2]["method"] == "midpoint" and got[2]["results"]


REQUESTS_PER_QUIZ = 10_000 // len(QUIZ_SOURCES) + 1  # at least 10,000 in all


@pytest.fixture(scope="module")
def ten_thousand(sites) -> dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Per quiz its requests and Python's answers, worked out once for Node and chromium."""
    cases = {}
    for name, (quiz, _) in sites.items():
        requests = random_requests(quiz, REQUESTS_PER_QUIZ, seed=1000 + len(name))
        python = PythonSide(quiz)
        cases[name] = (requests, [python.respond(request) for request in requests])
    return cases


@pytest.mark.slow
@needs_node
def test_node_matches_python_on_ten_thousand_requests(sites, ten_thousand, tmp_path):
    covered, ties = set(), 0
    total = 0
    for name, (quiz, folder) in sites.items():
        requests, answers = ten_thousand[name]
        found, tied = compare(quiz, requests, run_node(folder, requests, tmp_path), answers)
        covered |= found
        ties += tied
        total += len(requests)
    assert total >= 10_000
    scales = {size for _, _, size in covered}
    assert scales == {2, 3, 4, 5, 6, 7}
    for method in METHODS:  # every registered method and policy, on every scale it is defined for
        for policy in MISSING_POLICIES:
            for size in scales:
                if method.fits(size):
                    assert (method.name, policy.name, size) in covered
    assert ties > 100  # tie groups were really compared


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_chromium_matches_python_on_ten_thousand_requests(sites, ten_thousand):
    """The same in chromium: each site opened from file://, its requests run in one batch in the page."""
    sync_api = pytest.importorskip("playwright.sync_api")
    total = 0
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_page()
            for name, (quiz, folder) in sites.items():
                requests, answers = ten_thousand[name]
                page.goto((folder / "index.html").as_uri())
                responses = page.evaluate(
                    "(requests) => requests.map((r) => { try { return window.stemhulp.match(r); }"
                    " catch (e) { return { error: e.problems || [String(e)] }; } })",
                    requests,
                )
                compare(quiz, requests, responses, answers)
                total += len(requests)
        finally:
            browser.close()
    assert total >= 10_000


@needs_node
def test_the_browser_draws_the_resamples_python_draws(sites, tmp_path):
    """stability.js's fixed draws against `stability.resample_counts`, for several answer counts."""
    import numpy as np

    from stemhulp.matching.stability import resample_counts

    _, folder = sites["mini"]
    script = tmp_path / "draws.js"
    script.write_text(
        "const vm = require('vm'); const fs = require('fs'); const c = { console }; c.window = c;"
        " vm.createContext(c);"
        f" for (const f of ['data.js', 'matcher.js', 'stability.js']) vm.runInContext(fs.readFileSync("
        f"{json.dumps(str(folder))} + '/' + f, 'utf8'), c);"
        " const out = {}; for (const n of [1, 5, 37, 200]) { const rows = [];"
        " for (let r = 0; r < 1000; r++) { const counts = new Float64Array(n);"
        " c.stemhulp.resampleCounts(c.STEMHULP_DATA.rules, n, r, counts); rows.push(Array.from(counts)); }"
        " out[n] = rows; } process.stdout.write(JSON.stringify(out));",
        encoding="utf-8",
    )
    done = subprocess.run([NODE, str(script)], capture_output=True, text=True, check=True)
    for n, rows in json.loads(done.stdout).items():
        assert np.array_equal(np.array(rows), resample_counts(int(n))), n
