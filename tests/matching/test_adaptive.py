"""`stemhulp.next_statement`: the adaptive quiz's choice worked by hand, its invariants, its stop
verdict, bad input, and the batched choice of benchmarks/adaptive_study.py equal to the library's."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stemhulp
from stemhulp.errors import AnswersError, MatchError
from stemhulp.matching.adaptive import (
    ALL_ASKED,
    FIRM,
    MIN_ANSWERS,
    NOT_FIRM,
    TOO_FEW,
    answer_likelihoods,
    choose,
    information,
    model_beta,
)
from stemhulp.matching.tables import method_tables

from ..helpers import quiz_from_stances

AGREE, NEUTRAL, DISAGREE = 2, 1, 0


def test_the_statement_that_splits_every_party_comes_first_with_its_information_by_hand():
    # s0: all agree (tells nothing); s1: A against B and C; s2: A, B, C all differ.
    quiz = quiz_from_stances([[AGREE, AGREE, AGREE], [AGREE, DISAGREE, DISAGREE], [AGREE, NEUTRAL, DISAGREE]])
    verdict = stemhulp.next_statement(quiz, {}, method="stemwijzer")
    assert verdict.statement == "s2" and verdict.reason == TOO_FEW and not verdict.stop
    # The agreement count's terms are 0/1: the party's answer has 1 − ε = 0.8, each other 0.1.

    _, T, W, _ = method_tables(quiz, quiz.statements, ["p0", "p1", "p2"], "stemwijzer", "neutral", False)
    likelihoods = answer_likelihoods(T, W, model_beta(3))
    assert np.allclose(likelihoods[2, :, 0], [0.1, 0.1, 0.8])
    gain = information(np.full((1, 3), -1), np.ones((1, 3)), likelihoods)[0]
    own = -(0.8 * math.log(0.8) + 2 * 0.1 * math.log(0.1))
    assert gain[0] == pytest.approx(0.0, abs=1e-12)
    assert gain[2] == pytest.approx(math.log(3) - own)  # uniform over three answers, minus the noise
    split = np.array([0.8 + 0.2, 0.1 + 0.2, 0.1 + 1.6]) / 3  # A agree; B, C disagree
    assert gain[1] == pytest.approx(-(split * np.log(split)).sum() - own)
    assert gain[2] > gain[1] > gain[0]


def test_after_an_answer_the_belief_moves_and_the_next_choice_follows():
    # Answering s2 "agree" makes A likely; of the rest only s1 still separates A from the others.
    quiz = quiz_from_stances([[AGREE, AGREE, AGREE], [AGREE, DISAGREE, DISAGREE], [AGREE, NEUTRAL, DISAGREE]])
    assert stemhulp.next_statement(quiz, {"s2": "agree"}).statement == "s1"
    verdict = stemhulp.next_statement(quiz, {"s2": "agree", "s1": "skip"})
    assert verdict.statement == "s0" and verdict.answered == 1 and verdict.remaining == 1


def test_ties_go_to_the_earlier_statement_in_quiz_order():
    quiz = quiz_from_stances([[AGREE, DISAGREE]] * 4)
    assert stemhulp.next_statement(quiz, {}).statement == "s0"
    assert stemhulp.next_statement(quiz, {"s0": "agree", "s1": "agree"}).statement == "s2"
    assert choose(np.array([[1.0, 3.0, 3.0]]), np.array([[False, False, False]])).tolist() == [1]
    assert choose(np.array([[1.0, 3.0]]), np.array([[True, True]])).tolist() == [-1]


def test_the_stop_verdict_too_few_firm_not_firm_and_all_asked():
    stances = [[AGREE, DISAGREE, NEUTRAL]] * 12
    quiz = quiz_from_stances(stances)
    like_a = {f"s{s}": "agree" for s in range(MIN_ANSWERS - 1)}
    assert stemhulp.next_statement(quiz, like_a).reason == TOO_FEW
    like_a[f"s{MIN_ANSWERS - 1}"] = "agree"
    firm = stemhulp.next_statement(quiz, like_a)
    assert (firm.reason, firm.stop, firm.top_share) == (FIRM, True, 1.0)
    assert firm.statement == f"s{MIN_ANSWERS}"  # the voter may still go on: the next one is named
    # Half for A, half for B: no firm top advice.
    torn = {f"s{s}": "agree" if s % 2 else "disagree" for s in range(12 - 1)}
    verdict = stemhulp.next_statement(quiz, torn)
    assert verdict.reason == NOT_FIRM and not verdict.stop and verdict.top_share < 0.9
    everything = {f"s{s}": "skip" for s in range(12)}
    done = stemhulp.next_statement(quiz, everything)
    assert (done.statement, done.stop, done.reason, done.top_share) == (None, True, ALL_ASKED, None)
    assert done.to_dict()["reason"] == ALL_ASKED


def test_bad_input_is_a_clear_error_naming_the_value():
    quiz = quiz_from_stances([[AGREE, DISAGREE]] * 3)
    with pytest.raises(AnswersError, match="nope"):
        stemhulp.next_statement(quiz, {"nope": "agree"})
    with pytest.raises(AnswersError, match="s0"):
        stemhulp.next_statement(quiz, {"s0": "maybe"})
    with pytest.raises(MatchError, match="bogus"):
        stemhulp.next_statement(quiz, {}, method="bogus")
    with pytest.raises(MatchError, match="stop_share .* got 1.5"):
        stemhulp.next_statement(quiz, {}, stop_share=1.5)
    with pytest.raises(MatchError, match="min_answers .* got -1"):
        stemhulp.next_statement(quiz, {}, min_answers=-1)


stance_tables = st.integers(2, 5).flatmap(
    lambda parties: st.lists(st.lists(st.integers(-1, 2), min_size=parties, max_size=parties), min_size=2, max_size=9)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stances=stance_tables, data=st.data())
def test_never_an_asked_statement_and_the_same_choice_for_parties_in_any_order(stances, data):
    quiz = quiz_from_stances(stances)
    ids = [s.id for s in quiz.statements]
    asked = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    answers = {sid: data.draw(st.sampled_from(["agree", "neutral", "disagree", "skip"])) for sid in asked}
    verdict = stemhulp.next_statement(quiz, answers)
    assert (verdict.statement is None) == (len(asked) == len(ids))
    assert verdict.statement not in answers
    assert verdict.remaining == len(ids) - len(asked)
    shuffled = data.draw(st.permutations(range(len(stances[0]))))
    reordered = quiz_from_stances([[row[p] for p in shuffled] for row in stances])
    assert stemhulp.next_statement(reordered, answers).statement == verdict.statement


@settings(max_examples=25, deadline=None)
@given(stances=stance_tables, seed=st.integers(0, 2**16))
def test_the_batched_choice_of_the_study_is_the_library_s_choice(stances, seed):
    """benchmarks/adaptive_study.py picks for many respondents at once with `information` and
    `choose`; every step equals `next_statement` for that respondent."""
    quiz = quiz_from_stances(stances)

    parties = [p.id for p in quiz.parties]
    _, T, W, _ = method_tables(quiz, quiz.statements, parties, stemhulp.DEFAULT_METHOD, stemhulp.DEFAULT_MISSING, False)
    likelihoods = answer_likelihoods(T, W, model_beta(3))
    rng = np.random.default_rng(seed)
    codes = rng.integers(-1, 3, size=(3, len(stances)))
    seen = np.full(codes.shape, -1)
    asked = np.zeros(codes.shape, dtype=bool)
    answers: list[dict[str, str]] = [{}, {}, {}]
    words = quiz.scale.options
    for _ in range(len(stances)):
        picked = choose(information(seen, np.ones(codes.shape), likelihoods), asked)
        for r in range(3):
            expected = stemhulp.next_statement(quiz, answers[r]).statement
            assert expected == quiz.statements[picked[r]].id
            code = int(codes[r, picked[r]])
            answers[r][expected] = "skip" if code < 0 else words[code]
            asked[r, picked[r]] = True
            seen[r, picked[r]] = code
