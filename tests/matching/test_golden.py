"""Golden instances worked out by hand from the published rules (tests/instances/*.yaml)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

import stemhulp
from stemhulp.matching.methods import METHODS
from stemhulp.matching.ranking import competition_ranks, top_set
from tests.paths import INSTANCES

from ..helpers import quiz_from_stances, reference_score

INSTANCES_DIR = INSTANCES
INSTANCES = sorted(INSTANCES_DIR.glob("*.yaml"))


def load_instance(path: Path):
    """The instance's quiz (stemhulp/1 built from the file) and its raw data."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scale, statements = data["scale"], data["statements"]
    salience = data.get("salience", {})
    document = {
        "format": "stemhulp/1",
        "id": path.stem,
        "title": path.stem,
        "scale": scale,
        "statements": [{"id": s, "theme": "T", "text": s} for s in statements],
        "parties": [{"id": p, "name": f"Partij {p}"} for p in data["parties"]],
        "positions": [
            {
                "party": p,
                "statement": s,
                "position": stances[i],
                "weight": salience.get(p, [1] * len(statements))[i],
                "quote": None,
                "source": None,
            }
            for p, stances in data["parties"].items()
            for i, s in enumerate(statements)
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
                    yield pytest.param(
                        path, missing, method, salience, expected, id=f"{path.stem}-{key}-{missing}-{method}"
                    )


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
            answered,
            with_stance,
        )


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
        result = stemhulp.match(
            quiz, answers, important=data["important"], method=method, missing="neutral", min_coverage=min_coverage
        )
        assert [(e.party, e.rank) for e in result.ranking] == list(ranks.items())


def test_a_near_tie_from_rounding_is_a_tie():
    """near-tie.yaml: two Euclidean scores equal on paper (both 8/9 summed in another order) differ in
    their last bits; within the 1e-9 tolerance they share first place, in the ranking and in the
    simulation's top sets."""
    quiz, answers, data = load_instance(INSTANCES_DIR / "near-tie.yaml")
    codes = [quiz.scale.code(word) for word in data["answers"]]
    stances = {p: [quiz.scale.code(word) for word in words] for p, words in data["parties"].items()}
    reference = [
        reference_score("euclidean", "neutral", codes, [1.0] * 5, stances[p], [1.0] * 5, 4) for p in ("A", "B")
    ]
    assert reference[0] != reference[1] and abs(reference[0] - reference[1]) < 1e-12  # a real near-tie
    engine = list(stemhulp.match_many(quiz, [codes], method="euclidean")[0])
    for scores in (reference, engine):
        assert [rank for _, rank in competition_ranks(scores, ["Partij A", "Partij B"])] == [1, 1]
        assert top_set(np.array([scores])).tolist() == [[True, True]]


def test_theme_sub_scores_by_hand():
    """Cityblock on a 3-point scale (coordinates -1/2, 0, 1/2), statement s0 marked important.
    Themes: Zorg = s0, s1; Wonen = s2, s3. You answer agree, agree, disagree, agree.
      P0 stances agree, disagree, neutral, none (neutral policy: x_p = 0):
         terms 0 (×2), 1, 1/2, 1/2 -> all (0 + 1 + .5 + .5)/5 = 2/5 -> 60;
         Zorg (0 + 1)/3 -> 66.67; Wonen (.5 + .5)/2 -> 50.
      P1 stances disagree, disagree, agree, agree:
         terms 1 (×2), 1, 1, 0 -> all 4/5 -> 20; Zorg 3/3 -> 0; Wonen 1/2 -> 50."""
    quiz = quiz_from_stances([[2, 0], [0, 0], [1, 2], [-1, 2]], themes=["Zorg", "Zorg", "Wonen", "Wonen"])
    result = stemhulp.match(
        quiz,
        {"s0": "agree", "s1": "agree", "s2": "disagree", "s3": "agree"},
        important=["s0"],
        method="cityblock",
        missing="neutral",
    )
    p0, p1 = result.entry("p0"), result.entry("p1")
    assert p0.score == pytest.approx(60.0) and p1.score == pytest.approx(20.0)
    assert list(p0.themes) == ["Zorg", "Wonen"]
    assert p0.themes["Zorg"] == pytest.approx(100 * (1 - 1 / 3)) and p0.themes["Wonen"] == pytest.approx(50.0)
    assert p1.themes["Zorg"] == pytest.approx(0.0) and p1.themes["Wonen"] == pytest.approx(50.0)
