"""How firm is the top advice? A bootstrap over the person's own answered statements.

The statements someone answered are resampled with replacement, `RESAMPLES` times; `top_share` is
the share of resamples in which the top party stays on top (ties split equally; for a shared first
place, the mean over the tied parties). The draws are fixed (`resample_counts`: a counter-based
32-bit hash, the same for everyone who answered as many statements), so the same answers always
give the same figure, a server keeps the draws per answer count, and a browser can repeat them
exactly with 32-bit integer arithmetic. `methods` says, per other method defined on the scale,
whether it gives the same top party. Only ranked parties (see `coverage`) take part. Every resample
is scored at once, in one matrix product (the same sums as `engine.weighted_scores`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from .engine import term_tables
from .methods import METHODS, get_method, get_policy
from .ranking import top_set
from .threads import single_threaded_blas

RESAMPLES = 1000  # Monte-Carlo standard error at most 1.6 points (the share is shown in 10-point steps)
DRAWS_SEED = 2026  # the one seed of the fixed draws (reported as the stability's `seed`)
GOLDEN = 0x9E3779B9  # counters are spread by the golden-ratio constant before mixing
KEPT_DRAW_TABLES = 32  # answer counts whose draws are kept (each at most KEPT_DRAW_CELLS numbers)
KEPT_DRAW_CELLS = 1 << 17


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


def mix32(x: NDArray[np.uint32]) -> NDArray[np.uint32]:
    """MurmurHash3's 32-bit finaliser (a bijection with full avalanche), wrapping like `Math.imul`."""
    x = x ^ (x >> np.uint32(16))
    x = x * np.uint32(0x85EBCA6B)
    x = x ^ (x >> np.uint32(13))
    x = x * np.uint32(0xC2B2AE35)
    return x ^ (x >> np.uint32(16))


def draws(resamples: int, answered: int, seed: int = DRAWS_SEED) -> NDArray[np.int64]:
    """Which answered statement each draw picks, (resamples × answered): draw c = r·answered + j
    takes statement ⌊mix32(c·GOLDEN + seed mod 2³²) · answered / 2³²⌋. In JavaScript:
    `h = mix32((Math.imul(c, 0x9E3779B9) + seed) >>> 0); Math.floor(h * answered / 2 ** 32)`."""
    counter = np.arange(resamples * answered, dtype=np.uint32)
    hashed = mix32(counter * np.uint32(GOLDEN) + np.uint32(seed)).astype(np.uint64)
    return ((hashed * np.uint64(answered)) >> np.uint64(32)).astype(np.int64).reshape(resamples, answered)


def resample_counts(answered: int, resamples: int = RESAMPLES) -> NDArray[np.float64]:
    """How often each of `answered` statements is drawn in each resample (resamples × answered),
    kept for the answer counts a quiz sees (small tables only: memory stays bounded)."""
    if resamples * answered <= KEPT_DRAW_CELLS:
        return _kept_counts(answered, resamples)
    return _counts(answered, resamples)


def _counts(answered: int, resamples: int) -> NDArray[np.float64]:
    offsets = np.arange(resamples)[:, None] * answered
    picked = (draws(resamples, answered) + offsets).ravel()
    counts = np.bincount(picked, minlength=resamples * answered).reshape(resamples, answered).astype(np.float64)
    counts.flags.writeable = False
    return counts


_kept_counts = functools.lru_cache(maxsize=KEPT_DRAW_TABLES)(_counts)


MethodStack = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_], tuple[str, ...]]


def method_stack(
    scale_size: int,
    stances: NDArray[np.integer],
    salience: NDArray[np.floating] | None,
    method: str,
    missing: str,
) -> MethodStack:
    """Every method's tables side by side, the request's `method` first and then each other method
    fitting the scale: (W·T, W) as (statements, options, methods, parties), their roots, their
    names. A server makes it once for all parties (`Matcher`)."""
    policy = get_policy(missing)
    names = (method, *(m.name for m in METHODS if m.name != method and m.fits(scale_size)))
    tables = [term_tables(get_method(name), policy, scale_size, stances, salience) for name in names]
    weighted_terms = np.stack([W * T for T, W in tables], axis=2)
    weights = np.stack([W for _, W in tables], axis=2)
    return weighted_terms, weights, np.array([get_method(name).root for name in names]), names


def _scores(
    numerators: NDArray[np.float64], denominators: NDArray[np.float64], roots: Any, nothing: float = np.nan
) -> NDArray[np.float64]:
    """`engine.weighted_scores`'s last step: the mean term as a score; `nothing` where nothing counts."""
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = numerators / denominators
    np.clip(mean, 0.0, 1.0, out=mean)
    if np.ndim(roots):
        mean = np.where(roots, np.sqrt(mean), mean)
    elif roots:
        np.sqrt(mean, out=mean)
    scores = 100.0 * (1.0 - mean)
    scores[~(denominators > 0)] = nothing
    return scores


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
    stack: MethodStack | None = None,
    columns: list[int] | None = None,
) -> Stability:
    """Stability of one person's top advice. `row` and `weights` (importance included) are per
    statement, `stances` and `salience` (statements × parties), `ranked` per compared party.
    `stack`, when given, is `method_stack` made beforehand for all parties, of which `columns` are
    the compared ones (None: all); a server prepares it once."""
    if stack is None:
        stack = method_stack(scale_size, stances, salience, method, missing)
    weighted_terms, term_weights, roots, names = stack
    answered = np.flatnonzero((row >= 0) & (weights > 0))
    codes = row[answered]
    numerators, denominators = weighted_terms[answered, codes], term_weights[answered, codes]  # (n, M, P)
    if columns is not None:
        numerators, denominators = numerators[:, :, columns], denominators[:, :, columns]
    chosen = np.asarray(weights, dtype=np.float64)[answered]
    parties = numerators.shape[2]
    # The real answers under every method (one product), then the method's own top set.
    kept = np.flatnonzero(ranked)
    with single_threaded_blas():
        real_numerators = chosen @ numerators.reshape(len(answered), len(names) * parties)
        real_denominators = chosen @ denominators.reshape(len(answered), len(names) * parties)
        real = _scores(real_numerators, real_denominators, np.repeat(roots, parties))
        tops_by_method = top_set(real.reshape(len(names), parties), ranked)
        top = tops_by_method[0]
        if not top.any():
            return Stability(None, resamples, DRAWS_SEED)
        # Each resample weighs an answered statement by how often it was drawn, times its own
        # weight: numerators and denominators of every resample in one product, for the ranked
        # parties only, parties first (rows: each party's scores lie together in memory).
        sampled = resample_counts(len(answered), resamples) * chosen
        stacked = np.concatenate([numerators[:, 0, kept], denominators[:, 0, kept]], axis=1).T
        sums = stacked @ sampled.T  # (2 · ranked parties, resamples)
        tops = top_set(_scores(sums[: len(kept)], sums[len(kept) :], roots[0]).T)  # (resamples, ranked parties)
    # Ties split: each party of a resample's top set gets 1/size; with a shared first place the
    # figure is the mean over the tied parties, so a tie is never called firm.
    shares = tops[:, top[kept]].sum(axis=1) / np.maximum(tops.sum(axis=1), 1)
    stays = float(shares.sum() / resamples / top.sum())
    others = dict(zip(names[1:], (tops_by_method[1:] == top).all(axis=1).tolist(), strict=True))
    return Stability(stays, resamples, DRAWS_SEED, others)
