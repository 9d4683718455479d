"""Random match requests over the shipped and the test quizzes, Python's answer to each (what
`POST /api/v1/match` returns), and the comparison with the browser matcher's answer."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

import stemhulp
from stemhulp.matching.facade import municipality_parties
from stemhulp.matching.matcher import Matcher
from stemhulp.matching.methods import METHODS, MISSING_POLICIES
from stemhulp.quiz.model import Quiz

from ..helpers import quiz_from_stances
from ..paths import FIXTURES, INSTANCES


def _instance(name: str) -> Quiz:
    from ..matching.test_golden import load_instance

    return load_instance(INSTANCES / f"{name}.yaml")[0]


def _random_quiz(scale_size: int, seed: int) -> Quiz:
    """A quiz of 14 statements and 6 parties on any scale: random stances (a fifth none), salience, themes."""
    rng = random.Random(seed)
    stances = [[rng.randrange(scale_size) if rng.random() > 0.2 else -1 for _ in range(6)] for _ in range(14)]
    salience = [[rng.choice([0.5, 1.0, 1.0, 2.0, 3.0]) for _ in range(6)] for _ in range(14)]
    themes = [rng.choice(["Zorg", "Wonen", "Klimaat"]) for _ in range(14)]
    names = ["Alfa", "Beta", "Gamma", "Alfa", "Delta", "Épsilon"]  # a shared name: ties ordered by name
    return quiz_from_stances(stances, scale_size, salience, names, themes)


QUIZ_SOURCES: dict[str, Callable[[], Quiz]] = {
    "bundled": lambda: stemhulp.load(),
    "mini": lambda: stemhulp.load(FIXTURES / "mini"),
    "municipal-mini": lambda: stemhulp.load(FIXTURES / "municipal-mini"),
    "stemwijzer-mini": lambda: stemhulp.load(FIXTURES / "stemwijzer-mini.json"),
    "wahlomat-mini": lambda: stemhulp.load(FIXTURES / "wahlomat-mini"),
    **{name: (lambda name=name: _instance(name)) for name in ("five-point-salience", "near-tie", "wahlomat-style")},
    **{f"random-{k}": (lambda k=k: _random_quiz(k, k)) for k in (2, 3, 4, 5, 6, 7)},
}
TOLERANCE = 1e-9


def random_requests(quiz: Quiz, count: int, seed: int, library: bool = False) -> list[dict[str, Any]]:
    """`count` valid request bodies: every method that fits the scale × every policy × salience,
    answers (words, skips, unanswered, tie-breaks), important marks, deal-breakers, party choices,
    municipalities; with `library` also `stemhulp.match`'s statement `weights` (some 0) and `min_coverage`."""
    rng = random.Random(seed)
    methods = [m.name for m in METHODS if m.fits(quiz.scale.size)]
    towns = list(dict.fromkeys(p.municipality for p in quiz.parties if p.municipality))
    statements = [*quiz.statements, *quiz.tiebreak_statements]
    requests = []
    for n in range(count):
        method = methods[n % len(methods)]
        policy = MISSING_POLICIES[(n // len(methods)) % len(MISSING_POLICIES)].name
        answered_share = rng.choice([0.0, 0.2, 0.6, 1.0, 1.0])
        choices = [*quiz.scale.options, "skip"]
        answers = {s.id: rng.choice(choices) for s in statements if rng.random() < answered_share}
        if answers and rng.random() < 0.3:  # the same tops more often: ties and firm advice
            word = rng.choice(quiz.scale.options)
            answers = {key: word for key in answers}
        request: dict[str, Any] = {"answers": answers, "method": method, "missing": policy}
        if rng.random() < 0.5:
            request["salience"] = rng.random() < 0.5
        if answers and rng.random() < 0.5:
            request["important"] = rng.sample(sorted(answers), k=rng.randint(0, len(answers)))
        if rng.random() < 0.4:  # deal-breakers: on answers of any side, and on statements not answered
            ids = sorted(answers) if answers and rng.random() < 0.7 else [s.id for s in statements]
            request["dealbreakers"] = rng.sample(ids, k=rng.randint(0, min(3, len(ids))))
        if towns and rng.random() < 0.3:
            request["municipality"] = rng.choice(towns)
        elif rng.random() < 0.4:
            ids = [p.id for p in quiz.parties]
            request["parties"] = rng.sample(ids, k=rng.randint(1, len(ids)))
        if library:
            request["weights"] = {s.id: rng.choice([0.0, 0.5, 1.0, 2.0, 3.5]) for s in statements if rng.random() < 0.5}
            request["min_coverage"] = rng.choice([0.0, 0.25, 0.5, 1.0])
        requests.append(request)
    return requests


class PythonSide:
    """Answers requests as the server does (`web.api.Api.match`): a prepared `Matcher` per setting."""

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        self.matchers: dict[tuple[str, str, bool], Matcher] = {}

    def respond(self, request: dict[str, Any]) -> dict[str, Any]:
        if "weights" in request or "min_coverage" in request:  # the library's own options
            options = {k: v for k, v in request.items() if k not in ("answers", "parties", "municipality")}
            parties = municipality_parties(self.quiz, request.get("municipality"), request.get("parties"))
            return stemhulp.match(self.quiz, request["answers"], parties=parties, **options).to_dict()
        key = (request["method"], request["missing"], request.get("salience", False))
        if key not in self.matchers:
            self.matchers[key] = Matcher(self.quiz, *key)
        parties = municipality_parties(self.quiz, request.get("municipality"), request.get("parties"))
        result = self.matchers[key].match(
            request["answers"],
            important=request.get("important", []),
            parties=parties,
            dealbreakers=request.get("dealbreakers", []),
        )
        return result.to_dict()


def differences(expected: Any, got: Any, where: str = "") -> list[str]:
    """Where two responses differ: numbers within TOLERANCE are equal, everything else exactly."""
    if isinstance(expected, bool) or isinstance(got, bool) or expected is None or got is None:
        return [] if expected == got and type(expected) is type(got) else [f"{where}: {expected!r} != {got!r}"]
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        return (
            [] if math.isclose(expected, got, rel_tol=0, abs_tol=TOLERANCE) else [f"{where}: {expected!r} != {got!r}"]
        )
    if isinstance(expected, dict) and isinstance(got, dict):
        if set(expected) != set(got):
            return [f"{where}: keys {sorted(expected)} != {sorted(got)}"]
        return [d for key in expected for d in differences(expected[key], got[key], f"{where}/{key}")]
    if isinstance(expected, list) and isinstance(got, list):
        if len(expected) != len(got):
            return [f"{where}: {len(expected)} items != {len(got)}"]
        return [
            d for i, (a, b) in enumerate(zip(expected, got, strict=True)) for d in differences(a, b, f"{where}/{i}")
        ]
    return [] if expected == got else [f"{where}: {expected!r} != {got!r}"]


def tie_groups(response: dict[str, Any]) -> list[list[str]]:
    """The parties of each rank, in order: the tie groups of a ranking."""
    groups: dict[Any, list[str]] = {}
    for entry in response["results"]:
        groups.setdefault(entry["rank"], []).append(entry["party"])
    return list(groups.values())
