"""Statement-selection studies: how the advice moves when the quiz asks other statements.

Walgrave, Nuytemans & Pepermans (2009) showed that which statements a VAA asks changes whom it
advises. This module measures that for any quiz, on one fixed sample of simulated respondents:

- random subsets of k statements (many per k): each party's top share under every subset, and
  the share of respondents whose first advice differs from the full quiz;
- leave one statement out, and leave one theme out: the same for each;
- decisiveness of each statement: the share of respondents whose first advice changes when their
  answer to it is replaced by another option (one drawn at random per respondent, so every answer,
  neutral ones too, can matter) or dropped — with Wilson intervals, and "most decisive" named only
  when intervals separate.

Statements left out are scored as skipped, exactly as if the quiz had not asked them. The coverage
rule of `match` and `simulate` (`min_coverage`, one function: `api.ranked_mask_for`) applies to every
design, over the statements that design asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from ..errors import SimulationError
from ..formats.provenance import provenance
from ..matching.coverage import check_min_coverage
from ..matching.facade import build_scorer, ranked_mask_for
from ..matching.methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING
from ..matching.ranking import top_set
from ..quiz.model import Quiz
from . import defaults
from .diagnostics import wilson
from .models import make_model, stance_matrix
from .respondents import DEFAULT_MODEL
from .runner import block_size, new_seed

DEFAULT_SUBSETS = defaults.SUBSETS
DEFAULT_RESPONDENTS = defaults.SUBSET_RESPONDENTS
MAX_SCORINGS = 2 * 10**9  # respondents × designs: keeps a study within minutes, not days


@attrs.frozen
class SubsetStudy:
    """The study's report; `to_dict()` is the document `stemhulp subsets --json` prints."""

    report: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.report


def subset_study(
    quiz: Quiz,
    respondents: int = DEFAULT_RESPONDENTS,
    *,
    k: Sequence[int] = (),
    subsets: int = DEFAULT_SUBSETS,
    seed: int | None = None,
    model: str = DEFAULT_MODEL,
    method: str | None = None,
    missing: str | None = None,
    salience: bool = False,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    **model_options: Any,
) -> SubsetStudy:
    """Run the statement-selection study on `respondents` simulated respondents.

    `k` lists subset sizes (default: a third, a half and two thirds of the statements); for each,
    `subsets` random subsets are drawn. The same `seed` gives the same report."""
    method, missing = method or DEFAULT_METHOD, missing or DEFAULT_MISSING
    min_coverage = check_min_coverage(min_coverage)
    statements = len(quiz.statements)
    sizes = list(k) or sorted({max(1, round(statements * f)) for f in (1 / 3, 1 / 2, 2 / 3)})
    _check(respondents, sizes, subsets, statements, seed)
    seed = new_seed() if seed is None else seed
    codes = _respondents(quiz, model, respondents, seed, model_options)
    scorer = build_scorer(quiz, [method], missing, salience)
    parties = [p.id for p in quiz.parties]
    stances = stance_matrix(quiz)

    def top(masked: NDArray[np.int8]) -> NDArray[np.bool_]:
        """Each respondent's top set among the parties the coverage rule ranks (as in `simulate`)."""
        scores = scorer.score(masked, None, 1)[0]
        if min_coverage > 0:
            scores[~ranked_mask_for(masked, stances, min_coverage)] = np.nan
        return top_set(scores)

    full = top(codes)
    report: dict[str, Any] = {
        "quiz": quiz.id,
        "respondents": respondents,
        "seed": seed,
        "model": model,
        "method": method,
        "missing": missing,
        "salience": salience,
        "min_coverage": min_coverage,
        "parties": parties,
        "full_top_share": dict(zip(parties, _shares(full), strict=True)),
        "random_subsets": [_random_subsets(codes, full, top, size, subsets, seed, parties) for size in sizes],
        "leave_one_out": [
            {"statement": s.id, **_design(codes, full, top, [i], parties)} for i, s in enumerate(quiz.statements)
        ],
        "leave_theme_out": [
            {"theme": theme, **_design(codes, full, top, indices, parties)} for theme, indices in _themes(quiz).items()
        ],
        "decisiveness": _decisiveness(quiz, codes, full, top, seed),
        "provenance": provenance(
            quiz,
            seed=seed,
            respondents=respondents,
            model=model,
            model_options=model_options,
            k=sizes,
            subsets=subsets,
            method=method,
            missing=missing,
            salience=salience,
            min_coverage=min_coverage,
        ),
    }
    return SubsetStudy(report)


def _respondents(quiz: Quiz, model: str, n: int, seed: int, options: dict[str, Any]) -> NDArray[np.int8]:
    """The answers of `simulate`'s respondents with the same seed and model: drawn per block of
    `block_size` respondents from `default_rng([seed, block])`, as `simulate` draws them."""
    drawer, size = make_model(quiz, model, **options), block_size(len(quiz.statements))
    blocks = [
        drawer.draw(np.random.default_rng([seed, block]), min(size, n - block * size)).codes
        for block in range(-(-n // size))
    ]
    return np.concatenate(blocks)


def _check(respondents: int, sizes: list[int], subsets: int, statements: int, seed: int | None) -> None:
    problems = []
    if isinstance(respondents, bool) or not isinstance(respondents, int) or respondents < 1:
        problems.append(f"respondents must be a whole number of at least 1, got {respondents!r}")
    if isinstance(subsets, bool) or not isinstance(subsets, int) or subsets < 1:
        problems.append(f"subsets must be a whole number of at least 1, got {subsets!r}")
    for size in sizes:
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= statements:
            problems.append(f"k must be a whole number from 1 to the {statements} statements, got {size!r}")
    if len(set(sizes)) != len(sizes):
        problems.append(f"k lists a size more than once: {sizes}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        problems.append(f"seed must be a whole number of at least 0, got {seed!r}")
    if not problems and respondents * (len(sizes) * subsets + 3 * statements) > MAX_SCORINGS:
        problems.append(
            f"{respondents:,} respondents × {len(sizes) * subsets + 3 * statements:,} designs is more "
            f"than {MAX_SCORINGS:,} scorings; use fewer respondents or subsets"
        )
    if problems:
        raise SimulationError(problems)


def _shares(top: NDArray[np.bool_]) -> list[float | None]:
    """Top share per party: ties split, over respondents with a score."""
    size = top.sum(axis=1)
    scored = size > 0
    if not scored.any():
        return [None] * top.shape[1]
    weights = np.zeros(len(size))
    weights[scored] = 1.0 / size[scored]
    return [float(x) for x in (top * weights[:, None]).sum(axis=0) / scored.sum()]


def _changed(full: NDArray[np.bool_], other: NDArray[np.bool_]) -> tuple[int, int]:
    """Respondents (scored under both) whose top set differs, and how many were scored under both."""
    both = full.any(axis=1) & other.any(axis=1)
    return int((full[both] != other[both]).any(axis=1).sum()), int(both.sum())


def _design(
    codes: NDArray[np.int8], full: NDArray[np.bool_], top: Any, dropped: list[int], parties: list[str]
) -> dict[str, Any]:
    masked = codes.copy()
    masked[:, dropped] = -1
    other = top(masked)
    changed, n = _changed(full, other)
    share = changed / n if n else None
    return {
        "top_share": dict(zip(parties, _shares(other), strict=True)),
        "change": share,
        "change_interval": wilson(share, n),
    }


def _random_subsets(
    codes: NDArray[np.int8], full: NDArray[np.bool_], top: Any, size: int, count: int, seed: int, parties: list[str]
) -> dict[str, Any]:
    """`count` random subsets of `size` statements: each party's top share and the advice change,
    summarised over subsets as mean and the 2.5–97.5% range (the spread due to the selection)."""
    rng = np.random.default_rng([seed, 1, size])
    statements = codes.shape[1]
    shares, changes = [], []
    for _ in range(count):
        keep = np.zeros(statements, dtype=bool)
        keep[rng.choice(statements, size=size, replace=False)] = True
        masked = np.where(keep[None, :], codes, np.int8(-1))
        other = top(masked)
        shares.append([np.nan if s is None else s for s in _shares(other)])
        changed, n = _changed(full, other)
        changes.append(changed / n if n else np.nan)
    share_array = np.array(shares)
    return {
        "k": size,
        "subsets": count,
        "top_share": {p: _spread(share_array[:, i]) for i, p in enumerate(parties)},
        "change": _spread(np.array(changes)),
    }


def _spread(values: NDArray[np.float64]) -> dict[str, float | None]:
    present = values[~np.isnan(values)]
    if present.size == 0:
        return {"mean": None, "low": None, "high": None}
    low, high = np.quantile(present, [0.025, 0.975])
    return {"mean": float(present.mean()), "low": float(low), "high": float(high)}


def _themes(quiz: Quiz) -> dict[str, list[int]]:
    themes: dict[str, list[int]] = {}
    for i, statement in enumerate(quiz.statements):
        themes.setdefault(statement.theme, []).append(i)
    return themes


def _decisiveness(quiz: Quiz, codes: NDArray[np.int8], full: NDArray[np.bool_], top: Any, seed: int) -> dict[str, Any]:
    """Per statement: advice change when the answer is replaced by another option, or dropped."""
    k = quiz.scale.size
    rng = np.random.default_rng([seed, 2])
    rows = []
    for i, statement in enumerate(quiz.statements):
        answered = codes[:, i] >= 0
        replaced = codes.copy()
        shift = rng.integers(1, k, size=codes.shape[0])  # another option, uniformly
        replaced[:, i] = np.where(answered, (codes[:, i] + shift) % k, -1)
        dropped = codes.copy()
        dropped[:, i] = -1
        row: dict[str, Any] = {"statement": statement.id}
        for name, variant in (("replace", replaced), ("drop", dropped)):
            other = top(variant)
            both = full.any(axis=1) & other.any(axis=1) & answered
            changed = int((full[both] != other[both]).any(axis=1).sum())
            n = int(both.sum())
            share = changed / n if n else None
            row[name], row[f"{name}_interval"] = share, wilson(share, n)
        rows.append(row)
    return {"statements": rows, "most_decisive": _separated(rows)}


def _separated(rows: list[dict[str, Any]]) -> list[str]:
    """The smallest leading group of statements (by `replace`) whose every lower bound lies above
    every other statement's upper bound; empty when no group separates."""
    scored = [r for r in rows if r["replace"] is not None]
    ordered = sorted(scored, key=lambda r: -r["replace"])
    for j in range(1, len(ordered)):
        lowest_inside = min(r["replace_interval"][0] for r in ordered[:j])
        highest_outside = max(r["replace_interval"][1] for r in ordered[j:])
        if lowest_inside > highest_outside:
            return [r["statement"] for r in ordered[:j]]
    return []
