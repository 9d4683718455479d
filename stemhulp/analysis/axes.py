"""Axis loadings estimated from the party positions, for quizzes that come without them.

Imported quizzes (Wahl-O-Mat, StemWijzer, municipal guides) carry no axis loadings, so the
`spatial` respondent model and the landscape map had nothing to work with. `estimate_axes`
finds the main dimensions along which the parties differ: a principal component analysis of the
party × statement matrix of stance coordinates (c/(k−1) − 0.5; no stance = 0, the centre),
centred per statement. A statement's loading on component a is V[s, a] · σ_a (its weight in the
component, scaled by how much of the parties' spread that component carries), divided by the
largest such value in absolute terms so that every loading lies in [−1, 1]. Signs are fixed so
that the party named as the positive pole scores highest. This is the classical way to map a
VAA's party space without expert placements (e.g. Wheatley et al. 2014, "The dimensionality of
the Swiss political space"); the components are descriptive, and their names say so.
"""

from __future__ import annotations

import attrs
import numpy as np

from ..errors import QuizError
from ..matching.engine import coordinates
from ..quiz.model import Axis, Quiz


def estimate_axes(quiz: Quiz, count: int = 2) -> Quiz:
    """The quiz with `count` estimated axes ('pc1', 'pc2', …) replacing any it had."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise QuizError(f"count must be a whole number of at least 1, got {count!r}")
    x = coordinates(quiz.scale.size)
    codes = quiz.cells.main_by_party
    matrix = np.where(codes >= 0, x[np.maximum(codes, 0)], 0.0)  # (parties, statements)
    centred = matrix - matrix.mean(axis=0, keepdims=True)
    u, sigma, vt = np.linalg.svd(centred, full_matrices=False)
    usable = int((sigma > 1e-9 * max(sigma.max(initial=0.0), 1e-300)).sum())
    if usable == 0:
        raise QuizError(f"quiz {quiz.id!r}: the parties take the same stances everywhere; no axis can be estimated")
    count = min(count, usable)
    loadings = vt[:count].T * sigma[:count]  # (statements, axes)
    scores = u[:, :count] * sigma[:count]  # (parties, axes)
    flip = np.where(scores.max(axis=0) >= -scores.min(axis=0), 1.0, -1.0)  # the larger pole positive
    loadings, scores = loadings * flip, scores * flip
    loadings = loadings / np.abs(loadings).max()
    share = sigma[:count] ** 2 / (sigma**2).sum()
    axes = tuple(_axis(quiz, a, scores[:, a], float(share[a])) for a in range(count))
    statements = tuple(
        attrs.evolve(s, axes={axes[a].id: round(float(loadings[i, a]), 4) for a in range(count)})
        for i, s in enumerate(quiz.statements)
    )
    return attrs.evolve(quiz, statements=statements, axes=axes)


def _axis(quiz: Quiz, a: int, scores: np.ndarray, share: float) -> Axis:
    low, high = quiz.parties[int(np.argmin(scores))].name, quiz.parties[int(np.argmax(scores))].name
    return Axis(
        f"pc{a + 1}",
        f"Hoofdcomponent {a + 1} (geschat, {share:.0%} van de spreiding)",
        name_en=f"Principal component {a + 1} (estimated, {share:.0%} of the spread)",
        negative=low,
        positive=high,
        negative_en=low,
        positive_en=high,
    )
