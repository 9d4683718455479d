"""VAA diagnostics: integer tallies per block of respondents, merged and turned into shares once.

Every tally is a count, so adding blocks in any order, in any number of processes or chunks,
gives the same numbers; shares are exact fractions rounded to float once at the end. Scores
enter the tallies only through comparisons with the 1e-9 tie tolerance and as micro-points
(score rounded to 1e-6 points, as integers), so floating-point noise in the last bits of a
score (which can depend on how many rows a BLAS call gets) cannot change any output.

Per respondent and method, the *top set* is every party whose score is within 1e-9 of the best
(the tied first place of `competition_ranks`); its size is the tie size. A party the coverage
rule (`coverage.ranked_mask`) leaves unranked for a respondent has no score for that respondent
in every measure (counted in `unranked`).

- top share (per party): sum over respondents of 1/tie-size if the party is in the top set,
  divided by the respondents with at least one comparable score (ties split equally, so the
  shares sum to 1). 95% interval: Wilson score interval with n = those respondents.
- bias ratio: top share × number of parties (1 = the party's fair share under the null model).
- mean score: mean over respondents for whom the party has a score.
- rank distribution: competition ranks, rank = 1 + number of parties scoring more than 1e-9
  higher; "none" where the party has no score.
- tie rate: share of respondents (with a score) whose top set has two or more parties.
- margin: best minus second-best score (0 for a tie at the top), over respondents with at
  least two scored parties. Margins are rounded to 0.01 points into a histogram, which gives
  the quantiles (inverted CDF), counts in ranges of points, and the share of close calls
  (margin below 5 points, where StemWijzer offers tie-break statements); the mean is exact.
- method sensitivity: for each pair of methods, the share of respondents whose top set is
  identical under both; Kendall's tau-b per respondent between the two methods' party scores
  (scipy.stats.kendalltau's default variant, ties by the 1e-9 tolerance, parties without a
  score under either method left out), computed exactly over the first `tau_sample`
  respondents (independent draws, so a random sample); undefined where either method ties all
  parties or fewer than two parties are scored.
- statement influence: over the first `influence_sample` respondents, the share whose top set
  changes when one statement's answer is flipped (mirrored around neutral: agree <-> disagree)
  or dropped (skipped).
- recovery (party model): share of respondents whose copied party is in the top set, ties
  split (1/tie-size), for every eps; also per origin party.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..matching.ranking import TIE_TOLERANCE
from ..matching.results import CLOSE_CALL

MICRO = 1_000_000  # scores are tallied in micro-points
MARGIN_BIN = 10_000  # micro-points per histogram bin: 0.01 points
MARGIN_BINS = 100 * MICRO // MARGIN_BIN  # 0 … 100 points
Z95 = 1.959963984540054
MARGIN_EDGES = (0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)
QUANTILES = (10, 25, 50, 75, 90)  # percent
_PIECE = 1 << 21  # elements per temporary array in the pairwise diagnostics
_TAU_PIECE = 1 << 19  # elements per party-pair difference array in `tally_taus` (cache-sized)


class Tally:
    """Integer counts for one or more blocks; `merge` adds another tally."""

    def __init__(self, parties: int, statements: int, methods: int, eps: int, pairs: int) -> None:
        P = parties
        self.n = 0
        self.top_by_size = np.zeros((methods, P, P), dtype=np.int64)  # method, tie size-1, party
        self.tie_sizes = np.zeros((methods, P + 1), dtype=np.int64)  # method, top-set size
        self.rank_counts = np.zeros((P, P + 1), dtype=np.int64)  # party, rank-1 (last: none)
        self.score_sum = np.zeros(P, dtype=np.int64)  # micro-points
        self.score_n = np.zeros(P, dtype=np.int64)
        self.margin_hist = np.zeros(MARGIN_BINS + 1, dtype=np.int64)
        self.margin_sum = 0  # micro-points
        self.same_top = np.zeros((methods, methods), dtype=np.int64)
        # per method pair: (distinct keys, counts) pieces, see `tally_tau`; `tau_table` sums them
        self.tau: list[list[tuple[NDArray[np.int64], NDArray[np.int64]]]] = [[] for _ in range(pairs)]
        self.tau_n = 0
        self.flip_change = np.zeros(statements, dtype=np.int64)
        self.drop_change = np.zeros(statements, dtype=np.int64)
        self.influence_n = 0
        self.recovery = np.zeros((eps, P, P), dtype=np.int64)  # eps, origin, tie size-1
        self.recovery_n = np.zeros((eps, P), dtype=np.int64)  # eps, origin (with a score)
        self.origin_n = np.zeros(P, dtype=np.int64)
        self.unranked = np.zeros(P, dtype=np.int64)  # respondents for whom the party is not ranked
        self.excluded = np.zeros(P, dtype=np.int64)  # … because it is on the other side of a deal-breaker
        self.dealbreaker_users = 0  # respondents who marked a deal-breaker

    def merge(self, other: Tally) -> None:
        for name, value in vars(self).items():
            if name == "tau":
                for mine, theirs in zip(self.tau, other.tau, strict=True):
                    mine.extend(theirs)
                    if len(mine) > 64:  # keep memory bounded: one piece of distinct keys
                        mine[:] = [tau_table(mine)]
            else:
                setattr(self, name, value + getattr(other, name))


# --- per-chunk tallies ------------------------------------------------------------------------


def across_parties(ufunc: np.ufunc, table: NDArray[Any], dtype: Any = None) -> NDArray[Any]:
    """`ufunc.reduce(table, axis=1)` for (respondents × parties), party column by party column:
    numpy reduces short rows about ten times slower than it combines whole columns."""
    result = table[:, 0].astype(dtype or table.dtype)
    for q in range(1, table.shape[1]):
        ufunc(result, table[:, q], out=result)
    return result


def same_sets(a: NDArray[np.bool_], b: NDArray[np.bool_]) -> int:
    """How many rows of two (respondents × parties) sets are equal."""
    differ = across_parties(np.logical_or, a != b)
    return len(differ) - int(np.count_nonzero(differ))


CODED_PARTIES = 16  # up to this many parties a top set is counted as one bit pattern (one pass, not P)


def set_codes(top: NDArray[np.bool_]) -> NDArray[np.unsignedinteger] | None:
    """Each row's set as one number, party p as bit p (up to CODED_PARTIES parties), else None:
    equal sets are equal numbers, and one `bincount` of them counts every set at once."""
    parties = top.shape[1]
    if parties > CODED_PARTIES:
        return None
    codes = np.zeros(top.shape[0], dtype=np.uint16)
    for p in range(parties):  # column by column (`np.packbits` over short rows is several times slower)
        codes |= top[:, p].astype(np.uint16) << p
    return codes


@functools.lru_cache(maxsize=CODED_PARTIES + 1)
def _code_tables(parties: int) -> tuple[NDArray[np.intp], NDArray[np.int64]]:
    """Per bit pattern: its set size, and its members (patterns × parties, 0 or 1)."""
    members = (np.arange(1 << parties)[:, None] >> np.arange(parties)) & 1
    return members.sum(axis=1), members.astype(np.int64)


def tally_top(
    tally: Tally, method: int, top: NDArray[np.bool_], codes: NDArray[np.unsignedinteger] | None = None
) -> None:
    """Count top sets by tie size, and per party its top sets by size. `codes` (`set_codes` of
    `top`), when given, count every set in one pass."""
    P = top.shape[1]
    if codes is not None:
        sets = np.bincount(codes, minlength=1 << P)  # how often each set was the top set
        size, members = _code_tables(P)
        by_size = np.zeros((P + 1, P), dtype=np.int64)
        np.add.at(by_size, size, members * sets[:, None])
        tally.tie_sizes[method] += np.bincount(size, weights=sets, minlength=P + 1).astype(np.int64)
        tally.top_by_size[method] += by_size[1:]
        return
    size = across_parties(np.add, top, np.int64)
    tally.tie_sizes[method] += np.bincount(size, minlength=P + 1)
    for p in range(P):  # per party, its top sets by size (a weighted count: no index arrays)
        in_top = np.bincount(size, weights=top[:, p], minlength=P + 1)[1:]
        tally.top_by_size[method][:, p] += in_top.astype(np.int64)


def tally_primary(tally: Tally, scores: NDArray[np.float64]) -> None:
    """Ranks, mean scores and the first-second margin of the main method's scores."""
    n, P = scores.shape
    valid = ~np.isnan(scores)
    micro = np.rint(np.where(valid, scores, 0.0) * MICRO).astype(np.int64)  # 0 where unscored
    tally.score_sum += micro.sum(axis=0)
    tally.score_n += np.count_nonzero(valid, axis=0)
    filled = np.where(valid, scores, -np.inf)
    rank = party_ranks(filled)
    tally.rank_counts += np.bincount((np.arange(P) * (P + 1) + rank - 1).ravel(), minlength=P * (P + 1)).reshape(
        P, P + 1
    )
    if P >= 2:
        first_two = top_two(filled)
        two = np.isfinite(first_two[:, 1])  # two or more scored parties
        best = np.rint(first_two[two] * MICRO).astype(np.int64)  # the same micro-points as `micro`
        margin = best[:, 0] - best[:, 1]
        tally.margin_sum += int(margin.sum())
        tally.margin_hist += np.bincount(
            np.minimum((margin + MARGIN_BIN // 2) // MARGIN_BIN, MARGIN_BINS), minlength=MARGIN_BINS + 1
        )


PAIRWISE_PARTIES = 12  # up to this many parties, ranks are counted pair by pair (faster than sorting rows)


def party_ranks(filled: NDArray[np.float64]) -> NDArray[np.int64]:
    """Each party's rank (respondents × parties): 1 + the number of parties scoring more than 1e-9
    higher; P + 1 where unscored (-inf). Few parties: counted pair by pair (P² comparisons, no
    sort); many: from `sorted_ranks`. Both give the same ranks (a test holds them to a reference)."""
    n, P = filled.shape
    if P > PAIRWISE_PARTIES:
        order, _, sorted_rank = sorted_ranks(filled)
        rank = np.empty_like(sorted_rank)
        np.put_along_axis(rank, order, sorted_rank, axis=1)
        return rank
    rank = np.ones((n, P), dtype=np.int64)
    ahead = np.empty((n, P))
    with np.errstate(invalid="ignore"):  # -inf - -inf: NaN, never ahead
        for q in range(P):
            np.subtract(filled[:, q : q + 1], filled, out=ahead)
            rank += ahead > TIE_TOLERANCE
    rank[np.isneginf(filled)] = P + 1
    return rank


def top_two(filled: NDArray[np.float64]) -> NDArray[np.float64]:
    """(respondents × 2): the best score and the second in a row sorted best first (the best again
    when it is shared; -inf where fewer than two parties are scored)."""
    best = across_parties(np.maximum, filled)
    at_best = filled == best[:, None]
    rest = across_parties(np.maximum, np.where(at_best, -np.inf, filled))
    second = np.where(across_parties(np.add, at_best, np.int64) >= 2, best, rest)
    return np.stack([best, second], axis=1)


def sorted_ranks(filled: NDArray[np.float64]) -> tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.int64]]:
    """Each row sorted best first (`order`, the sorted scores) and the rank at each sorted place:
    1 + the number of parties scoring more than 1e-9 higher; P + 1 where unscored (-inf).

    In a row sorted descending the parties more than 1e-9 above place j are a prefix. Its length
    is the start c_j of j's run of neighbours each within 1e-9 of the one before, provided the run's
    first score is itself within 1e-9 of S[j] (checked; always so unless scores differ by about
    1e-9); otherwise the prefix is counted exactly, pass by pass.
    """
    n, P = filled.shape
    order = np.argsort(-filled, axis=1, kind="stable")
    ordered = np.take_along_axis(filled, order, axis=1)
    scored = np.isfinite(ordered)
    with np.errstate(invalid="ignore"):  # -inf - -inf for unscored parties: never tied
        tied = np.zeros((n, P), dtype=bool)
        tied[:, 1:] = (ordered[:, :-1] - ordered[:, 1:]) <= TIE_TOLERANCE
        start = np.maximum.accumulate(np.where(tied, 0, np.arange(P)), axis=1)
        exact = (np.take_along_axis(ordered, start, axis=1) - ordered <= TIE_TOLERANCE) | ~scored
    rank = start + 1 if exact.all() else np.arange(1, P + 1) - _tied_ahead(ordered)
    return order, ordered, np.where(scored, rank, P + 1)


def _tied_ahead(ordered: NDArray[np.float64]) -> NDArray[np.int64]:
    """t_j = #{d ≥ 1: S[j−d] − S[j] ≤ 1e-9} in rows sorted descending (the condition holds for
    d = 1 … t_j only, so adding it for d = 1, 2, … until it holds nowhere counts t_j exactly)."""
    n, P = ordered.shape
    tied_ahead = np.zeros((n, P), dtype=np.int64)
    with np.errstate(invalid="ignore"):
        for d in range(1, P):
            tied = (ordered[:, :-d] - ordered[:, d:]) <= TIE_TOLERANCE
            if not tied.any():
                break
            tied_ahead[:, d:] += tied
    return tied_ahead


def tally_tau(tally: Tally, pair: int, a: NDArray[np.float64], b: NDArray[np.float64]) -> None:
    """Kendall tau-b ingredients per respondent, counted by (C - D, untied in a, untied in b)."""
    n, P = a.shape
    left, right = np.triu_indices(P, 1)
    pairs = len(left)
    if pairs == 0:
        return
    step = max(1, _PIECE // pairs)
    for start in range(0, n, step):
        da = a[start : start + step, left] - a[start : start + step, right]
        db = b[start : start + step, left] - b[start : start + step, right]
        both = ~(np.isnan(da) | np.isnan(db))
        sa = np.where(both, (da > TIE_TOLERANCE).astype(np.int64) - (da < -TIE_TOLERANCE), 0)
        sb = np.where(both, (db > TIE_TOLERANCE).astype(np.int64) - (db < -TIE_TOLERANCE), 0)
        concordance = (sa * sb).sum(axis=1)
        untied_a, untied_b = (sa != 0).sum(axis=1), (sb != 0).sum(axis=1)
        keys = ((concordance + pairs) * (pairs + 1) + untied_a) * (pairs + 1) + untied_b
        tally.tau[pair].append(np.unique(keys, return_counts=True))


def tally_taus(tally: Tally, scores: Sequence[NDArray[np.float64]], pairs: Sequence[tuple[int, int]]) -> None:
    """`tally_tau` for every pair of methods at once, with the very same counts: each method's
    signs of the party-pair score differences are computed once (from contiguous slices, no
    gather), and a method pair's concordance is one float32 dot product per respondent (exact:
    small whole numbers)."""
    if not pairs:
        return
    n, P = scores[0].shape
    count = P * (P - 1) // 2
    if count == 0:
        return
    step = max(1, _TAU_PIECE // count)
    d = np.empty((min(step, n), count))
    for start in range(0, n, step):
        rows = min(step, n - start)
        signs, untied, missing = [], [], []
        for x in scores:
            piece = x[start : start + rows]
            at = 0
            for i in range(P - 1):  # pairs (i, j > i) in np.triu_indices order
                np.subtract(piece[:, i : i + 1], piece[:, i + 1 :], out=d[:rows, at : at + P - 1 - i])
                at += P - 1 - i
            sign = (d[:rows] > TIE_TOLERANCE).astype(np.float32)  # NaN differences: 0
            sign -= d[:rows] < -TIE_TOLERANCE
            signs.append(sign)
            untied.append(np.count_nonzero(sign, axis=1))
            missing.append(np.isnan(piece))
        for pair, (a, b) in enumerate(pairs):
            sa, sb, untied_a, untied_b = signs[a], signs[b], untied[a], untied[b]
            if not np.array_equal(missing[a], missing[b]):  # a pair counts only where both score it
                left, right = np.triu_indices(P, 1)
                both = ~(missing[a][:, left] | missing[a][:, right] | missing[b][:, left] | missing[b][:, right])
                sa, sb = sa * both, sb * both
                untied_a, untied_b = np.count_nonzero(sa, axis=1), np.count_nonzero(sb, axis=1)
            concordance = np.einsum("ij,ij->i", sa, sb).astype(np.int64)
            keys = ((concordance + count) * (count + 1) + untied_a) * (count + 1) + untied_b
            tally.tau[pair].append(np.unique(keys, return_counts=True))


def tally_recovery(tally: Tally, eps: int, top: NDArray[np.bool_], origin: NDArray[np.int64]) -> None:
    P = top.shape[1]
    size = top.sum(axis=1)
    hit = top[np.arange(len(origin)), origin] & (size > 0)
    tally.recovery[eps] += np.bincount(origin[hit] * P + size[hit] - 1, minlength=P * P).reshape(P, P)
    tally.recovery_n[eps] += np.bincount(origin[size > 0], minlength=P)


# --- finishing: exact fractions, rounded once -------------------------------------------------


def _split_share(counts_by_size: NDArray[np.int64]) -> list[Fraction]:
    """Per party: sum over tie sizes t of count/t, exactly (counts_by_size is [t-1, party])."""
    sizes = counts_by_size.shape[0]
    lcm = math.lcm(*range(1, sizes + 1))
    return [
        Fraction(sum(int(counts_by_size[t, p]) * (lcm // (t + 1)) for t in range(sizes)), lcm)
        for p in range(counts_by_size.shape[1])
    ]


def _ratio(numerator: Fraction | int, denominator: int) -> float | None:
    return None if denominator == 0 else float(Fraction(numerator) / denominator)


def wilson(share: float | None, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for a proportion (tie-split counts treated as successes)."""
    if share is None or n == 0:
        return None
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    # At a share of 0 (or 1) the bound is exactly 0 (or 1), not a rounding error away from it.
    return (0.0 if share <= 0 else max(0.0, centre - half), 1.0 if share >= 1 else min(1.0, centre + half))


def top_shares(tally: Tally, method: int, parties: Sequence[str]) -> dict[str, float | None]:
    valid = int(tally.n - tally.tie_sizes[method, 0])
    shares = _split_share(tally.top_by_size[method])
    return {p: _ratio(s, valid) for p, s in zip(parties, shares, strict=True)}


def margin_summary(tally: Tally) -> dict[str, Any]:
    hist = tally.margin_hist
    total = int(hist.sum())
    cumulative = np.cumsum(hist)
    quantiles = {}
    for percent in QUANTILES:
        rank = -(-percent * total // 100)  # ceil, in integers: the inverted-CDF rule
        quantiles[f"p{percent}"] = None if total == 0 else int(np.searchsorted(cumulative, rank)) / 100
    bins = []
    start = 0
    for low, high in zip(MARGIN_EDGES, MARGIN_EDGES[1:], strict=False):
        end = int(high * 100) if high < 100 else MARGIN_BINS + 1
        bins.append({"from": low, "to": high, "count": int(hist[start:end].sum())})
        start = end
    close = int(hist[: int(CLOSE_CALL * 100)].sum())
    return {
        "respondents": total,
        "mean": _ratio(Fraction(tally.margin_sum, MICRO), total),
        "quantiles": quantiles,
        "histogram": bins,
        "close_call_below": CLOSE_CALL,
        "close_call_rate": _ratio(close, total),
    }


def tau_table(
    pieces: Sequence[tuple[NDArray[np.int64], NDArray[np.int64]]],
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The (distinct keys, counts) of several pieces summed: independent of how they were split."""
    if not pieces:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    keys, inverse = np.unique(np.concatenate([k for k, _ in pieces]), return_inverse=True)
    counts = np.zeros(len(keys), dtype=np.int64)
    np.add.at(counts, np.asarray(inverse).ravel(), np.concatenate([c for _, c in pieces]))
    return keys, counts


def tau_values(
    pieces: Sequence[tuple[NDArray[np.int64], NDArray[np.int64]]], parties: int
) -> tuple[NDArray[np.float64], NDArray[np.int64], int]:
    """Distinct per-respondent tau-b values in increasing order, how many respondents have each,
    and how many respondents have no tau (one method ties every party)."""
    pairs = parties * (parties - 1) // 2
    keys, counts = tau_table(pieces)
    rest, untied_b = np.divmod(keys, pairs + 1)
    concordance, untied_a = np.divmod(rest, pairs + 1)
    defined = (untied_a > 0) & (untied_b > 0)
    values = (concordance[defined] - pairs) / np.sqrt(untied_a[defined] * untied_b[defined])
    order = np.argsort(values, kind="stable")
    return values[order], counts[defined][order], int(counts[~defined].sum())


def tau_summary(pieces: Sequence[tuple[NDArray[np.int64], NDArray[np.int64]]], parties: int) -> dict[str, Any]:
    values, counts, undefined = tau_values(pieces, parties)
    total = int(counts.sum())
    summary: dict[str, Any] = {"respondents": total, "undefined": undefined}
    if total == 0:
        return summary | {"mean": None, "q1": None, "median": None, "q3": None}
    summary["mean"] = math.fsum((values * counts).tolist()) / total
    cumulative = np.cumsum(counts)
    for name, percent in (("q1", 25), ("median", 50), ("q3", 75)):
        summary[name] = float(values[int(np.searchsorted(cumulative, -(-percent * total // 100)))])
    return summary


def method_pairs(count: int) -> list[tuple[int, int]]:
    return list(combinations(range(count), 2))
