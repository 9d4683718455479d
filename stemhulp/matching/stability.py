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
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from .engine import term_tables
from .methods import METHODS, get_method, get_policy
from .ranking import TIE_TOLERANCE, top_set
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
    kept for the answer counts a quiz sees (small tables only: memory stays bounded). The array
    is a view of a statement-major table (its `.T` is C-contiguous: the product's layout)."""
    if resamples * answered <= KEPT_DRAW_CELLS:
        return _kept_counts(answered, resamples)
    return _counts(answered, resamples)


def _counts(answered: int, resamples: int) -> NDArray[np.float64]:
    offsets = np.arange(resamples)[:, None] * answered
    picked = (draws(resamples, answered) + offsets).ravel()
    counts = np.bincount(picked, minlength=resamples * answered).reshape(resamples, answered)
    by_statement = counts.T.astype(np.float64)  # C order: (answered, resamples)
    by_statement.flags.writeable = False
    return by_statement.T


_kept_counts = functools.lru_cache(maxsize=KEPT_DRAW_TABLES)(_counts)


@attrs.frozen
class MethodStack:
    """Every method's tables side by side (`method_stack`), and what holds everywhere for the
    first method's weights, so a request need not check it again."""

    sums: NDArray[np.float64] = attrs.field(eq=False)  # (statements, options, methods, 2, parties): W·T, W
    roots: NDArray[np.bool_] = attrs.field(eq=False)  # per method: whether its score takes the root
    names: tuple[str, ...]
    alike: bool  # the first method weighs every party alike, on every statement and option
    weighted: bool  # and every weight is above 0


def method_stack(
    scale_size: int,
    stances: NDArray[np.integer],
    salience: NDArray[np.floating] | None,
    method: str,
    missing: str,
) -> MethodStack:
    """Every method's tables side by side, the request's `method` first and then each other method
    fitting the scale: (W·T, W) as (statements, options, methods, 2, parties), their roots, their
    names, so one lookup gathers an answer's sums for every method. A server makes it once for
    all parties (`Matcher`)."""
    policy = get_policy(missing)
    names = (method, *(m.name for m in METHODS if m.name != method and m.fits(scale_size)))
    tables = [term_tables(get_method(name), policy, scale_size, stances, salience) for name in names]
    sums = np.stack([np.stack([W * T, W], axis=2) for T, W in tables], axis=2)
    first_weights = tables[0][1]
    return MethodStack(
        sums,
        np.array([get_method(name).root for name in names]),
        names,
        alike=bool((first_weights == first_weights[..., :1]).all()),
        weighted=bool((first_weights > 0).all()),
    )


def _scores(
    numerators: NDArray[np.float64], denominators: NDArray[np.float64], roots: Any, nothing: float = np.nan
) -> NDArray[np.float64]:
    """`engine.weighted_scores`'s last step: the mean term as a score; `nothing` where nothing counts."""
    mean = np.full(numerators.shape, np.nan)
    np.divide(numerators, denominators, out=mean, where=denominators > 0)
    np.minimum(np.maximum(mean, 0.0, out=mean), 1.0, out=mean)  # a clip (NaN stays NaN), without np.clip's wrapper
    if np.ndim(roots):
        mean = np.where(roots, np.sqrt(mean), mean)
    elif roots:
        np.sqrt(mean, out=mean)
    scores = 100.0 * (1.0 - mean)
    if nothing == nothing:  # not NaN: put it where nothing counts
        scores[~(denominators > 0)] = nothing
    return scores


def _resampled_tops(
    sums: NDArray[np.float64],
    chosen: NDArray[np.float64],
    root: bool,
    resamples: int,
    alike: bool = False,
    weighted: bool = False,
) -> NDArray[np.bool_]:
    """(parties × resamples): whether each party is in a resample's top set. `sums` holds the
    answered statements' (W·T, W) of the ranked parties, (answered, 2, parties); each resample
    weighs a statement by how often it was drawn times its own weight: one product for all.
    `alike` and `weighted`, when known for the whole table (`MethodStack`), spare their checks."""
    answered, _, parties = sums.shape
    numerators, denominators = sums[:, 0], sums[:, 1]
    # The usual case: every party weighs alike
    shared = alike or bool((denominators == denominators[:, :1]).all())
    if shared and sums.flags.c_contiguous:
        rows = sums.reshape(answered, 2 * parties)[:, : parties + 1] * chosen[:, None]  # numerators, one denominator
    else:
        weighing = denominators[:, :1] if shared else denominators
        rows = np.concatenate([numerators, weighing], axis=1) * chosen[:, None]
    totals = rows.T @ resample_counts(answered, resamples).T  # (parties + 1 or 2·parties, resamples)
    above, below = totals[:parties], totals[parties:]
    # A resample draws `answered` statements; where each has a weight above 0 for every party, no
    # resample is without one, and no score is NaN.
    every_weighted = weighted or bool((rows[:, parties:] > 0).all())
    # A score is 100·(1 − mean term), or of its root: the top set is the parties within
    # TIE_TOLERANCE points of the least mean. With one denominator per resample the numerators
    # alone order the parties (means of terms in [0, 1] need no clip: see `engine.Scorer`).
    if shared and not root:
        bound = np.fmin.reduce(above, axis=0)
        bound += below[0] * (TIE_TOLERANCE / 100.0)
        tops: NDArray[np.bool_] = above <= bound  # comparisons with NaN are False, and quiet
        if not every_weighted:
            tops &= below > 0
        return tops
    means = np.full((parties, resamples), np.nan)
    np.divide(above, below, out=means, where=below > 0)
    np.clip(means, 0.0, 1.0, out=means)
    if root:
        np.sqrt(means, out=means)
    least = np.fmin.reduce(means, axis=0)  # NaN only where nobody has a score
    in_top: NDArray[np.bool_] = means <= least + TIE_TOLERANCE / 100.0
    return in_top


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
    the compared ones (None: all), and `stances` and `salience` are not read; a server prepares it once."""
    if stack is None:
        stack = method_stack(scale_size, stances, salience, method, missing)
    return assess_many(stack, [Assessed(row, weights, ranked, columns)], resamples)[0]


@attrs.frozen
class Assessed:
    """One person for `assess_many`: answer codes and weights per statement, the ranked mask of
    the compared parties, and which of the stack's parties those are (None: all)."""

    row: NDArray[np.integer] = attrs.field(eq=False)
    weights: NDArray[np.floating] = attrs.field(eq=False)
    ranked: NDArray[np.bool_] = attrs.field(eq=False)
    columns: list[int] | None = None


def assess_many(stack: MethodStack, people: Sequence[Assessed], resamples: int = RESAMPLES) -> list[Stability]:
    """`assess` for several people with one method stack, each figure the same as alone: every
    person's real answers are summed under every method on their own, and the scores and top
    sets of all of them are worked out together (element by element: the same numbers)."""
    table, roots, names = stack.sums, stack.roots, stack.names
    gathered = []
    with single_threaded_blas():
        for person in people:
            row, weights = person.row, person.weights
            answered = ((row >= 0) & (weights > 0)).nonzero()[0]
            chosen = np.asarray(weights, dtype=np.float64)[answered]
            sums = table[answered, row[answered]]  # (answered, methods, 2, parties)
            if person.columns is not None:
                sums = sums[..., person.columns]
            # The real answers under every method (one product)
            parties = sums.shape[-1]
            real = (chosen @ sums.reshape(len(answered), len(names) * 2 * parties)).reshape(len(names), 2, parties)
            gathered.append((chosen, sums, real))
        # Every method's top set for everyone at once; parties a person did not compare are padding
        # that weighs nothing (no score) and is never ranked.
        if len(people) == 1:  # one person (a server's lone request, `assess`): no padding
            reals, ranks = gathered[0][2][None], people[0].ranked[None, None]
        else:
            widest = max(real.shape[-1] for _, _, real in gathered)
            reals = np.zeros((len(people), len(names), 2, widest))
            ranks = np.zeros((len(people), 1, widest), dtype=bool)
            for i, (person, (_, _, real)) in enumerate(zip(people, gathered, strict=True)):
                reals[i, ..., : real.shape[-1]] = real
                ranks[i, 0, : real.shape[-1]] = person.ranked
        tops_by_method = top_set(_scores(reals[:, :, 0], reals[:, :, 1], roots[:, None]), ranks)
        return [
            _stability(stack, chosen, sums, person.ranked, tops_by_method[i, :, : real.shape[-1]], resamples)
            for i, (person, (chosen, sums, real)) in enumerate(zip(people, gathered, strict=True))
        ]


def _stability(
    stack: MethodStack,
    chosen: NDArray[np.float64],
    sums: NDArray[np.float64],
    ranked: NDArray[np.bool_],
    tops_by_method: NDArray[np.bool_],
    resamples: int,
) -> Stability:
    """One person's figure from their answered statements' sums and every method's top set."""
    top = tops_by_method[0]
    if not top.any():
        return Stability(None, resamples, DRAWS_SEED)
    kept = ranked.nonzero()[0]
    tops = _resampled_tops(sums[:, 0][:, :, kept], chosen, bool(stack.roots[0]), resamples, stack.alike, stack.weighted)
    # Ties split: each party of a resample's top set gets 1/size; with a shared first place the
    # figure is the mean over the tied parties, so a tie is never called firm.
    leaders = top[kept].nonzero()[0]  # the top parties among the ranked (top parties are ranked)
    mine = tops[leaders[0]] if len(leaders) == 1 else tops[leaders].sum(axis=0)
    shares = mine / np.maximum(np.add.reduce(tops, axis=0, dtype=np.int16), 1)  # top-set sizes (parties < 2¹⁵)
    stays = float(shares.sum() / resamples / len(leaders))
    others = dict(zip(stack.names[1:], (tops_by_method[1:] == top).all(axis=1).tolist(), strict=True))
    return Stability(stays, resamples, DRAWS_SEED, others)
