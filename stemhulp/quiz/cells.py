"""Every (statement, party) cell of a quiz as arrays, built in one pass over its positions.

A long quiz has hundreds of thousands of cells; looking each one up by id costs seconds, so
matching, profiles and the quality report read these arrays instead. `Quiz.cells` builds them
once per quiz.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from .model import Position, Quiz, Statement


@attrs.frozen
class Cells:
    """Rows are the main then the tie-break statements, columns the parties, both in quiz order."""

    statement_index: Mapping[str, int]
    party_index: Mapping[str, int]
    codes: NDArray[np.int64]  # option index of the stance, -1 for none (read-only)
    weights: NDArray[np.float64]  # the party's salience, 1 where nothing is coded (read-only)
    positions: tuple[tuple[Position | None, ...], ...]  # [statement][party]
    main: int  # how many rows are main statements

    @property
    def main_by_party(self) -> NDArray[np.int64]:
        """The stance codes on the main statements, (parties, statements): a read-only view."""
        return self.codes[: self.main].T

    def rows(self, statements: Sequence[Statement]) -> list[int]:
        return [self.statement_index[s.id] for s in statements]

    def columns(self, parties: Sequence[str]) -> list[int]:
        return [self.party_index[p] for p in parties]

    def take_codes(self, statements: Sequence[Statement], parties: Sequence[str]) -> NDArray[np.int64]:
        """Stances as option indices, (statements, parties), -1 for no stance; a fresh array."""
        return self.codes[np.ix_(self.rows(statements), self.columns(parties))]

    def take_weights(self, statements: Sequence[Statement], parties: Sequence[str]) -> NDArray[np.float64]:
        """Party salience, (statements, parties), 1 where nothing is coded; a fresh array."""
        return self.weights[np.ix_(self.rows(statements), self.columns(parties))]


def build_cells(quiz: Quiz) -> Cells:
    """The quiz's cells; positions on ids the quiz does not hold are left out (validation reports them)."""
    statement_index = {s.id: i for i, s in enumerate((*quiz.statements, *quiz.tiebreak_statements))}
    party_index = {p.id: i for i, p in enumerate(quiz.parties)}
    width = len(party_index)
    option_index = {option: i for i, option in enumerate(quiz.scale.options)}
    grid: list[Position | None] = [None] * (len(statement_index) * width)
    flat, codes, weights = [], [], []
    for position in quiz.positions:
        row, column = statement_index.get(position.statement), party_index.get(position.party)
        if row is None or column is None:
            continue
        cell = row * width + column
        grid[cell] = position
        flat.append(cell)
        codes.append(-1 if position.position is None else option_index.get(position.position, -1))
        weights.append(position.weight)
    code_array = np.full(len(grid), -1, dtype=np.int64)
    weight_array = np.ones(len(grid), dtype=np.float64)
    code_array[flat] = codes
    weight_array[flat] = weights
    shape = (len(statement_index), width)
    code_array, weight_array = code_array.reshape(shape), weight_array.reshape(shape)
    code_array.flags.writeable = weight_array.flags.writeable = False
    rows = tuple(tuple(grid[r * width : (r + 1) * width]) for r in range(len(statement_index)))
    return Cells(statement_index, party_index, code_array, weight_array, rows, len(quiz.statements))
