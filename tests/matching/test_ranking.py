"""The ranking rules live in one place (`matching/ranking.py`): the tie tolerance, the top set and
the ranking tail. Every user follows a change of the one rule, and no module writes its own copy."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import stemhulp
from stemhulp.matching import ranking
from stemhulp.matching.matcher import Matcher
from stemhulp.matching.ranking import TIE_TOLERANCE, competition_ranks, top_set
from tests.helpers import quiz_from_stances

PACKAGE = Path(stemhulp.__file__).parent


def test_top_set_worked_by_hand() -> None:
    scores = np.array(
        [
            [80.0, 80.0 - TIE_TOLERANCE / 2, 70.0],  # within the tolerance: a tie
            [80.0, 80.0 - 10 * TIE_TOLERANCE, math.nan],  # beyond it: a lead; NaN never on top
            [math.nan, math.nan, math.nan],  # nothing scored: nobody on top
        ]
    )
    assert top_set(scores).tolist() == [[True, True, False], [True, False, False], [False, False, False]]
    ranked = np.array([False, True, True])
    assert top_set(scores, ranked).tolist() == [[False, True, False], [False, True, False], [False, False, False]]
    assert top_set(np.zeros((2, 0))).shape == (2, 0)


@given(arrays(np.float64, (4, 5), elements=st.one_of(st.just(math.nan), st.floats(0, 100))))
def test_top_set_is_the_first_place_of_competition_ranks(scores: np.ndarray) -> None:
    """The vectorised top set and the per-person ranks agree on who shares the first place."""
    names = [f"p{j}" for j in range(scores.shape[1])]
    for row, top in zip(scores, top_set(scores), strict=True):
        ranks = dict(competition_ranks([None if math.isnan(s) else float(s) for s in row], names))
        assert top.tolist() == [ranks[j] == 1 for j in range(len(row))]


def test_every_user_follows_the_one_tie_tolerance(monkeypatch: pytest.MonkeyPatch) -> None:
    """Widen the one tolerance until every scored party ties: `match`, `Matcher`, the stability
    check and the quality check's canonical advice all see a shared first place."""
    quiz = quiz_from_stances([[0, 1, 2], [0, 1, 2], [2, 1, 0]])
    answers = {"s0": "eens", "s1": "eens", "s2": "oneens"}
    assert [e.rank for e in stemhulp.match(quiz, answers, min_coverage=0).ranking] == [1, 2, 3]

    monkeypatch.setattr(ranking, "TIE_TOLERANCE", 1000.0)
    for result in (stemhulp.match(quiz, answers, min_coverage=0), Matcher(quiz).match(answers, min_coverage=0)):
        assert [e.rank for e in result.ranking] == [1, 1, 1]
        assert result.stability.top_share == pytest.approx(1 / 3)  # every resample a three-way tie, split
    report = stemhulp.check(quiz, respondents=50)
    assert all(set(c.top) == {"p0", "p1", "p2"} for c in report.canonical)


def _python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_second_tie_tolerance() -> None:
    """1e-9 is written once, as `TIE_TOLERANCE`; the other uses are slack of a different kind."""
    other_slack = {  # module: why it is not the tie rule
        "matching/coverage.py",  # a share of whole counts: 0.5 of 4 answered is 2, not 1.9999999
        "quiz/thresholds.py",  # a threshold's floating-point slack
        "analysis/thresholds.py",
        "analysis/axes.py",  # singular values counted as usable
        "analysis/quality.py",  # counts of common stances against a share (a pre-filter)
    }
    found = set()
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value == 1e-9:
                found.add(path.relative_to(PACKAGE).as_posix())
    assert found - other_slack == {"matching/ranking.py"}


def test_rank_entries_are_built_in_one_place() -> None:
    """`match` and `Matcher.match` share the ranking tail: only `ranking.py` makes `RankEntry`s."""
    makers = set()
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "RankEntry":
                makers.add(path.relative_to(PACKAGE).as_posix())
    assert makers == {"matching/ranking.py"}


def test_matcher_uses_no_private_helper_of_the_facade() -> None:
    source = (PACKAGE / "matching" / "matcher.py").read_text(encoding="utf-8")
    imported = [
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("facade")
        for alias in node.names
    ]
    assert not [name for name in imported if name.startswith("_")]
