"""The adaptive quiz: which statement to ask next, and when the top advice is firm enough to stop.

The model of the answers still to come: the voter answers like one of the compared parties, with
noise. Given party p, answer a to statement s has probability ∝ exp(−β·W·T[s, a, p]), where T and W
are the matching method's own term and weight tables (`engine.term_tables`: 0 for full agreement,
1 for full disagreement; a missing stance as the policy fills it). β = ln((1 − ε)(k − 1)/ε) at
ε = `MODEL_EPS`, so on the agreement count this is exactly the simulator's party-like respondent
(the party's answer with probability 1 − ε, each other option ε/(k − 1)). The belief over the
parties starts uniform and is updated by the answers given (important ones count double).

The next statement is the unasked main statement whose answer tells most about which party that
is, the party that ends on top at the full length: the mutual information between its answer and
the party, H(Σ_p π_p L_p) − Σ_p π_p H(L_p). Worked out for every candidate statement × answer ×
party in one product; ties go to the earlier statement in quiz order. The quiz may stop when at
least `MIN_ANSWERS` statements have a real answer and the top advice's stability (the bootstrap
`top_share` of `stability.assess`) is at least `STOP_SHARE`: both chosen by
benchmarks/adaptive_study.py (see docs/explanation/adaptive.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from ..errors import MatchError
from ..formats.numbers import real_within, shown
from ..quiz.model import Quiz
from .arguments import check_match_arguments
from .coverage import check_min_coverage, ranked_mask
from .engine import coverage, weighted_scores
from .facade import _checked_request
from .methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING
from .stability import assess
from .tables import method_tables, salience_matrix

MODEL_EPS = 0.2  # the noise of the assumed party-like voter
# Chosen by benchmarks/adaptive_study.py (`chosen_rule`): of thresholds 0.8 … 0.95 × minimum answers 5 … 12,
# the pair asking fewest statements whose advice at the stop agrees with the full-length advice for at least
# 95% of party-like respondents at ε = 0.2 and 90% at ε = 0.4, on every study quiz.
STOP_SHARE = 0.85  # the top advice's stability (top_share) needed to stop early
MIN_ANSWERS = 5  # real answers (not skips) needed before the quiz may stop
TIE = 1e-12  # information values this close are a tie: the earlier statement wins

FIRM, ALL_ASKED, TOO_FEW, NOT_FIRM = "firm", "all_asked", "too_few", "not_firm"  # `Verdict.reason`


@attrs.frozen
class Verdict:
    """What to ask next, and whether the quiz may stop here (the voter may always go on)."""

    statement: str | None  # the id of the statement to ask next; None when every one was asked
    stop: bool  # the top advice is firm (or nothing is left): the quiz may stop
    reason: str  # FIRM, ALL_ASKED, TOO_FEW or NOT_FIRM
    top_share: float | None  # the current top advice's stability; None when no party is ranked
    answered: int  # statements with a real answer so far
    remaining: int  # main statements not asked yet

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def model_beta(scale_size: int, eps: float = MODEL_EPS) -> float:
    """The model's β: an answer one full term away is (k − 1)(1 − ε)/ε times less likely."""
    return math.log((1.0 - eps) * (scale_size - 1) / eps)


def answer_likelihoods(T: NDArray[np.float64], W: NDArray[np.float64], beta: float) -> NDArray[np.float64]:
    """P(answer | party) per statement, (statements, options, parties); rows sum to 1 over options."""
    weights: NDArray[np.float64] = np.exp(-beta * W * T)
    return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)


def information(
    codes: NDArray[np.integer],
    weights: NDArray[np.floating],
    likelihoods: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Per respondent and statement, what its answer tells about the party, (respondents, statements).

    `codes` (respondents × statements, −1 not answered or skipped) and `weights` (the same shape:
    1, or 2 when important) give the belief over the parties; `likelihoods` comes from
    `answer_likelihoods`. Asked statements are not masked here (see `choose`)."""
    statements = np.arange(codes.shape[1])
    picked = np.log(likelihoods[statements[None, :], np.maximum(codes, 0), :])  # (R, S, P)
    evidence = np.einsum("rs,rsp->rp", np.where(codes >= 0, weights, 0.0), picked)
    belief = np.exp(evidence - evidence.max(axis=1, keepdims=True))
    belief /= belief.sum(axis=1, keepdims=True)
    predicted = np.einsum("rp,sap->rsa", belief, likelihoods)
    own = -np.sum(likelihoods * np.log(likelihoods), axis=1)  # (S, P): each party's answer entropy
    spread = -np.sum(predicted * np.log(np.maximum(predicted, 1e-300)), axis=2)
    return np.asarray(spread - belief @ own.T)


def choose(gain: NDArray[np.float64], asked: NDArray[np.bool_]) -> NDArray[np.intp]:
    """Per respondent the most informative unasked statement (the earliest of a tie); −1 when all are asked."""
    open_gain = np.where(asked, -np.inf, gain)
    best = open_gain.max(axis=1, keepdims=True)
    first = np.argmax(open_gain >= best - TIE, axis=1)
    return np.where(asked.all(axis=1), -1, first)


def _check_rule(stop_share: Any, min_answers: Any) -> None:
    """The stopping rule's arguments, or a `MatchError` naming the one that does not fit."""
    if not real_within(stop_share, 0.0, 1.0):
        raise MatchError(f"stop_share must be a share between 0 and 1, got {shown(stop_share)}")
    if isinstance(min_answers, bool) or not isinstance(min_answers, int) or min_answers < 0:
        raise MatchError(f"min_answers must be a whole number of at least 0, got {shown(min_answers)}")


def next_statement(
    quiz: Quiz,
    answers: Mapping[str, str],
    *,
    important: Iterable[str] = (),
    parties: Iterable[str] | None = None,
    method: str = DEFAULT_METHOD,
    missing: str = DEFAULT_MISSING,
    salience: bool = False,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    stop_share: float = STOP_SHARE,
    min_answers: int = MIN_ANSWERS,
) -> Verdict:
    """The statement to ask next after `answers` ({statement_id: word}, 'skip' counts as asked) and
    whether the quiz may stop: see the module's docstring for the model and the rule. The other
    arguments are `match`'s and mean the same."""
    important, parties = check_match_arguments(quiz, answers, important, None, parties, method, missing, salience)
    min_coverage = check_min_coverage(min_coverage)
    _check_rule(stop_share, min_answers)
    given, important_ids, party_ids = _checked_request(quiz, answers, important, parties)
    statements = [*quiz.statements, *quiz.tiebreak_statements]
    method_record, T, W, stances = method_tables(quiz, statements, party_ids, method, missing, salience)
    row = np.array([-1 if given.get(s.id) is None else given[s.id] for s in statements])
    weights = np.array([2.0 if s.id in important_ids else 1.0 for s in statements])
    main = len(quiz.statements)
    asked = np.array([s.id in given for s in quiz.statements])

    # Answered tie-break statements are evidence too; only main statements are candidates.
    likelihoods = answer_likelihoods(T, W, model_beta(quiz.scale.size))
    gain = information(row[None, :], weights[None, :], likelihoods)[:, :main]
    picked = int(choose(gain, asked[None, :])[0])

    answered = int((row >= 0).sum())
    scores = weighted_scores(row, T, W, weights[None, :], method_record.root)[0]
    counted, with_stance = coverage(row[None, :], stances)
    ranked = ranked_mask(counted, with_stance, min_coverage)[0] & ~np.isnan(scores)
    saliences = salience_matrix(quiz, statements, party_ids) if salience else None
    share = assess(quiz.scale.size, row, weights, stances, saliences, method_record.name, missing, ranked).top_share
    if picked < 0:
        reason = ALL_ASKED
    elif answered < min_answers:
        reason = TOO_FEW
    elif share is not None and share >= stop_share:
        reason = FIRM
    else:
        reason = NOT_FIRM
    statement = None if picked < 0 else quiz.statements[picked].id
    return Verdict(statement, reason in (FIRM, ALL_ASKED), reason, share, answered, int(main - asked.sum()))
