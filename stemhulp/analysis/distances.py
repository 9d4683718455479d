"""Party-pair distances: how each party would be advised if it took the quiz itself.

Each party's coded stances are scored as a respondent's answers (`match_many`; where it has no
stance the "respondent" skips) against every party under the chosen method, missing-stance policy
and salience. `scores[i][j]` is party j's score for party i's answers (0–100; not symmetric in
general: missing stances and salience differ per party), `distance[i][j]` = 100 − score.
`order` lists the parties as an average-linkage hierarchical clustering of the symmetrised
distance ((d + dᵀ)/2; a pair without any comparable statement counts as 100) leaves them
(scipy's optimal leaf ordering), so that similar parties sit together in a table or heatmap.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..formats.provenance import provenance
from ..matching.facade import match_many
from ..matching.methods import DEFAULT_METHOD, DEFAULT_MISSING, get_method, get_policy
from ..matching.tables import party_codes
from ..quiz.model import Quiz


def _cell(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def cluster_order(distance: NDArray[np.float64]) -> list[int]:
    """Leaf order of an average-linkage clustering of a (possibly asymmetric, NaN-holding) distance."""
    count = distance.shape[0]
    if count <= 2:
        return list(range(count))
    from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering  # type: ignore[import-untyped]
    from scipy.spatial.distance import squareform  # type: ignore[import-untyped]

    symmetric = np.where(np.isnan(distance), 100.0, distance)
    symmetric = (symmetric + symmetric.T) / 2
    np.fill_diagonal(symmetric, 0.0)
    condensed = squareform(np.clip(symmetric, 0.0, None), checks=False)
    tree = linkage(condensed, method="average")
    return [int(i) for i in leaves_list(optimal_leaf_ordering(tree, condensed))]


def party_distances(
    quiz: Quiz, method: str | None = None, missing: str | None = None, salience: bool = False
) -> dict[str, Any]:
    """The party × party score and distance matrices (see the module docstring), as plain data."""
    method_name, policy_name = get_method(method or DEFAULT_METHOD).name, get_policy(missing or DEFAULT_MISSING).name
    ids = [p.id for p in quiz.parties]
    codes = party_codes(quiz, quiz.statements, ids).T  # one "respondent" per party; -1 = skipped
    scores = (
        match_many(quiz, codes, method=method_name, missing=policy_name, salience=salience) if ids else np.empty((0, 0))
    )
    distance = 100.0 - scores
    order = cluster_order(distance)
    return {
        "quiz": quiz.id,
        "method": method_name,
        "missing": policy_name,
        "salience": salience,
        "parties": ids,
        "party_names": {p.id: p.name for p in quiz.parties},
        "scores": [[_cell(v) for v in row] for row in scores],
        "distance": [[_cell(v) for v in row] for row in distance],
        "order": [ids[i] for i in order],
        "provenance": provenance(quiz, method=method_name, missing=policy_name, salience=salience),
    }
