"""The published site's adaptive choice (adaptive.js) is the library's: Node against
`stemhulp.next_statement` on random states of the shipped and the test quizzes (every method ×
policy that fits, skips, important marks, party choices): the same next statement, stop, reason,
counts, and the same stability figure."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import stemhulp
from stemhulp.matching.methods import METHODS, MISSING_POLICIES
from stemhulp.publish import publish

from .site_equality import QUIZ_SOURCES

NODE = shutil.which("node") or "/usr/bin/node"
RUNNER = Path(__file__).parent / "site_adaptive_runner.js"
pytestmark = pytest.mark.skipif(not Path(NODE).exists(), reason="node is not installed")


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


@pytest.mark.parametrize("name", sorted(QUIZ_SOURCES))
def test_the_browser_picks_the_statement_python_picks(name, tmp_path):
    quiz = QUIZ_SOURCES[name]()
    folder = tmp_path / "site"
    publish(quiz, folder)
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
