"""The scoring tables of one quiz: stances as option codes, salience weights, a method's terms.

Built here once for `match`, `match_many`, `Matcher` and the simulation's scorer, so no caller
reaches into another's private helpers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..quiz.model import Quiz, Statement
from .engine import term_tables
from .methods import Method, get_method, get_policy


def party_codes(quiz: Quiz, statements: Sequence[Statement], parties: Sequence[str]) -> NDArray[np.int64]:
    """Stances as option indices, (statements, parties), -1 for no stance."""
    return quiz.cells.take_codes(statements, parties)


def salience_matrix(quiz: Quiz, statements: Sequence[Statement], parties: Sequence[str]) -> NDArray[np.float64]:
    """Party salience weights, (statements, parties), 1 where nothing is coded."""
    return quiz.cells.take_weights(statements, parties)


def method_tables(
    quiz: Quiz, statements: Sequence[Statement], parties: Sequence[str], method: str, missing: str, salience: bool
) -> tuple[Method, NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    """The method's record, its term and weight tables (T, W) and the stances they were built from."""
    method_record, policy = get_method(method), get_policy(missing)
    stances = party_codes(quiz, statements, parties)
    weights = salience_matrix(quiz, statements, parties) if salience else None
    T, W = term_tables(method_record, policy, quiz.scale.size, stances, weights)
    return method_record, T, W, stances
