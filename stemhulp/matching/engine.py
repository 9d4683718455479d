"""The vectorised scoring core: (respondents × statements) answers against (statements × parties).

Every method's per-statement term depends only on the user's option and the party's option, so it
is tabulated once per statement as T[s, option, party], with weights W (missing stances filled by
the policy, party salience folded in). A score is 100·(1 − Σ w·W·T / Σ w·W), or the root of the
mean for Euclidean.

`Scorer` evaluates those sums by grouped lookup: statements are taken in groups of g, and every
combination of the g answers (skipped, each option, each option marked important) has its sums
precomputed. Scoring a respondent is one table lookup and one addition per group, for all parties
and methods at once, always in the same order, so scores are bit-identical however respondents
are chunked. One path for one respondent and for millions; memory is bounded by the chunk.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np
from numpy.typing import NDArray

from ..errors import MatchError
from ..quiz.scale import coordinate
from .methods import Method, MissingPolicy

DEFAULT_CHUNK = 65_536  # respondents scored at once: bounds memory, never changes a score


def coordinates(scale_size: int) -> NDArray[np.float64]:
    """Every option's coordinate on a k-point scale (see `scale.coordinate`)."""
    return coordinate(np.arange(scale_size), scale_size)


def term_tables(
    method: Method,
    policy: MissingPolicy,
    scale_size: int,
    party_codes: NDArray[np.integer],
    salience: NDArray[np.floating] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per-statement terms T and weights W, both (statements, options, parties)."""
    method.check_scale(scale_size)
    x = coordinates(scale_size)
    user = x[None, :, None]  # (1, k, 1)
    has_stance = party_codes >= 0  # (S, P)
    party = x[np.where(has_stance, party_codes, 0)][:, None, :]  # (S, 1, P)
    terms = np.broadcast_to(method.kernel(user, party), (party_codes.shape[0], scale_size, party_codes.shape[1]))
    fill_terms, fill_weights = policy.fill(method, x)
    stance = has_stance[:, None, :]
    T = np.where(stance, terms, fill_terms[None, :, None])
    W = np.where(stance, 1.0, fill_weights[None, :, None])
    if salience is not None:
        W = W * salience[:, None, :]
    return T.astype(np.float64), W.astype(np.float64)


MAX_TABLE_BYTES = 163_840  # one group's table: small enough to stay in the CPU's L2 cache
MAX_ROWS = 1_400  # combinations per group table: keeps building tables cheap for one respondent
TABLE_BYTES = 1 << 25  # all group tables together: a long quiz gets smaller groups (bounded memory)
CACHE_BYTES = 393_216  # the summing buffers of one block of respondents: few numpy calls, still in L2
DIGITS_BYTES = 1 << 25  # the answer digits of one block of respondents: bounded memory on long quizzes
FEW_ROWS = 64  # up to this many respondents a row number is one integer product (quicker than Horner's steps)

TermSet = tuple[NDArray[np.float64], NDArray[np.float64], bool]  # (T, W, root) of one method


@attrs.frozen
class Scorer:
    """Scores for one or more methods at once; `tables[g][combination]` holds a group's sums.

    Sums are kept once per distinct column: the denominators of parties that share their weights
    (every party, unless missing stances are excluded or salience counts) are one column, which
    nearly halves the work for one method. `numerators[m]` and `denominators` map each party back
    to its column of the sums.
    """

    tables: NDArray[np.float64] = attrs.field(eq=False)  # (groups, base**g, distinct columns)
    first: NDArray[np.float64] = attrs.field(eq=False)  # the same for the first method only
    numerators: NDArray[np.intp] = attrs.field(eq=False)  # (methods, P): column of each party's numerator
    denominators: NDArray[np.intp] = attrs.field(eq=False)  # (P,): column of each party's denominator
    first_columns: NDArray[np.intp] = attrs.field(eq=False)  # (2, P): numerator, denominator in `first`
    # (P + 1,): the columns counting answers with a party's stance, then all answers; empty when
    # every party has every stance; None when built without stances
    counts: NDArray[np.intp] | None = attrs.field(eq=False)
    first_counts: NDArray[np.intp] | None = attrs.field(eq=False)  # the same in `first`
    powers: NDArray[np.int32] = attrs.field(eq=False)  # (g,): digit j counts base**(g-1-j)
    group: int
    options: int
    important: bool  # digits include "option, marked important" (weight 2)
    roots: tuple[bool, ...]
    parties: int
    clip: bool = True  # clip the mean term to [0, 1]; needless when every term is (see `build`)
    # Per `only_first`: the picks of each method's columns (`_pick`), worked out on first use.
    _picks: dict[bool, list[tuple[Pick, Pick]]] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    # (groups,): each group's first row in the group tables stacked
    _starts: NDArray[np.int32] = attrs.field(init=False, eq=False, repr=False)

    # The digit base and the sum of the place values (every digit's +1), as Python integers
    _base: int = attrs.field(init=False, eq=False, repr=False)
    _offset: int = attrs.field(init=False, eq=False, repr=False)

    @_starts.default
    def _group_starts(self) -> NDArray[np.int32]:
        groups, rows_per_group = self.tables.shape[:2]
        return (np.arange(groups) * rows_per_group).astype(np.int32)

    @_base.default
    def _digit_base(self) -> int:
        return int(self.powers[-2]) if self.group > 1 else 1

    @_offset.default
    def _place_sum(self) -> int:
        return int(self.powers.sum())

    @classmethod
    def build(
        cls,
        term_sets: Sequence[TermSet],
        *,
        weights: NDArray[np.floating] | None = None,
        important: bool = False,
        stances: NDArray[np.integer] | None = None,
    ) -> Scorer:
        """Tables for the methods' (T, W, root), all sharing W; `weights` are per statement.

        With `stances` (statements × parties, -1 for none) the tables also count, per party, the
        answered statements it has a stance on, and the answered statements (weight above 0, an
        important mark counting once): the coverage rule then costs a column or two of the same
        lookups, not a pass of its own."""
        if not term_sets:
            raise MatchError("at least one method is needed")
        weights_table = term_sets[0][1]
        statements, options, parties = weights_table.shape
        all_columns = np.concatenate([*(W * T for T, W, _ in term_sets), weights_table], axis=2)
        if weights is not None:
            all_columns *= np.asarray(weights, dtype=float)[:, None, None]
        rows = _digit_rows(all_columns, important)
        del all_columns  # a long quiz's tables are built within a few copies of its rows, not more
        # The group size comes from the score columns alone, so counting coverage never changes a
        # score's order of additions (scores are the same bits with and without `stances`).
        group = _group_size(statements, rows.shape[1], len(_distinct_indices(rows)[0]))
        # Where every party has a stance on every statement, a party's count is the answered count
        # and the rule only asks for an answer, which a comparable score has already: no columns.
        counting = stances is not None and not bool((np.asarray(stances) >= 0).all())
        if counting and stances is not None:
            rows = np.concatenate([rows, _count_rows(stances, weights, rows.shape[1])], axis=2)
        distinct, where = _distinct_columns(rows)
        methods = len(term_sets)
        first_kept = [*range(parties), *range(methods * parties, rows.shape[2])]
        first_rows = None if methods == 1 else rows[:, :, first_kept]
        del rows
        tables, powers, _ = _group_tables(distinct, group)
        del distinct
        if first_rows is None:  # the first method is all there is
            first, first_where = tables, where
        else:
            first_distinct, first_where = _distinct_columns(first_rows)
            first, _, _ = _group_tables(first_distinct, group)  # the same digits
        no_counts = np.zeros(0, dtype=np.intp)
        counts = None if stances is None else where[(methods + 1) * parties :] if counting else no_counts
        first_counts = None if stances is None else first_where[2 * parties :] if counting else no_counts
        return cls(
            tables,
            first,
            where[: methods * parties].reshape(methods, parties),
            where[methods * parties : (methods + 1) * parties],
            first_where[: 2 * parties].reshape(2, parties),
            counts,
            first_counts,
            powers,
            group,
            options,
            important,
            tuple(root for _, _, root in term_sets),
            parties,
            # Terms in [0, 1] and weights >= 0 make every numerator <= its denominator, term by term
            # and (rounding being monotone) sum by sum, so the mean is in [0, 1] without a clip.
            clip=not all((T >= 0).all() and (T <= 1).all() and (W >= 0).all() for T, W, _ in term_sets)
            or (weights is not None and bool((np.asarray(weights) < 0).any())),
        )

    def score(
        self,
        codes: NDArray[np.integer],
        important: NDArray[np.bool_] | None = None,
        methods: int | None = None,
        out: Sequence[NDArray[np.float64]] | None = None,
        min_coverage: float = 0.0,
    ) -> list[NDArray[np.float64]]:
        """Scores 0–100 (respondents × parties) for every method, or the first only (`methods=1`);
        NaN where nothing is comparable, and with `min_coverage` above 0 also where the party is
        not ranked (`coverage.ranked_mask`; the scorer must be built with `stances`). With `out`,
        scores are written into those arrays."""
        if important is not None and not self.important:
            raise MatchError("this scorer was built without important statements")
        only_first = methods == 1
        counts = self.first_counts if only_first else self.counts
        if min_coverage > 0 and counts is None:
            raise MatchError("this scorer was built without stances, so it cannot apply min_coverage")
        tables = self.first if only_first else self.tables
        count = 1 if only_first else len(self.roots)
        respondents = codes.shape[0]
        results = list(out) if out is not None else [np.empty((respondents, self.parties)) for _ in range(count)]
        # Rows are summed in small blocks whose buffers stay in the CPU cache (several times
        # faster than one large block); each row's arithmetic is the same whatever the block. On a
        # long quiz the digits buffer (4 bytes per statement and row) bounds the block instead.
        step = max(64, min(CACHE_BYTES // (8 * tables.shape[2]), DIGITS_BYTES // (4 * tables.shape[0] * self.group)))
        sums = np.empty((min(step, respondents), tables.shape[2]))
        gathered = None  # the large blocks' buffer, made when one comes
        digits = np.full((len(sums), tables.shape[0] * self.group), -1, dtype=np.int32)
        picks = self._picks.get(only_first)
        if picks is None:
            picks = self._picks[only_first] = [
                (
                    _pick(self.first_columns[0] if only_first else self.numerators[m]),
                    _pick(self.first_columns[1] if only_first else self.denominators),
                )
                for m in range(count)
            ]
        groups, rows_per_group, columns = tables.shape
        flat = tables.reshape(groups * rows_per_group, columns)  # the group tables stacked
        rule = None if min_coverage <= 0 or counts is None or not counts.size else _CoverageRule(counts, min_coverage)
        for start in range(0, respondents, step):
            stop = min(start + step, respondents)
            block_important = None if important is None else important[start:stop]
            index = self._index(codes[start:stop], block_important, digits)
            block_sums = sums[: stop - start]
            if len(block_sums) * groups * columns * 8 <= CACHE_BYTES:
                # A few respondents (one, for a server): every group's row in one gather, summed
                # in group order (the same additions as the loop below).
                np.add.reduce(np.take(flat, index + self._starts, axis=0, mode="clip"), axis=1, out=block_sums)
            else:
                gathered = np.empty_like(sums) if gathered is None else gathered
                buffer = gathered[: stop - start]
                np.take(tables[0], index[:, 0], axis=0, out=block_sums, mode="clip")  # indices are in range
                for g in range(1, groups):
                    np.take(tables[g], index[:, g], axis=0, out=buffer, mode="clip")
                    block_sums += buffer
            for m, (numerator, denominator) in enumerate(picks):
                _finish(block_sums, numerator, denominator, self.roots[m], results[m][start:stop], self.clip)
            if rule is not None:
                rule.apply(block_sums, [r[start:stop] for r in results])
        return results

    def _index(
        self, codes: NDArray[np.integer], important: NDArray[np.bool_] | None, digits: NDArray[np.int32]
    ) -> NDArray[np.int32]:
        """Each respondent's row in every group table: its answers as digits of base `base`.

        Digits are 1 + the option (0 = skipped, and the padding), plus k when marked important; a
        row number is read off its group's digits, one digit place at a time (Horner), in integer
        arithmetic over all groups at once, or for a few respondents as one integer product with the
        place values (the same integers): no BLAS, so no thread pool in the hot path. `digits` is
        a buffer of at least as many rows, its columns past the statements -1 (the padding)."""
        respondents, statements = codes.shape
        block = digits[:respondents]
        if important is None:
            np.copyto(block[:, :statements], codes, casting="unsafe")
        else:
            marks = np.multiply(important & (codes >= 0), self.options, dtype=codes.dtype)
            np.add(codes, marks, out=block[:, :statements], casting="unsafe")
        places = block.reshape(respondents, -1, self.group)
        if respondents <= FEW_ROWS:  # a few people (a server's one): the place values in one product
            rows: NDArray[np.int32] = places @ self.powers
            rows += self._offset  # the +1 of every digit
            return rows
        rows = places[:, :, 0].copy()
        base = self._base
        for j in range(1, self.group):
            rows *= base
            rows += places[:, :, j]
        rows += self._offset  # the +1 of every digit
        return rows


Pick = slice | NDArray[np.intp]


def _pick(columns: NDArray[np.intp]) -> Pick:
    """How to take these columns of the sums: a slice (a view, no copy) where they are one repeated
    column or a run of columns, else the index array. Worked out once per `score` call."""
    first = int(columns[0])
    if (columns == first).all():
        return slice(first, first + 1)  # broadcasts over the parties
    if (columns == np.arange(first, first + len(columns))).all():
        return slice(first, first + len(columns))
    return columns


def _finish(
    sums: NDArray[np.float64], numerator: Pick, denominator: Pick, root: bool, out: NDArray[np.float64], clip: bool
) -> None:
    """One method's scores from the summed numerator and denominator columns of each party."""
    below = sums[:, denominator] if isinstance(denominator, slice) else np.take(sums, denominator, axis=1)
    above = sums[:, numerator] if isinstance(numerator, slice) else np.take(sums, numerator, axis=1)
    weighed = below > 0
    if weighed.all():
        np.divide(above, below, out=out)
    else:  # where nothing weighs there is no score: NaN, quietly through the steps below
        out.fill(np.nan)
        np.divide(above, below, out=out, where=weighed)
    if clip:
        np.clip(out, 0.0, 1.0, out=out)  # the mean term
    if root:
        np.sqrt(out, out=out)
    np.subtract(1.0, out, out=out)
    out *= 100.0


def _distinct_columns(columns: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """The distinct columns of (statements, options, columns), first occurrences in order, and
    for every original column the index of its distinct copy."""
    keep, where = _distinct_indices(columns)
    return columns[:, :, keep], where


def _distinct_indices(columns: NDArray[np.float64]) -> tuple[list[int], NDArray[np.intp]]:
    """`_distinct_columns` without the copy: which columns to keep, and where each one went."""
    flat = columns.reshape(-1, columns.shape[2])
    first_seen: dict[bytes, int] = {}
    keep: list[int] = []
    where = np.empty(flat.shape[1], dtype=np.intp)
    for c in range(flat.shape[1]):
        key = np.ascontiguousarray(flat[:, c]).tobytes()
        if key not in first_seen:
            first_seen[key] = len(keep)
            keep.append(c)
        where[c] = first_seen[key]
    return keep, where


def _digit_rows(columns: NDArray[np.float64], important: bool) -> NDArray[np.float64]:
    """(statements, base, columns): each statement's row of sums for every digit. Digit 0:
    skipped; 1 … k: option d-1; k+1 … 2k: option d-k-1 marked important (×2)."""
    statements, options, count = columns.shape
    rows = np.empty((statements, 1 + options * (2 if important else 1), count))
    rows[:, 0] = 0.0
    rows[:, 1 : 1 + options] = columns
    if important:
        np.multiply(columns, 2.0, out=rows[:, 1 + options :])
    return rows


def _count_rows(stances: NDArray[np.integer], weights: NDArray[np.floating] | None, base: int) -> NDArray[np.float64]:
    """(statements, base, parties + 1): per digit, 1 where the statement is answered and the party
    has a stance on it, and a last column of 1 where it is answered; an important mark counts
    once, and a statement of weight 0 counts as not answered (the coverage rule)."""
    counted = np.ones(stances.shape[0]) if weights is None else (np.asarray(weights) > 0).astype(float)
    per_answer = np.concatenate([(stances >= 0) * counted[:, None], counted[:, None]], axis=1)
    rows = np.broadcast_to(per_answer[:, None, :], (stances.shape[0], base, per_answer.shape[1])).copy()
    rows[:, 0, :] = 0.0  # skipped
    return rows


class _CoverageRule:
    """The coverage rule (`coverage.ranked_mask`) on a block's summed counts, for every method's
    scores at once; computed on the distinct count columns only (usually one or two)."""

    def __init__(self, counts: NDArray[np.intp], min_coverage: float) -> None:
        self.distinct, self.party_of = np.unique(counts[:-1], return_inverse=True)
        self.answered = int(counts[-1])
        self.min_coverage = min_coverage

    def apply(self, sums: NDArray[np.float64], results: Sequence[NDArray[np.float64]]) -> None:
        from .coverage import ranked_mask

        ranked = ranked_mask(sums[:, self.answered], sums[:, self.distinct], self.min_coverage)
        if ranked.all():
            return
        unranked = ~ranked[:, self.party_of]
        for scores in results:
            np.copyto(scores, np.nan, where=unranked)


def _group_size(statements: int, base: int, columns: int) -> int:
    """Statements per group: as many as keep a group's table within the cache and all tables
    within TABLE_BYTES."""
    group = 1
    while (
        base ** (group + 1) <= MAX_ROWS
        and base ** (group + 1) * columns * 8 <= MAX_TABLE_BYTES
        and group + 1 <= max(statements, 1)
        and -(-statements // (group + 1)) * base ** (group + 1) * columns * 8 <= TABLE_BYTES
    ):
        group += 1
    return group


def _group_tables(
    per_statement: NDArray[np.float64], group: int | None = None
) -> tuple[NDArray[np.float64], NDArray[np.int32], int]:
    """Per group of g statements (as many as fit the cache, or `group`), the summed row of every
    combination of their digits; `per_statement` is (statements, base, columns) (`_digit_rows`)."""
    statements, base, columns = per_statement.shape
    if group is None:
        group = _group_size(statements, base, columns)
    groups = -(-statements // group)
    digits = np.indices((base,) * group).reshape(group, -1)  # all combinations, last digit fastest
    powers = (base ** np.arange(group - 1, -1, -1)).astype(np.int32)
    tables = np.zeros((groups, base**group, columns))
    for j in range(group):  # a fixed order of additions, all groups at once
        # Statement j of every group (the last group padded with all-zero statements), no copy.
        statement_j = per_statement[j::group]
        tables[: len(statement_j)] += statement_j[:, digits[j]]
    return tables, powers, group


def score_codes(
    codes: NDArray[np.integer],
    T: NDArray[np.float64],
    W: NDArray[np.float64],
    *,
    weights: NDArray[np.floating] | None = None,
    important: NDArray[np.bool_] | None = None,
    root: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
    stances: NDArray[np.integer] | None = None,
    min_coverage: float = 0.0,
) -> NDArray[np.float64]:
    """Scores 0–100 (respondents × parties) of one method; NaN where nothing is comparable.

    `weights` are the user's per-statement weights; `important` (respondents × statements)
    doubles a statement. With `stances` and `min_coverage` above 0, also NaN where the party is
    not ranked (the coverage rule, counted in the same pass). Respondents are scored a chunk at
    a time.
    """
    scorer = Scorer.build([(T, W, root)], weights=weights, important=important is not None, stances=stances)
    out = np.empty((codes.shape[0], T.shape[2]))
    for start in range(0, codes.shape[0], chunk_size):
        stop = min(start + chunk_size, codes.shape[0])
        chunk_important = None if important is None else important[start:stop]
        scorer.score(codes[start:stop], chunk_important, out=[out[start:stop]], min_coverage=min_coverage)
    return out


def coverage(codes: NDArray[np.integer], party_codes: NDArray[np.integer]) -> tuple[NDArray, NDArray]:
    """Per respondent: statements answered, and per party how many of those it has a stance on."""
    answered = codes >= 0
    # An integer product: exact, and numpy runs it without BLAS (no thread pool behind the caller's back).
    with_stance = answered.astype(np.int64) @ (party_codes >= 0).astype(np.int64)
    return answered.sum(axis=1), with_stance


def weighted_scores(
    row: NDArray[np.integer],
    T: NDArray[np.float64],
    W: NDArray[np.float64],
    weights: NDArray[np.floating],
    root: bool = False,
) -> NDArray[np.float64]:
    """One respondent's answers (`row`, one per statement) scored under many statement-weight
    vectors at once (`weights`, resamples × statements): (resamples × parties), NaN where nothing
    is comparable. Row r equals `score_codes(row, T, W, weights=weights[r], root=root)`; the
    bootstrap of the advice's stability uses it for hundreds of resamples in one product."""
    return methods_scores(row, [(T, W, root)], weights)


def methods_scores(
    row: NDArray[np.integer], term_sets: Sequence[TermSet], weights: NDArray[np.floating]
) -> NDArray[np.float64]:
    """`weighted_scores` for several methods' (T, W, root) side by side in one product:
    (resamples × methods · parties), method after method."""
    answered = np.flatnonzero(row >= 0)
    picked = row[answered]
    numerators = np.concatenate([W[answered, picked, :] * T[answered, picked, :] for T, W, _ in term_sets], axis=1)
    denominators = np.concatenate([W[answered, picked, :] for _, W, _ in term_sets], axis=1)
    chosen = np.asarray(weights, dtype=float)[:, answered]
    denominator = chosen @ denominators
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.clip((chosen @ numerators) / denominator, 0.0, 1.0)
    roots = np.repeat([root for _, _, root in term_sets], term_sets[0][1].shape[2])
    scores = 100.0 * (1.0 - np.where(roots, np.sqrt(mean), mean))
    scores[~(denominator > 0)] = np.nan
    return scores
