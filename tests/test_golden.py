"""Golden instances worked out by hand from the published rules (tests/instances/*.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import stemhulp
from stemhulp.methods import METHODS

INSTANCES = sorted((Path(__file__).parent / "instances").glob("*.yaml"))


def load_instance(path: Path):
    """The instance's quiz (stemhulp/1 built from the file) and its raw data."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scale, statements = data["scale"], data["statements"]
    salience = data.get("salience", {})
    document = {
        "format": "stemhulp/1", "id": path.stem, "title": path.stem, "scale": scale,
        "statements": [{"id": s, "theme": "T", "text": s} for s in statements],
        "parties": [{"id": p, "name": f"Partij {p}"} for p in data["parties"]],
        "positions": [
            {"party": p, "statement": s, "position": stances[i],
             "weight": salience.get(p, [1] * len(statements))[i], "quote": None, "source": None}
            for p, stances in data["parties"].items() for i, s in enumerate(statements)
        ],
    }
    answers = dict(zip(statements, data["answers"], strict=True))
    return stemhulp.load(document), answers, data


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_every_method_has_a_hand_worked_expectation(path):
    """Completeness: each instance states the expected outcome of every registered method."""
    _, _, data = load_instance(path)
    assert set(data["expected"]["neutral"]) == {m.name for m in METHODS}


def _cases():
    for path in INSTANCES:
        _, _, data = load_instance(path)
        for key, salience in (("expected", False), ("expected_salience", True)):
            for missing, by_method in data.get(key, {}).items():
                for method, expected in by_method.items():
                    yield pytest.param(path, missing, method, salience, expected,
                                       id=f"{path.stem}-{key}-{missing}-{method}")


@pytest.mark.parametrize(("path", "missing", "method", "salience", "expected"), list(_cases()))
def test_golden_scores(path, missing, method, salience, expected):
    """`match` reproduces the hand-worked score (or error) for each party."""
    quiz, answers, data = load_instance(path)
    kwargs = dict(important=data["important"], method=method, missing=missing, salience=salience)
    if expected == "error":
        with pytest.raises(stemhulp.MatchError, match="3-point"):
            stemhulp.match(quiz, answers, **kwargs)
        return
    result = stemhulp.match(quiz, answers, **kwargs)
    for party, score in expected.items():
        assert result.entry(party).score == pytest.approx(score, abs=1e-8)
    for party, (answered, with_stance) in data["coverage"].items():
        assert (result.entry(party).coverage.answered, result.entry(party).coverage.with_stance) == (
            answered, with_stance)


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_golden_ranks(path):
    """Ties share a competition rank and are listed by name."""
    quiz, answers, data = load_instance(path)
    for method, ranks in data.get("ranks", {}).items():
        result = stemhulp.match(quiz, answers, important=data["important"], method=method, min_coverage=0)
        assert {e.party: e.rank for e in result.ranking} == ranks
        assert [e.party for e in result.ranking] == sorted(ranks, key=lambda p: (ranks[p], f"Partij {p}"))
    # The coverage rule: a party below min_coverage is listed after the ranked ones, rank None.
    coverage_ranks = dict(data.get("ranks_with_min_coverage", {}))
    min_coverage = coverage_ranks.pop("min_coverage", None)
    for method, ranks in coverage_ranks.items():
        result = stemhulp.match(quiz, answers, important=data["important"], method=method,
                                missing="neutral", min_coverage=min_coverage)
        assert [(e.party, e.rank) for e in result.ranking] == list(ranks.items())
