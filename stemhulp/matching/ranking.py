"""The ranking rules, written once: the tie tolerance, the top set, competition ranks and the
order of a result (ranked parties first, then the unranked), and the ranking tail of a result.

`match`, `Matcher`, the stability check, the simulation's diagnostics and the quality check all
use these: two scores within `TIE_TOLERANCE` of each other are a tie everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from .coverage import ranked_mask
from .results import Comparison, Coverage, RankEntry

TIE_TOLERANCE = 1e-9  # points: scores closer than this are equal (floating-point noise, not a lead)
SMALL_REDUCE = 256  # up to this many scores one `fmax.reduce` call is quicker than a loop over parties

# coverage, theme scores, breakdown, and each breakdown row's JSON text when prepared (else None)
Details = tuple[Coverage, Mapping[str, float | None], tuple[Comparison, ...], tuple[bytes, ...] | None]


def top_set(scores: NDArray[np.floating], ranked: NDArray[np.bool_] | None = None) -> NDArray[np.bool_]:
    """True for the parties (last axis) within `TIE_TOLERANCE` of the best score; NaN scores (and,
    when `ranked` is given, unranked parties) never belong; all False where nothing is scored."""
    scores = np.asarray(scores, dtype=np.float64)
    if ranked is not None:
        scores = np.where(ranked, scores, np.nan)
    if scores.shape[-1] == 0:
        return np.zeros(scores.shape, dtype=bool)
    if scores.size <= SMALL_REDUCE or scores.strides[-1] != scores.itemsize:
        best = np.fmax.reduce(scores, axis=-1)  # the largest score, ignoring NaN (parties not side by side: fast)
    else:
        best = scores[..., 0].copy()
        for q in range(1, scores.shape[-1]):  # column by column: numpy reduces many short rows slowly
            np.fmax(best, scores[..., q], out=best)
    return scores >= best[..., None] - TIE_TOLERANCE  # rows without any score: NaN best, nothing compares true


def competition_ranks(scores: Sequence[float | None], names: Sequence[str]) -> list[tuple[int, int | None]]:
    """(index, rank) best first: equal scores (within `TIE_TOLERANCE`) share a rank (1, 1, 3) and
    are ordered by name (the same name: in the given order); unscored entries come last with rank None."""
    present = [(s, i) for i, s in enumerate(scores) if s is not None and not math.isnan(s)]
    present.sort(key=_best_first)  # stable: equal scores keep the given order
    result: list[tuple[int, int | None]] = []
    position, count = 0, len(present)
    while position < count:
        leader = present[position][0]
        end = position + 1
        while end < count and leader - present[end][0] <= TIE_TOLERANCE:
            end += 1
        if end == position + 1:  # no tie (the usual place): nothing to order by name
            result.append((present[position][1], position + 1))
        else:
            # By name; parties of the same name in the order given (not by scores' last bits, which
            # differ with the order of additions: the browser's matcher must give the same order).
            group = sorted((i for _, i in present[position:end]), key=lambda i: (names[i], i))
            result.extend((index, position + 1) for index in group)
        position = end
    if count < len(scores):
        scored = {i for _, i in present}
        unscored = sorted((i for i in range(len(scores)) if i not in scored), key=lambda i: names[i])
        result.extend((index, None) for index in unscored)
    return result


def _best_first(item: tuple[float, int]) -> float:
    return -item[0]


def ranked_order(
    scores: Sequence[float | None],
    names: Sequence[str],
    ranked: Sequence[bool],
    excluded: Sequence[bool] | None = None,
) -> list[tuple[int, int | None]]:
    """(index, rank) best first: ranked parties by competition rank (see `competition_ranks`),
    then unranked parties with a score (highest first, rank None), then those without a score,
    and last, listed apart in the same order, the parties `excluded` by a deal-breaker (which
    are never ranked)."""
    out = list(excluded) if excluded is not None else [False] * len(scores)
    ranked_scores = [s if r and not x else None for s, r, x in zip(scores, ranked, out, strict=True)]
    order: list[tuple[int, int | None]] = [
        (i, rank) for i, rank in competition_ranks(ranked_scores, names) if rank is not None
    ]
    if len(order) == len(scores):  # everyone ranked (the usual result): nobody left to place
        return order
    placed = {i for i, _ in order}
    for group in (False, True):
        rest = [i for i in range(len(scores)) if i not in placed and out[i] == group]  # in the given order
        if rest:
            ordered = competition_ranks([scores[i] for i in rest], [names[i] for i in rest])
            order += [(rest[j], None) for j, _ in ordered]
    return order


def rank_parties(
    names: Sequence[str],
    party_ids: Sequence[str],
    totals: Sequence[float | None],
    answered: int,
    with_stance: Sequence[int],
    min_coverage: float,
    details: Callable[[int], Details],
    flags: Mapping[str, tuple[str, ...]],
    excluded_by: Sequence[tuple[str, ...]] | None = None,
) -> tuple[tuple[RankEntry, ...], NDArray[np.bool_]]:
    """The ranking tail of `match` and `Matcher.match`: which parties are ranked (the coverage rule,
    and a score, and no deal-breaker against it), and the entries in result order. `names` are
    the parties' labels (`Party.label`), in the order of `party_ids`; `details(i)` gives party
    i's coverage, theme scores, breakdown and its rows' JSON texts (or None); `flags` its profile
    flags by id; `excluded_by[i]` the deal-breakers it is on the other side of (`matching.dealbreakers`).
    Returns the entries and the ranked mask."""
    excluding = list(excluded_by) if excluded_by is not None else [()] * len(party_ids)
    excluded = [bool(found) for found in excluding]
    usable = [total is not None and not out for total, out in zip(totals, excluded, strict=True)]
    ranked = ranked_mask(answered, with_stance, min_coverage) & np.array(usable, dtype=bool)
    entries = []
    for i, rank in ranked_order(totals, names, ranked.tolist(), excluded):
        coverage, themes, comparisons, statements_json = details(i)
        entries.append(
            RankEntry(
                party_ids[i],
                names[i],
                totals[i],
                rank,
                coverage,
                themes,
                comparisons,
                ranked=bool(ranked[i]),
                flags=flags[party_ids[i]],
                excluded_by=tuple(excluding[i]),
                statements_json=statements_json,
            )
        )
    return tuple(entries), ranked
