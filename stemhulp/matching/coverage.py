"""The coverage rule: a party is ranked only when it takes a stance on enough of your answers.

One rule for `match`, `match_many`, the quiz and `simulate`: of the statements a person answered
(weight above 0), a party needs a stance on at least `min_coverage` of them (a share, 0 … 1) to be
ranked. Otherwise silence could win: a programme that says nothing on your answers would be
scored only on what the missing-stance policy makes up for it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import MatchError
from .unranked import FEW_STANCES

UNRANKED_REASON = FEW_STANCES.reason  # the JSON text of the usual reason
_SLACK = 1e-9  # 0.5 of 4 answered is 2, not 1.9999999


def check_min_coverage(value: Any) -> float:
    """`value` as a share in [0, 1], or a `MatchError` naming it."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0.0 <= value <= 1.0
    ):
        raise MatchError(f"min_coverage must be a share between 0 and 1, got {value!r}")
    return float(value)


def ranked_mask(
    answered: NDArray[np.integer | np.floating] | int,
    with_stance: NDArray[np.integer | np.floating] | Sequence[int],
    min_coverage: float,
) -> NDArray[np.bool_]:
    """(respondents × parties): True where the party has a stance on at least `min_coverage` of
    the respondent's `answered` statements (nobody is ranked for a respondent who answered none).
    Counts may be whole floats (the scorer sums them in its tables: exact). For one respondent
    (`answered` a single number) the threshold is worked out once, with the same arithmetic."""
    if np.ndim(answered) == 0:
        if not answered > 0:
            return np.zeros(np.shape(with_stance), dtype=bool)
        return np.asarray(with_stance) >= min_coverage * float(answered) - _SLACK
    counts = np.asarray(answered)
    counts = counts[..., None] if np.ndim(with_stance) > counts.ndim else counts
    ranked: NDArray[np.bool_] = (counts > 0) & (np.asarray(with_stance) >= min_coverage * counts - _SLACK)
    return ranked
