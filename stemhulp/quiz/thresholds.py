"""The thresholds of `stemhulp check` (`stemhulp.analysis.quality`): their names, defaults and sides.

Kept apart from `quality` (which needs numpy) so that loading a quiz can validate the crossings a
quiz declares as accepted (`check.accepted` in its header) without importing numpy.
"""

from __future__ import annotations

import attrs

NULL_MODEL_RESPONDENTS = 20_000  # respondents of the null-model simulation `check` runs
NULL_MODEL_SEED = 1  # its seed: the same quiz always gives the same report


@attrs.frozen
class Threshold:
    """One line a quiz must not cross under `--strict`: `value` is the limit, `bound` says which
    side of it fails ('min': below fails, 'max': above fails)."""

    name: str
    default: float
    bound: str
    summary: str
    summary_nl: str
    share: bool = False  # a share in [0, 1]
    count: bool = False  # a whole number (of statements or parties)


THRESHOLDS: tuple[Threshold, ...] = (
    Threshold(
        "min_stances",
        2,
        "min",
        "every statement: at least this many parties take a stance",
        "elke stelling: minstens zoveel partijen nemen een standpunt in",
        count=True,
    ),
    Threshold(
        "max_valence_share",
        0.2,
        "max",
        "share of main statements on which nobody agrees or nobody disagrees (one-sided)",
        "aandeel hoofdstellingen waarop niemand het eens of niemand het oneens is (eenzijdig)",
        share=True,
    ),
    Threshold(
        "min_party_stance_share",
        0.5,
        "min",
        "every party: share of main statements with a stance",
        "elke partij: aandeel hoofdstellingen met een standpunt",
        share=True,
    ),
    Threshold(
        "max_constant_parties",
        0,
        "max",
        "parties whose stances are all the same",
        "partijen die overal hetzelfde standpunt innemen",
        count=True,
    ),
    Threshold(
        "max_bias_ratio",
        2.0,
        "max",
        "null model: a party's bias ratio (lower end of its 95% interval)",
        "nulmodel: bias-ratio van een partij (ondergrens van het 95%-interval)",
    ),
    Threshold(
        "max_canonical_margin",
        5.0,
        "max",
        "lead (points) of a single top party for a respondent who agrees, or disagrees, with everything",
        "voorsprong (punten) van één toppartij voor wie het met alles eens, of met alles oneens, is",
    ),
)
THRESHOLD_BY_NAME = {t.name: t for t in THRESHOLDS}


def within(value: float, accepted: float, bound: str) -> bool:
    """Whether a measured `value` is no worse than the `accepted` one: at most it for a 'max'
    threshold, at least it for a 'min' threshold (with a tolerance for floating-point noise, so a
    value copied from `stemhulp check --json` matches on any platform)."""
    slack = 1e-9 * max(1.0, abs(accepted))
    return value <= accepted + slack if bound == "max" else value >= accepted - slack
