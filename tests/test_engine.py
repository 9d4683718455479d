"""The grouped-lookup Scorer: every way of asking for a method's scores gives the same bits."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from stemhulp.api import build_scorer
from stemhulp.engine import Scorer
from stemhulp.methods import METHODS
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
