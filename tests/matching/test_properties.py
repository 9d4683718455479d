"""Invariants of every method × missing policy, checked against a slow reference scorer."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stemhulp
from stemhulp.matching.methods import METHODS, MISSING_POLICIES

from ..helpers import quiz_from_stances, reference_score
from ..strategies import instances

METHOD_NAMES = [m.name for m in METHODS]
POLICY_NAMES = [p.name for p in MISSING_POLICIES]


def _methods_for(k: int) -> list[str]:
    return [m.name for m in METHODS if not (m.three_point_only and k != 3)]


@given(instances(), st.sampled_from(POLICY_NAMES), st.booleans())
def test_match_many_agrees_with_reference_loop(instance, missing, use_salience):
    """The vectorised engine gives the plain loop's score for every method, policy and weighting."""
    quiz, stances, salience, codes, weights = instance
    k = quiz.scale.size
    for method in _methods_for(k):
        scores = stemhulp.match_many(
            quiz, codes, weights=weights, method=method, missing=missing, salience=use_salience, min_coverage=0
        )
        for r in range(codes.shape[0]):
            for p in range(stances.shape[1]):
                party_weights = salience[:, p] if use_salience else np.ones(len(weights))
                expected = reference_score(method, missing, codes[r], weights, stances[:, p], party_weights, k)
                if math.isnan(expected):
                    assert math.isnan(scores[r, p])
                else:
                    assert scores[r, p] == pytest.approx(expected, abs=1e-9)


@given(instances(), st.sampled_from(POLICY_NAMES))
def test_scores_are_between_0_and_100(instance, missing):
    """Every score is NaN (nothing comparable) or within [0, 100]."""
    quiz, _, _, codes, weights = instance
    for method in _methods_for(quiz.scale.size):
        scores = stemhulp.match_many(quiz, codes, weights=weights, method=method, missing=missing)
        finite = scores[~np.isnan(scores)]
        assert np.all((finite >= 0) & (finite <= 100))


@given(instances(), st.sampled_from(POLICY_NAMES), st.randoms())
def test_statement_and_party_order_do_not_matter(instance, missing, random):
    """Permuting statements (with their answers) and parties permutes nothing but the columns."""
    quiz, stances, _, codes, weights = instance
    statement_order = list(range(stances.shape[0]))
    party_order = list(range(stances.shape[1]))
    random.shuffle(statement_order)
    random.shuffle(party_order)
    permuted = quiz_from_stances(stances[statement_order][:, party_order].tolist(), quiz.scale.size)
    for method in _methods_for(quiz.scale.size):
        original = stemhulp.match_many(quiz, codes, weights=weights, method=method, missing=missing)
        shuffled = stemhulp.match_many(
            permuted, codes[:, statement_order], weights=weights[statement_order], method=method, missing=missing
        )
        np.testing.assert_allclose(shuffled, original[:, party_order], atol=1e-9)


@given(instances(), st.sampled_from(POLICY_NAMES), st.data())
def test_skip_equals_weight_zero(instance, missing, data):
    """Skipping a statement scores exactly as giving it weight 0."""
    quiz, _, _, codes, weights = instance
    column = data.draw(st.integers(0, codes.shape[1] - 1))
    skipped = codes.copy()
    skipped[:, column] = -1
    zeroed = weights.copy()
    zeroed[column] = 0
    for method in _methods_for(quiz.scale.size):
        a = stemhulp.match_many(quiz, skipped, weights=weights, method=method, missing=missing)
        b = stemhulp.match_many(quiz, codes, weights=zeroed, method=method, missing=missing)
        np.testing.assert_allclose(a, b, atol=1e-9)


@given(instances(), st.sampled_from(POLICY_NAMES), st.data())
def test_important_equals_weight_two(instance, missing, data):
    """Marking statements important scores exactly as weight 2 on them."""
    quiz, _, _, codes, _ = instance
    marked = np.array(data.draw(st.lists(st.booleans(), min_size=codes.shape[1], max_size=codes.shape[1])))
    important = np.broadcast_to(marked, codes.shape)
    for method in _methods_for(quiz.scale.size):
        a = stemhulp.match_many(quiz, codes, important=important, method=method, missing=missing)
        b = stemhulp.match_many(quiz, codes, weights=np.where(marked, 2.0, 1.0), method=method, missing=missing)
        np.testing.assert_allclose(a, b, atol=1e-9)


@given(instances(), st.sampled_from(POLICY_NAMES), st.data())
def test_important_per_respondent(instance, missing, data):
    """Each respondent's own important statements count double for that respondent only."""
    quiz, _, _, codes, _ = instance
    important = np.array(data.draw(st.lists(st.booleans(), min_size=codes.size, max_size=codes.size)))
    important = important.reshape(codes.shape)
    for method in _methods_for(quiz.scale.size):
        batch = stemhulp.match_many(quiz, codes, important=important, method=method, missing=missing)
        for r in range(codes.shape[0]):
            single = stemhulp.match_many(
                quiz, codes[r : r + 1], weights=np.where(important[r], 2.0, 1.0), method=method, missing=missing
            )
            np.testing.assert_allclose(batch[r : r + 1], single, atol=1e-9)


@given(instances(), st.sampled_from(POLICY_NAMES), st.data())
def test_match_equals_match_many(instance, missing, data):
    """`match` on one answer set gives the same scores as its row in `match_many`."""
    quiz, _, _, codes, _ = instance
    row = codes[0]
    important = data.draw(st.lists(st.booleans(), min_size=len(row), max_size=len(row)))
    answers = {s.id: ("skip" if c < 0 else quiz.scale.options[c]) for s, c in zip(quiz.statements, row, strict=True)}
    important_ids = [s.id for s, flag in zip(quiz.statements, important, strict=True) if flag]
    for method in _methods_for(quiz.scale.size):
        batch = stemhulp.match_many(
            quiz, row[None, :], important=np.array([important]), method=method, missing=missing, min_coverage=0
        )
        ranked = ~np.isnan(stemhulp.match_many(quiz, row[None, :], method=method, missing=missing))
        result = stemhulp.match(quiz, answers, important=important_ids, method=method, missing=missing)
        for p, party in enumerate(quiz.parties):
            assert result.entry(party.id).ranked == ranked[0, p]  # one coverage rule for both
            score = result.entry(party.id).score
            if math.isnan(batch[0, p]):
                assert score is None
            else:
                assert score == pytest.approx(batch[0, p], abs=1e-9)


@pytest.mark.parametrize("method", [m.name for m in METHODS if m.identical_scores_100])
@given(instance=instances(scale_sizes=(3,)))
def test_identical_answers_score_100(method, instance):
    """A respondent who copies a party's stances (skipping its silences) scores 100 with it."""
    quiz, stances, _, _, _ = instance
    for p in range(stances.shape[1]):
        codes = stances[:, p][None, :]
        for missing in POLICY_NAMES:
            score = stemhulp.match_many(quiz, codes, method=method, missing=missing)[0, p]
            assert score == pytest.approx(100.0)


@pytest.mark.parametrize("method", [m.name for m in METHODS if not m.identical_scores_100])
def test_directional_methods_reward_extremity(method):
    """methods.md: identical all-neutral answers give directional 50 and hybrid 75 (midpoint 75: 3 of 4)."""
    quiz = quiz_from_stances([[1], [1]], 3)
    expected = {"directional": 50.0, "hybrid": 75.0, "midpoint": 75.0}[method]
    assert stemhulp.match_many(quiz, [[1, 1]], method=method)[0, 0] == pytest.approx(expected)
    extreme = quiz_from_stances([[2], [0]], 3)
    assert stemhulp.match_many(extreme, [[2, 0]], method=method)[0, 0] == pytest.approx(100.0)


def test_chunk_size_does_not_change_scores():
    """Scores are the same, to the last bit, whatever the chunk size."""
    rng = np.random.default_rng(7)
    quiz = quiz_from_stances(rng.integers(-1, 3, size=(12, 5)).tolist(), 3)
    codes = rng.integers(-1, 3, size=(1000, 12))
    important = rng.random(codes.shape) < 0.2
    a = stemhulp.match_many(quiz, codes, important=important, chunk_size=1)
    b = stemhulp.match_many(quiz, codes, important=important, chunk_size=100_000)
    np.testing.assert_array_equal(a, b)  # bit-identical, not just close
