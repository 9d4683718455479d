"""Deal-breakers: a party on the other side of a statement the voter marked as a deal-breaker is excluded.

"The other side" on any scale: answer and stance lie strictly on opposite sides of the scale's
middle (coordinates of opposite sign: agree vs disagree, strongly agree vs disagree, …). The
neutral middle is on no side, and no stance is no side: neither excludes, and a deal-breaker on a
neutral or skipped answer excludes nobody (docs/methods.md, "Deal-breakers", says why). Pure
numpy, one code path for one person and for many.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..quiz.scale import coordinate

DEFAULT_CHUNK = 65_536  # respondents per block: bounds the memory of the (respondents × parties) products


def sides(codes: NDArray[np.integer], scale_size: int) -> NDArray[np.int8]:
    """The side of each option code: the sign of its coordinate (-1 below the middle, +1 above it,
    0 for the middle option), and 0 for -1 (skipped, or no stance)."""
    codes = np.asarray(codes)
    return np.where(codes >= 0, np.sign(coordinate(codes, scale_size)), 0).astype(np.int8)


def excluded_mask(
    codes: NDArray[np.integer],
    dealbreakers: NDArray[np.bool_],
    stances: NDArray[np.integer],
    scale_size: int,
    chunk_size: int = DEFAULT_CHUNK,
) -> NDArray[np.bool_]:
    """(respondents × parties): True where the party is on the other side of one of the respondent's
    deal-breakers. `codes` and `dealbreakers` are (respondents × statements), `stances`
    (statements × parties), all option codes with -1 for skipped / no stance."""
    party_side = sides(stances, scale_size)
    below, above = (party_side < 0).astype(np.int64), (party_side > 0).astype(np.int64)
    result = np.empty((codes.shape[0], stances.shape[1]), dtype=bool)
    for start in range(0, codes.shape[0], chunk_size):
        stop = start + chunk_size
        side = sides(codes[start:stop], scale_size) * dealbreakers[start:stop]
        # Integer products: exact, and one pass over the statements per side.
        clashes = (side > 0).astype(np.int64) @ below + (side < 0).astype(np.int64) @ above
        result[start:stop] = clashes > 0
    return result


def excluding_statements(
    row: NDArray[np.integer], dealbreakers: NDArray[np.bool_], stances: NDArray[np.integer], scale_size: int
) -> list[list[int]]:
    """Per party (a column of `stances`): the indices of the statements of one respondent's `row`
    that exclude it, in statement order. Empty for a party that is not excluded."""
    clash = (sides(row, scale_size) * dealbreakers)[:, None] * sides(stances, scale_size) < 0
    return [np.flatnonzero(clash[:, p]).tolist() for p in range(stances.shape[1])]
