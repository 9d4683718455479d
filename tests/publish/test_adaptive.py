"""The published site's adaptive choice (adaptive.js) is the library's: Node against
`stemhulp.next_statement` on random states of the shipped and the test quizzes (every method ×
policy that fits, skips, important marks, party choices): the same next statement, stop, reason,
counts, and the same stability figure; and a voter of a site published with `--adaptive`, in
chromium from file://."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import stemhulp
from stemhulp.matching.adaptive import MIN_ANSWERS
from stemhulp.matching.methods import METHODS, MISSING_POLICIES
from stemhulp.publish import publish

from ..helpers import even_quiz_document
from .equality import QUIZ_SOURCES

NODE = shutil.which("node") or "/usr/bin/node"
RUNNER = Path(__file__).parent / "site_adaptive_runner.js"
needs_node = pytest.mark.skipif(not Path(NODE).exists(), reason="node is not installed")


def random_states(quiz: Any, count: int, seed: int) -> list[dict[str, Any]]:
    """`count` requests: a random share of the statements asked (words and skips, tie-breaks too),
    important marks among the answered ones, sometimes a party choice, every fitting method × policy."""
    rng = random.Random(seed)
    methods = [m.name for m in METHODS if m.fits(quiz.scale.size)]
    statements = [*quiz.statements, *quiz.tiebreak_statements]
    states = []
    for n in range(count):
        asked = rng.sample(statements, rng.randint(0, len(statements)))
        answers = {s.id: rng.choice([*quiz.scale.options, "skip"]) for s in asked}
        real = [sid for sid, word in answers.items() if word != "skip"]
        request: dict[str, Any] = {
            "answers": answers,
            "important": rng.sample(real, rng.randint(0, min(2, len(real)))),
            "method": methods[n % len(methods)],
            "missing": MISSING_POLICIES[(n // len(methods)) % len(MISSING_POLICIES)].name,
        }
        if rng.random() < 0.3 and len(quiz.parties) > 2:
            request["parties"] = [p.id for p in rng.sample(list(quiz.parties), rng.randint(2, len(quiz.parties)))]
        states.append(request)
    return states


@needs_node
@pytest.mark.parametrize(  # the quick loop runs the bundled quiz; the full suite every quiz
    "name", [name if name == "bundled" else pytest.param(name, marks=pytest.mark.slow) for name in sorted(QUIZ_SOURCES)]
)
def test_the_browser_picks_the_statement_python_picks(name, tmp_path):
    quiz = QUIZ_SOURCES[name]()
    folder = tmp_path / "site"
    publish(quiz, folder, adaptive=True)
    states = random_states(quiz, 60, seed=len(name))
    path = tmp_path / "states.json"
    path.write_text(json.dumps(states), encoding="utf-8")
    done = subprocess.run([NODE, str(RUNNER), str(folder), str(path)], capture_output=True, text=True, check=True)
    verdicts = json.loads(done.stdout)
    stops = 0
    for request, got in zip(states, verdicts, strict=True):
        options = {key: request[key] for key in ("important", "parties", "method", "missing") if key in request}
        expected = stemhulp.next_statement(quiz, request["answers"], **options).to_dict()
        assert "error" not in got, (request, got)
        share, expected_share = got.pop("top_share"), expected.pop("top_share")
        assert (share is None) == (expected_share is None), request
        assert share is None or share == pytest.approx(expected_share, abs=1e-12), request
        assert got == expected, request
        stops += expected["stop"]
    assert stops > 0  # the states reach the stop verdict too


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_a_voter_of_the_published_adaptive_quiz_is_told_it_may_stop_and_goes_on(tmp_path):
    """From file://, in chromium: the intro says it may stop early, questions are counted, the quiz
    stops when firm and says so, and the result's button leads on to the statements not asked."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    expect = playwright_api.expect
    quiz = stemhulp.load(even_quiz_document())
    total = len(quiz.statements)
    publish(quiz, tmp_path / "site", adaptive=True)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((tmp_path / "site" / "index.html").as_uri())
        expect(page.locator("main")).to_contain_text("de stemhulp eerder stoppen")
        page.get_by_role("button", name="Begin").click()
        for number in range(1, MIN_ANSWERS + 1):
            expect(page.locator(".progress")).to_contain_text(f"Vraag {number} · stelling {number} van {total}")
            page.get_by_role("button", name="eens", exact=True).click()
        expect(page.locator("main")).to_contain_text(
            f"Je topadvies staat vast na {MIN_ANSWERS} van de {total} stellingen"
        )
        page.get_by_role("button", name="Verder").click()
        page.get_by_role("button", name="Verder").click()
        expect(page.get_by_role("heading", name="Jouw uitslag")).to_be_visible()
        page.get_by_role("button", name=f"De andere {total - MIN_ANSWERS} stellingen ook beantwoorden").click()
        expect(page.locator(".progress")).to_contain_text(f"Vraag {MIN_ANSWERS + 1} · stelling {MIN_ANSWERS + 1} van")
        page.get_by_role("button", name="← Terug").click()
        expect(page.locator(".progress")).to_contain_text(f"Vraag {MIN_ANSWERS} · stelling {MIN_ANSWERS} van")
        browser.close()
    assert errors == []
