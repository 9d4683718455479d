"""Which simulated respondents mark a deal-breaker, and which statement they pick.

A respondent uses deal-breakers with probability `share` (`simulate(…, dealbreakers=share)`).
One who does marks ONE statement: uniformly at random among the statements they answered on a
side (any agreeing or disagreeing option; not neutral, not skipped), since a deal-breaker on a
neutral or skipped answer excludes nobody. A respondent with no such answer marks none. Drawn
from the block's own generator, after the model's answers, skips and important marks, so a run
without deal-breakers draws exactly what it drew before.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..matching.dealbreakers import sides

HOW = (
    "a respondent uses deal-breakers with the given probability and then marks one statement, chosen "
    "uniformly at random among those they answered on a side (not neutral, not skipped)"
)


def pick_dealbreakers(
    rng: np.random.Generator, codes: NDArray[np.integer], share: float, scale_size: int
) -> NDArray[np.bool_]:
    """(respondents × statements): each respondent's deal-breaker marks (at most one per respondent)."""
    n, statements = codes.shape
    users = rng.random(n) < share
    keys = rng.random((n, statements))
    on_a_side = sides(codes, scale_size) != 0
    keys[~on_a_side] = -1.0  # never picked while a statement on a side is left
    chosen = keys.argmax(axis=1)
    marks = np.zeros((n, statements), dtype=bool)
    picked = users & on_a_side.any(axis=1)
    marks[np.flatnonzero(picked), chosen[picked]] = True
    return marks
