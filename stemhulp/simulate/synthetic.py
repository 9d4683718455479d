"""Synthetic quizzes for benchmarks and tests: any number of statements and parties."""

from __future__ import annotations

import numpy as np

from ..quiz.model import Axis, Party, Position, Quiz, Statement
from ..quiz.scale import FIVE_POINT, THREE_POINT, Scale


def synthetic_quiz(
    statements: int = 30,
    parties: int = 12,
    *,
    scale_size: int = 3,
    seed: int = 0,
    no_stance: float = 0.1,
    axes: int = 2,
) -> Quiz:
    """A random quiz: parties placed on `axes` latent axes, statements loading on one axis each,
    stances following position × loading (plus noise), a share `no_stance` left uncoded."""
    if scale_size not in (3, 5):
        raise ValueError("synthetic quizzes use the built-in 3- or 5-point scale")
    rng = np.random.default_rng(seed)
    options = THREE_POINT if scale_size == 3 else FIVE_POINT
    axis_records = [Axis(f"axis{a + 1}", f"Axis {a + 1}", negative="low", positive="high") for a in range(axes)]
    statement_records, loadings = [], []
    for s in range(statements):
        loading = {}
        if axes:
            loading = {f"axis{s % axes + 1}": float(np.round(rng.choice([-1, 1]) * rng.uniform(0.5, 1), 2))}
        loadings.append(loading)
        statement_records.append(
            Statement(f"s{s + 1:02d}", f"Theme {s % 5 + 1}", f"Synthetic statement {s + 1}.", axes=loading)
        )
    party_records = [Party(f"p{p + 1:02d}", f"Party {p + 1}") for p in range(parties)]
    places = rng.standard_normal((parties, max(axes, 1)))
    positions = []
    for s, statement in enumerate(statement_records):
        for p, party in enumerate(party_records):
            if rng.random() < no_stance:
                code = None
            else:
                lean = sum(places[p, int(a[4:]) - 1] * v for a, v in loadings[s].items())
                value = 1.2 * lean + rng.normal(0, 0.7)
                code = int(np.clip(np.round((value + 1.5) / 3 * (scale_size - 1)), 0, scale_size - 1))
            positions.append(Position(party.id, statement.id, None if code is None else options[code], quote=None))
    return Quiz(
        f"synthetic-{statements}x{parties}",
        f"Synthetic quiz ({statements} × {parties})",
        Scale(options),
        statement_records,
        party_records,
        positions,
        axes=axis_records,
    )
