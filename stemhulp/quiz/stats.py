"""Descriptions of a quiz itself, whatever anyone answers: how often parties agree, and which
statements every party answers alike. The simulation report includes them."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray


def party_agreement(stances: NDArray[np.int64], parties: Sequence[str]) -> dict[str, Any]:
    """Per party pair: the share of statements, of those both take a stance on, with the same
    stance (`compared` gives that count). `stances` is (statements, parties), -1 = no stance."""
    P = len(parties)
    matrix: list[list[float | None]] = [[None] * P for _ in range(P)]
    compared = [[0] * P for _ in range(P)]
    for i in range(P):
        for j in range(P):
            both = (stances[:, i] >= 0) & (stances[:, j] >= 0)
            compared[i][j] = int(both.sum())
            same = int((both & (stances[:, i] == stances[:, j])).sum())
            matrix[i][j] = None if compared[i][j] == 0 else float(Fraction(same, compared[i][j]))
    return {"parties": list(parties), "matrix": matrix, "compared": compared}


def consensus_statements(stances: NDArray[np.int64], statements: Sequence[str]) -> list[str]:
    """Statements on which every party takes the same stance (none silent): they cannot move
    the advice under any method, whatever the respondent answers."""
    if stances.shape[1] == 0:
        return []
    same = (stances >= 0).all(axis=1) & (stances == stances[:, :1]).all(axis=1)
    return [s for s, flag in zip(statements, same, strict=True) if flag]
