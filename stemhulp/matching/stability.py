"""How firm is the top advice? A bootstrap over the person's own answered statements.

The statements someone answered are resampled with replacement (`RESAMPLES` times, a seed derived
from the answers, so the same answers always give the same figure); `top_share` is the share of
resamples in which the top party stays on top (ties split equally; for a shared first place,
the mean over the tied parties). `methods` says, per other
method defined on the scale, whether it gives the same top party. Only ranked parties (see
`coverage`) take part. Every resample is scored at once by `engine.weighted_scores`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from .engine import methods_scores, term_tables, weighted_scores
from .methods import METHODS, get_method, get_policy
from .results import TIE_TOLERANCE

RESAMPLES = 1000  # Monte-Carlo standard error at most 1.6 points (the share is shown in 10-point steps)


@attrs.frozen
class Stability:
    """The firmness of a result's top advice."""

    top_share: float | None  # None when no party is ranked
    resamples: int
    seed: int
    methods: Mapping[str, bool] = attrs.field(factory=dict)  # other method -> same top party

    @property
    def methods_agree(self) -> bool:
        return all(self.methods.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "top_share": self.top_share,
            "resamples": self.resamples,
            "seed": self.seed,
            "methods": dict(self.methods),
            "methods_agree": self.methods_agree,
        }


def answers_seed(row: NDArray[np.integer], weights: NDArray[np.floating]) -> int:
    """A seed fixed by the answers and their weights (32 bits of a SHA-256)."""
    digest = hashlib.sha256(
        np.asarray(row, dtype=np.int64).tobytes() + np.asarray(weights, dtype=np.float64).tobytes()
    ).digest()
    return int.from_bytes(digest[:4], "big")


def _top(scores: NDArray[np.float64], ranked: NDArray[np.bool_]) -> NDArray[np.bool_]:
    filled = np.where(ranked & ~np.isnan(scores), scores, -np.inf)
    best = filled.max(axis=-1, keepdims=True)
    return np.isfinite(filled) & (filled >= best - TIE_TOLERANCE)


def _tops(
    row: NDArray[np.integer],
    weights: NDArray[np.floating],
    tables: list[tuple[NDArray[np.float64], NDArray[np.float64], bool]],
    ranked: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """The top set under each method's (T, W, root), (methods × parties), from one product."""
    scores = methods_scores(row, tables, weights[None, :])[0]
    return _top(scores.reshape(len(tables), ranked.shape[-1]), ranked)


def assess(
    scale_size: int,
    row: NDArray[np.integer],
    weights: NDArray[np.floating],
    stances: NDArray[np.integer],
    salience: NDArray[np.floating] | None,
    method: str,
    missing: str,
    ranked: NDArray[np.bool_],
    resamples: int = RESAMPLES,
    tables: Callable[[str], tuple[NDArray[np.float64], NDArray[np.float64]]] | None = None,
) -> Stability:
    """Stability of one person's top advice. `row` and `weights` (importance included) are per
    statement, `stances` and `salience` (statements × parties), `ranked` per party. `tables`, when
    given, returns a method's prepared (T, W) for these parties (a server prepares them once)."""
    policy = get_policy(missing)
    seed = answers_seed(row, weights)

    def tables_for(name: str) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        if tables is not None:
            return tables(name)
        return term_tables(get_method(name), policy, scale_size, stances, salience)

    names = [method, *(m.name for m in METHODS if m.name != method and m.fits(scale_size))]
    term_sets = [(*tables_for(name), get_method(name).root) for name in names]
    tops_by_method = _tops(row, weights, term_sets, ranked)
    top = tops_by_method[0]
    if not top.any():
        return Stability(None, resamples, seed)
    answered = np.flatnonzero((row >= 0) & (weights > 0))
    # Resample counts: how often each answered statement is drawn in len(answered) uniform draws
    # (a multinomial, drawn as integers and counted: a third of the cost of Generator.multinomial).
    draws = np.random.default_rng(seed).integers(0, len(answered), size=(resamples, len(answered)))
    offsets = np.arange(resamples)[:, None] * len(answered)
    counts = np.bincount((draws + offsets).ravel(), minlength=resamples * len(answered))
    sampled = np.zeros((resamples, len(row)))
    sampled[:, answered] = counts.reshape(resamples, len(answered)) * weights[answered]
    T, W, root = term_sets[0]  # the method's own tables, made once
    tops = _top(weighted_scores(row, T, W, sampled, root), ranked)
    sizes = tops.sum(axis=1)
    # Ties split: each party of a resample's top set gets 1/size; with a shared first place the
    # figure is the mean over the tied parties, so a tie is never called firm.
    stays = float(np.sum((tops & top).sum(axis=1) / np.maximum(sizes, 1)) / resamples / top.sum())
    others = {name: bool(np.array_equal(other, top)) for name, other in zip(names[1:], tops_by_method[1:], strict=True)}
    return Stability(stays, resamples, seed, others)
