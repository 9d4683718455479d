"""The `midpoint` method and the fair-kernel family it belongs to (docs/methods.md).

A kernel is *fair* when the same side scores full agreement, opposite sides full disagreement, and
every party stance has the same expected term under uniformly random answers, so no stance (neutral,
moderate or extreme) is favoured by the method alone.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stemhulp
from stemhulp.matching.methods import get_method

from ..helpers import quiz_from_stances


def _coordinates(k: int) -> np.ndarray:
    return np.array([c / (k - 1) - 0.5 for c in range(k)])


def test_three_point_grid_by_hand():
    """On a 3-point scale: 4 points for the same side, 3 both neutral, 1 one neutral, 0 opposite (of 4)."""
    points = {(0, 0): 4, (2, 2): 4, (1, 1): 3, (0, 1): 1, (1, 0): 1, (2, 1): 1, (1, 2): 1, (0, 2): 0, (2, 0): 0}
    quiz = quiz_from_stances([[0, 1, 2]], 3)  # one statement; parties stand at disagree, neutral, agree
    for (answer, stance), expected in points.items():
        score = stemhulp.match_many(quiz, [[answer]], method="midpoint")[0, stance]
        assert score == pytest.approx(100 * expected / 4), (answer, stance)


def test_a_respondent_by_hand():
    """Four statements, answers agree, neutral, disagree, agree; party agree, neutral, neutral, disagree:
    4 + 3 + 1 + 0 = 8 of 16 points -> 50; with the first statement important 12 of 20 -> 60."""
    quiz = quiz_from_stances([[2], [1], [1], [0]], 3)
    answers = {s.id: w for s, w in zip(quiz.statements, ["agree", "neutral", "disagree", "agree"], strict=True)}
    assert stemhulp.match(quiz, answers, method="midpoint").ranking[0].score == pytest.approx(50.0)
    first = quiz.statements[0].id
    assert stemhulp.match(quiz, answers, important=[first], method="midpoint").ranking[0].score == pytest.approx(60.0)


@pytest.mark.parametrize("k", [2, 3, 4, 5, 6, 7])
def test_the_kernel_is_fair_on_every_scale(k):
    """Stated generalisation: on any k-point scale the term is (1[x_u != x_p] + 0.5 - 2 x_u x_p) / 2. It is
    0 for identical answers at either end, 1 for opposite ends, and its mean over the k answers is the
    same for every party stance: (k-1)/(2k) + 1/4, exactly (in fractions)."""
    kernel = get_method("midpoint").kernel
    x = _coordinates(k)
    assert kernel(x[-1], x[-1]) == 0.0 and kernel(x[0], x[0]) == 0.0
    assert kernel(x[0], x[-1]) == 1.0 and kernel(x[-1], x[0]) == 1.0
    exact = [Fraction(c, k - 1) - Fraction(1, 2) for c in range(k)]
    expected = Fraction(k - 1, 2 * k) + Fraction(1, 4)
    for p in exact:
        mean = sum(((0 if u == p else 1) + Fraction(1, 2) - 2 * u * p) / 2 for u in exact) / k
        assert mean == expected, (k, p)
    floats = kernel(x[:, None], x[None, :]).mean(axis=0)
    np.testing.assert_allclose(floats, float(expected), atol=1e-12)


@pytest.mark.parametrize("k", [3, 5, 7])
def test_stemwijzer_and_directional_are_the_ends_of_the_three_point_family(k):
    """The fair family on 3 points is 'one neutral' = a, 'both neutral' = 1 - a: stemwijzer a = 1, directional
    a = 1/2, midpoint a = 3/4. On every scale midpoint is the mean of the two terms; cityblock is not fair
    (its expected term depends on the stance: it favours the centre)."""
    x = _coordinates(k)
    u, p = x[:, None], x[None, :]
    midpoint, stemwijzer, directional = (get_method(n).kernel(u, p) for n in ("midpoint", "stemwijzer", "directional"))
    np.testing.assert_allclose(midpoint, (stemwijzer + directional) / 2)
    centre = k // 2
    if k == 3:
        assert (midpoint[1, 0], midpoint[1, 1]) == (0.75, 0.25)
        assert (stemwijzer[1, 0], stemwijzer[1, 1]) == (1.0, 0.0)
        assert (directional[1, 0], directional[1, 1]) == (0.5, 0.5)
    cityblock = get_method("cityblock").kernel(u, p).mean(axis=0)
    assert cityblock[centre] < cityblock[0]


@given(
    k=st.sampled_from([3, 5, 7]),
    stances=st.lists(st.integers(0, 6), min_size=2, max_size=6),
    statements=st.integers(1, 4),
)
def test_random_respondents_expect_the_same_score_for_every_party(k, stances, statements):
    """Property: averaged over every possible answer pattern (all k^n of them, exactly), every party's
    midpoint score is the same, whatever its stances; cityblock fails this whenever stances differ in
    distance from the centre."""
    columns = [[s % k for s in stances] for _ in range(statements)]
    quiz = quiz_from_stances(columns, k)
    grids = np.meshgrid(*[np.arange(k)] * statements, indexing="ij")
    every_pattern = np.stack([g.ravel() for g in grids], axis=1)
    means = stemhulp.match_many(quiz, every_pattern, method="midpoint").mean(axis=0)
    np.testing.assert_allclose(means, means[0], atol=1e-9)
    expected = 100 * (1 - ((k - 1) / (2 * k) + 0.25))
    np.testing.assert_allclose(means, expected, atol=1e-9)
