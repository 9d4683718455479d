"""The grouped-lookup Scorer: every way of asking for a method's scores gives the same bits."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from stemhulp.matching.engine import Scorer
from stemhulp.matching.facade import build_scorer
from stemhulp.matching.methods import METHODS
from stemhulp.simulate import synthetic_quiz


@given(
    statements=st.integers(1, 40),
    parties=st.integers(2, 14),
    seed=st.integers(0, 10_000),
    missing=st.sampled_from(["neutral", "exclude", "opposite", "disagree"]),
    important=st.booleans(),
)
def test_first_method_alone_equals_it_among_many(statements, parties, seed, missing, important):
    # The first method's own tables hold fewer columns than the all-methods tables, so they
    # must still use the same digits per group (a regression: they once grouped differently).
    quiz = synthetic_quiz(statements, parties, seed=seed)
    names = [m.name for m in METHODS if m.fits(quiz.scale.size)]
    scorer = build_scorer(quiz, names, missing, salience=False, important=important)
    rng = np.random.default_rng(seed)
    codes = rng.integers(-1, 3, size=(257, statements), dtype=np.int8)
    marks = rng.random(codes.shape) < 0.3 if important else None
    together = scorer.score(codes, marks)
    alone = scorer.score(codes, marks, 1)[0]
    np.testing.assert_array_equal(alone, together[0])
    for m, name in enumerate(names):
        single = build_scorer(quiz, [name], missing, salience=False, important=important)
        np.testing.assert_array_equal(single.score(codes, marks)[0], together[m])


def test_shared_denominators_are_one_column():
    quiz = synthetic_quiz(12, 8, seed=1)
    shared = build_scorer(quiz, ["cityblock"], "neutral", salience=False)
    per_party = build_scorer(quiz, ["cityblock"], "exclude", salience=False)
    assert isinstance(shared, Scorer)
    assert set(shared.denominators.tolist()) == {shared.denominators[0]}
    assert shared.tables.shape[2] < per_party.tables.shape[2]


def test_scores_do_not_depend_on_the_block():
    quiz = synthetic_quiz(29, 12, seed=3)
    scorer = build_scorer(quiz, ["euclidean", "directional"], "exclude", salience=False)
    codes = np.random.default_rng(0).integers(-1, 3, size=(5000, 29), dtype=np.int8)
    whole = scorer.score(codes)
    parts = [scorer.score(codes[i : i + 333]) for i in range(0, 5000, 333)]
    for m in range(2):
        np.testing.assert_array_equal(whole[m], np.concatenate([p[m] for p in parts]))


def _counted_apart(codes, stances, weights, min_coverage):
    """The coverage rule counted separately, in plain Python: ranked[r][p]."""
    ranked = []
    for row in codes.tolist():
        answered = [s for s, code in enumerate(row) if code >= 0 and weights[s] > 0]
        with_stance = [sum(1 for s in answered if stances[s, p] >= 0) for p in range(stances.shape[1])]
        ranked.append([bool(answered) and count >= min_coverage * len(answered) - 1e-9 for count in with_stance])
    return np.array(ranked, dtype=bool)


@given(
    statements=st.integers(1, 30),
    parties=st.integers(1, 10),
    seed=st.integers(0, 10_000),
    no_stance=st.sampled_from([0.0, 0.3, 0.8]),
    min_coverage=st.sampled_from([0.0, 0.25, 0.5, 0.7, 1.0]),
    missing=st.sampled_from(["neutral", "exclude"]),
    important=st.booleans(),
    zero_weights=st.booleans(),
)
def test_coverage_counted_in_the_scoring_pass(
    statements, parties, seed, no_stance, min_coverage, missing, important, zero_weights
):
    # The rule comes out of the same table lookups as the scores: NaN exactly where a plain count
    # says the party is not ranked, and elsewhere the very scores of the scorer without the rule.
    from stemhulp.matching.engine import score_codes
    from stemhulp.matching.tables import method_tables

    quiz = synthetic_quiz(statements, parties, seed=seed, no_stance=no_stance)
    _, T, W, stances = method_tables(quiz, quiz.statements, [p.id for p in quiz.parties], "cityblock", missing, False)
    rng = np.random.default_rng(seed)
    codes = rng.integers(-1, quiz.scale.size, size=(300, statements), dtype=np.int8)
    marks = rng.random(codes.shape) < 0.3 if important else None
    weights = np.where(rng.random(statements) < 0.3, 0.0, rng.random(statements) * 3) if zero_weights else None
    plain = score_codes(codes, T, W, weights=weights, important=marks)
    ruled = score_codes(
        codes, T, W, weights=weights, important=marks, stances=stances, min_coverage=min_coverage, chunk_size=97
    )
    ranked = _counted_apart(codes, stances, np.ones(statements) if weights is None else weights, min_coverage)
    expected = np.where(ranked | (min_coverage == 0), plain, np.nan)
    np.testing.assert_array_equal(ruled, expected)
