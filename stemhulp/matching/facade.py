"""The public API: `match` for one person's answers, `match_many` for a batch of coded answers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import AnswersError, MatchError
from ..formats.answers import canonical_answers, check_ids
from ..formats.numbers import real_within, shown
from ..formats.where import Where
from ..limits import MAX_WEIGHT
from ..quiz.model import Quiz, Statement
from ..quiz.profiles import party_profile
from .arguments import check_codes, check_many_arguments, check_match_arguments, id_list
from .coverage import check_min_coverage, ranked_mask
from .dealbreakers import excluded_mask, excluding_statements
from .engine import DEFAULT_CHUNK, Scorer, coverage, score_codes
from .methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING, MethodName, PolicyName
from .ranking import rank_parties
from .results import Comparison, Coverage, MatchResult, row_maker
from .stability import assess
from .tables import method_tables, party_codes, salience_matrix


def _weight_for(weights: Mapping[str, float] | None, quiz: Quiz) -> dict[str, float]:
    if weights is None:
        return {}
    problems, result = [], {}
    for key, value in weights.items():
        at = Where("weights") / str(key)
        if str(key) not in quiz.statement_by_id:
            problems.append(f"{at}: unknown statement id {str(key)!r}")
        elif not real_within(value, 0, MAX_WEIGHT):
            problems.append(f"{at}: weight must be a non-negative number, got {shown(value)}")
        else:
            result[str(key)] = float(value)
    if problems:
        raise MatchError(problems)
    return result


def match(
    quiz: Quiz,
    answers: Mapping[str, str],
    *,
    important: Iterable[str] = (),
    weights: Mapping[str, float] | None = None,
    parties: Iterable[str] | None = None,
    method: MethodName = DEFAULT_METHOD,
    missing: PolicyName = DEFAULT_MISSING,
    salience: bool = False,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    municipality: str | None = None,
    dealbreakers: Iterable[str] = (),
) -> MatchResult:
    """Score one person's answers ({statement_id: word}) against the quiz's parties.

    Words are scale options, 'skip', or the Dutch words; `important` statements count double,
    `weights` multiply per statement; `parties` restricts the comparison. Answered tie-break
    statements count like any other statement. A party with a stance on fewer than
    `min_coverage` of the answered statements keeps its score but is not ranked (listed after
    the ranked parties). `result.stability` says how firm the top advice is. `municipality`
    compares that municipality's programmes (all of them, or those of `parties` within it).
    A party on the other side of one of the `dealbreakers` statements is excluded: not ranked,
    listed last with the statements named (`entry.excluded_by`); the other scores do not change.
    """
    parties = municipality_parties(quiz, municipality, parties)
    important, parties = check_match_arguments(quiz, answers, important, weights, parties, method, missing, salience)
    dealbreaker_ids = _dealbreaker_ids(quiz, dealbreakers)
    min_coverage = check_min_coverage(min_coverage)
    codes, important_ids, party_ids = _checked_request(quiz, answers, important, parties)
    statement_weights = _weight_for(weights, quiz)
    statements = [*quiz.statements, *quiz.tiebreak_statements]
    method_record, T, W, stances = method_tables(quiz, statements, party_ids, method, missing, salience)

    row = np.array([[-1 if codes.get(s.id) is None else codes[s.id] for s in statements]])
    marked = np.array([[s.id in important_ids for s in statements]])
    base = np.array([statement_weights.get(s.id, 1.0) for s in statements])
    themes = list(dict.fromkeys(s.theme for s in statements if codes.get(s.id) is not None))
    # The whole quiz, then each theme alone (its statements keep their weight, others get 0).
    masks = [np.ones(len(statements))] + [np.array([float(s.theme == t) for s in statements]) for t in themes]
    scores = np.vstack(
        [score_codes(row, T, W, weights=mask * base, important=marked, root=method_record.root) for mask in masks]
    )
    answered, with_stance = coverage(np.where(base > 0, row, -1), stances)  # weight 0: not answered
    dealbreaker_marks = np.array([s.id in dealbreaker_ids for s in statements])
    excluding = excluding_statements(row[0], dealbreaker_marks, stances, quiz.scale.size)
    totals = [_score(scores[0, p]) for p in range(len(party_ids))]
    breakdowns = _breakdowns(quiz, statements, row[0], stances, party_ids, important_ids)
    ranking, ranked = rank_parties(
        [quiz.party_by_id[p].label() for p in party_ids],
        party_ids,
        totals,
        int(answered[0]),
        with_stance[0].tolist(),
        min_coverage,
        lambda p: (
            Coverage(int(answered[0]), int(with_stance[0, p])),
            {theme: _score(scores[1 + t, p]) for t, theme in enumerate(themes)},
            breakdowns[p],
            None,
        ),
        {p: profile.flags for p, profile in party_profile(quiz).items()},
        [tuple(statements[s].id for s in found) for found in excluding],
    )
    user_weights = base * np.where(marked[0], 2.0, 1.0)
    firmness = assess(
        quiz.scale.size,
        row[0],
        user_weights,
        stances,
        salience_matrix(quiz, statements, party_ids) if salience else None,
        method_record.name,
        missing,
        ranked,
    )
    return MatchResult(
        quiz.id,
        method_record.name,
        missing,
        salience,
        ranking,
        min_coverage,
        firmness,
        quiz.fingerprint,
        tuple(dealbreaker_ids),
    )


def _dealbreaker_ids(quiz: Quiz, dealbreakers: Iterable[str]) -> list[str]:
    """The deal-breaker statement ids, deduplicated in their order; an `AnswersError` naming an unknown one."""
    ids, problems = check_ids(
        id_list(dealbreakers, "dealbreakers", none_means=[]), quiz.statement_by_id, Where("dealbreakers"), "statements"
    )
    if problems:
        raise AnswersError(problems)
    return list(dict.fromkeys(ids))


def municipality_parties(quiz: Quiz, municipality: object, parties: Iterable[str] | None) -> Iterable[str] | None:
    """The parties to compare for `municipality` (None: `parties` unchanged); a `MatchError` naming the value."""
    if municipality is None:
        return parties
    from ..quiz.groups import municipalities, parties_in

    if not isinstance(municipality, str):
        raise MatchError(f"municipality: expected a name, got {municipality!r}")
    try:
        found = [p.id for p in parties_in(quiz, municipality)]
    except KeyError:
        raise MatchError(
            f"municipality: unknown municipality {municipality!r}; this quiz has {municipalities(quiz)}"
        ) from None
    if parties is None:
        return found
    chosen = list(parties) if not isinstance(parties, str) else [parties]
    outside = [p for p in chosen if p not in found]
    if outside:
        raise MatchError(f"parties: {outside} do not stand in {municipality!r}; its parties are {found}")
    return chosen


def _checked_request(
    quiz: Quiz, answers: Mapping[str, str], important: Iterable[str], parties: Iterable[str] | None
) -> tuple[dict[str, int | None], list[str], list[str]]:
    """Answers as option codes, the important ids and the compared party ids; every problem at once."""
    codes, problems = canonical_answers(quiz, answers)
    important_ids, more = check_ids(list(important), quiz.statement_by_id, Where("important"), "statements")
    problems += more
    party_ids = [p.id for p in quiz.parties]
    if parties is not None:
        party_ids, more = check_ids(list(parties), quiz.party_by_id, Where("parties"), "parties", allow_empty=False)
        party_ids = list(dict.fromkeys(party_ids))
        problems += more
    if problems:
        raise AnswersError(problems)
    return codes, important_ids, party_ids


def _breakdowns(
    quiz: Quiz,
    statements: Sequence[Statement],
    codes: NDArray[np.int64],
    stances: NDArray[np.int64],
    party_ids: Sequence[str],
    important_ids: Iterable[str],
) -> list[tuple[Comparison, ...]]:
    """Every party's breakdown (`stances` is (statements, parties)): per statement (tie-break
    statements only when answered) the answer, the stance, how they agree and the party's quote."""
    row = row_maker(quiz.scale.options)
    important = set(important_ids)
    tiebreak = {s.id for s in quiz.tiebreak_statements}
    cells = quiz.cells
    answers = codes.tolist()
    kept = [i for i, s in enumerate(statements) if answers[i] >= 0 or s.id not in tiebreak]
    shown = [
        (
            statements[i],
            answers[i],
            statements[i].id in important,
            cells.positions[cells.statement_index[statements[i].id]],
        )
        for i in kept
    ]
    result = []
    for p, party_id in enumerate(party_ids):
        column = cells.party_index[party_id]
        party_stances = stances[kept, p].tolist()
        result.append(
            tuple(
                row(statement, answer, marked, stance, positions[column])
                for (statement, answer, marked, positions), stance in zip(shown, party_stances, strict=True)
            )
        )
    return result


def _score(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def match_many(
    quiz: Quiz,
    codes: ArrayLike,
    *,
    important: ArrayLike | None = None,
    weights: ArrayLike | None = None,
    method: MethodName = DEFAULT_METHOD,
    missing: PolicyName = DEFAULT_MISSING,
    salience: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    dealbreakers: ArrayLike | Sequence[str] | None = None,
) -> NDArray[np.float64]:
    """Scores (respondents × parties, in quiz.parties order) for coded answers.

    `codes` is (respondents × statements, in quiz.statements order): 0 = most negative option …
    k-1 = most positive, -1 = skipped. `important` (bool, same shape) doubles a statement;
    `weights` (one non-negative number per statement) multiplies it. NaN where nothing is
    comparable, and NaN where the party would not be ranked: a stance on fewer than
    `min_coverage` of the respondent's answered statements (the rule of `match`; pass 0 for every
    score). `dealbreakers` (bool, same shape as `codes`, or a list of statement ids for everyone):
    NaN too where the party is on the other side of one (see `excluded_many`). Scores do not
    depend on `chunk_size`, which only bounds memory.
    """
    min_coverage = check_min_coverage(min_coverage)
    codes_array, important_array, weights_array = check_many_arguments(
        quiz, codes, important, weights, method, missing, salience, chunk_size
    )
    method_record, T, W, stances = method_tables(
        quiz, quiz.statements, [p.id for p in quiz.parties], method, missing, salience
    )
    scores = score_codes(
        codes_array,
        T,
        W,
        weights=weights_array,
        important=important_array,
        root=method_record.root,
        chunk_size=chunk_size,
        stances=stances,
        min_coverage=min_coverage,
    )
    if dealbreakers is not None:
        scores[excluded_many(quiz, codes_array, dealbreakers, chunk_size=chunk_size)] = np.nan
    return scores


def excluded_many(
    quiz: Quiz, codes: ArrayLike, dealbreakers: ArrayLike | Sequence[str], *, chunk_size: int = DEFAULT_CHUNK
) -> NDArray[np.bool_]:
    """(respondents × parties, in quiz.parties order): True where the party is on the other side of
    one of the respondent's deal-breakers. `codes` as for `match_many`; `dealbreakers` a boolean
    array of the same shape, or a list of statement ids that are deal-breakers for everyone."""
    codes_array = check_codes(quiz, codes)
    marks = dealbreaker_marks(quiz, dealbreakers, codes_array.shape)
    stances = party_codes(quiz, quiz.statements, [p.id for p in quiz.parties])
    return excluded_mask(codes_array, marks, stances, quiz.scale.size, chunk_size)


def dealbreaker_marks(quiz: Quiz, dealbreakers: Any, shape: tuple[int, ...]) -> NDArray[np.bool_]:
    """`dealbreakers` of `match_many` as a boolean (respondents × statements) array, or a `MatchError`."""
    if isinstance(dealbreakers, (list, tuple)) and all(isinstance(i, str) for i in dealbreakers):
        index = {s.id: i for i, s in enumerate(quiz.statements)}
        unknown = [i for i in dealbreakers if i not in index]
        if unknown:
            raise MatchError(f"dealbreakers: unknown main statement id {unknown[0]!r}")
        marks = np.zeros(shape, dtype=bool)
        marks[:, [index[i] for i in dealbreakers]] = True
        return marks
    array = np.asarray(dealbreakers)
    if array.shape != shape:
        raise MatchError(f"dealbreakers has shape {array.shape}; expected {shape} or a list of statement ids")
    if array.dtype == bool:
        return array
    if np.issubdtype(array.dtype, np.integer) and np.isin(array, (0, 1)).all():
        return array.astype(bool)
    raise MatchError(f"dealbreakers must be booleans (or 0/1) or statement ids, got dtype {array.dtype}")


def ranked_mask_for(
    codes: NDArray[np.integer],
    stances: NDArray[np.integer],
    min_coverage: float,
    weights: NDArray[np.floating] | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> NDArray[np.bool_]:
    """The coverage rule for coded answers (respondents × statements) against stances (statements
    × parties): True where the party is ranked. A statement of weight 0 counts as not answered.
    Worked out `chunk_size` respondents at a time: memory beyond the result is bounded by the chunk."""
    mask = np.empty((codes.shape[0], stances.shape[1]), dtype=bool)
    for start in range(0, codes.shape[0], chunk_size):
        block = codes[start : start + chunk_size]
        if weights is not None:
            block = np.where(np.asarray(weights)[None, :] > 0, block, -1)
        answered, with_stance = coverage(block, stances)
        mask[start : start + chunk_size] = ranked_mask(answered, with_stance, min_coverage)
    return mask


def build_scorer(quiz: Quiz, methods: Sequence[str], missing: str, salience: bool, important: bool = False) -> Scorer:
    """One `Scorer` for several methods over the quiz's main statements and all its parties,
    counting coverage too (so `score(…, min_coverage=…)` applies the rule in the same pass)."""
    parties = [p.id for p in quiz.parties]
    term_sets = []
    for name in methods:
        method_record, T, W, _ = method_tables(quiz, quiz.statements, parties, name, missing, salience)
        term_sets.append((T, W, method_record.root))
    return Scorer.build(term_sets, important=important, stances=party_codes(quiz, quiz.statements, parties))
