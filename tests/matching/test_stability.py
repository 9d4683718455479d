"""The stability figure's fixed draws: exactly the documented 32-bit formula (what a browser
repeats), a true bootstrap (every resample draws as many statements as were answered), and a
figure as accurate as the bootstrap it estimates."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stemhulp
from stemhulp.matching.engine import term_tables, weighted_scores
from stemhulp.matching.methods import DEFAULT_METHOD, DEFAULT_MISSING, get_method, get_policy
from stemhulp.matching.ranking import top_set
from stemhulp.matching.stability import DRAWS_SEED, RESAMPLES, assess, draws, resample_counts

from ..helpers import quiz_from_stances

M32 = 0xFFFFFFFF


def _mix32(x: int) -> int:
    x ^= x >> 16
    x = (x * 0x85EBCA6B) & M32
    x ^= x >> 13
    x = (x * 0xC2B2AE35) & M32
    return x ^ (x >> 16)


def _draw(counter: int, answered: int, seed: int) -> int:
    """The formula of `stability.draws`, one draw at a time in plain integers."""
    return (_mix32((counter * 0x9E3779B9 + seed) & M32) * answered) >> 32


@given(st.integers(1, 40), st.integers(1, 60), st.integers(0, M32))
def test_draws_are_the_documented_formula(resamples, answered, seed):
    got = draws(resamples, answered, seed)
    assert got.shape == (resamples, answered)
    expected = [[_draw(r * answered + j, answered, seed) for j in range(answered)] for r in range(resamples)]
    assert got.tolist() == expected


def test_known_draws_for_a_browser_to_repeat():
    """Worked values, so another implementation can check itself without Python."""
    assert _mix32(0) == 0 and _mix32(1) == 0x514E28B7
    assert draws(2, 5).tolist() == [[4, 4, 1, 0, 1], [1, 1, 3, 3, 0]]
    # Resample 0 drew statement 0 once, 1 twice, 4 twice; resample 1: 0 once, 1 twice, 3 twice.
    assert resample_counts(5)[:2].tolist() == [[1, 2, 0, 0, 2], [1, 2, 0, 2, 0]]


@pytest.mark.parametrize("answered", [1, 2, 7, 15, 30, 200])
def test_every_resample_draws_as_many_statements_as_were_answered(answered):
    counts = resample_counts(answered)
    assert counts.shape == (RESAMPLES, answered) and (counts.sum(axis=1) == answered).all()
    assert not counts.flags.writeable  # a kept table cannot be changed by a caller
    assert resample_counts(answered) is counts or answered * RESAMPLES > 1 << 17
    # Each statement is drawn about equally often overall (1000 · answered draws in all).
    overall = counts.sum(axis=0)
    assert abs(overall.mean() - RESAMPLES) < 1e-9 and overall.std() < 5 * np.sqrt(RESAMPLES)


def _reference(row, weights, stances, method, ranked, top, resamples=40_000):
    """The same bootstrap with numpy's own multinomial draws, 40 times as many (about ±0.25 points)."""
    answered = np.flatnonzero(row >= 0)
    counts = np.random.default_rng(7).multinomial(len(answered), [1 / len(answered)] * len(answered), resamples)
    sampled = np.zeros((resamples, len(row)))
    sampled[:, answered] = counts * weights[answered]
    T, W = term_tables(get_method(method), get_policy(DEFAULT_MISSING), 3, stances)
    tops = top_set(weighted_scores(row, T, W, sampled, get_method(method).root), ranked)
    return float(np.sum((tops & top).sum(axis=1) / np.maximum(tops.sum(axis=1), 1)) / resamples / top.sum())


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_figure_estimates_the_bootstrap_share(data):
    """Within 5 points (over 3 standard errors of 1,000 resamples) of a far larger resampling."""
    parties = data.draw(st.integers(2, 6))
    statements = data.draw(st.integers(4, 30))
    stances = np.array(
        data.draw(
            st.lists(
                st.lists(st.integers(-1, 2), min_size=parties, max_size=parties),
                min_size=statements,
                max_size=statements,
            )
        )
    )
    row = np.array(data.draw(st.lists(st.integers(-1, 2), min_size=statements, max_size=statements)))
    if (row >= 0).sum() == 0:
        row[0] = 1
    weights = np.where(np.array(data.draw(st.lists(st.booleans(), min_size=statements, max_size=statements))), 2.0, 1.0)
    ranked = np.ones(parties, dtype=bool)
    figure = assess(3, row, weights, stances, None, DEFAULT_METHOD, DEFAULT_MISSING, ranked)
    if figure.top_share is None:
        return
    T, W = term_tables(get_method(DEFAULT_METHOD), get_policy(DEFAULT_MISSING), 3, stances)
    top = top_set(weighted_scores(row, T, W, weights[None, :], get_method(DEFAULT_METHOD).root), ranked)[0]
    assert abs(figure.top_share - _reference(row, weights, stances, DEFAULT_METHOD, ranked, top)) <= 0.05
    assert figure.seed == DRAWS_SEED and figure.resamples == RESAMPLES


def test_match_and_the_prepared_matcher_give_the_same_figure():
    quiz = quiz_from_stances([[2, 0, 1], [0, 2, 2], [2, 2, 0], [1, 0, 2], [2, 1, 0]], 3)
    answers = {"s0": "agree", "s1": "disagree", "s2": "agree", "s3": "neutral", "s4": "agree"}
    expected = stemhulp.match(quiz, answers, important=["s1"]).stability
    assert stemhulp.Matcher(quiz).match(answers, important=["s1"]).stability == expected
    assert 0.0 < expected.top_share <= 1.0
