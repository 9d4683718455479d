"""The adaptive quiz: `next_statement` worked by hand and its invariants, the one dialogue's adaptive
order and early stop, and `stemhulp quiz --adaptive` through Typer's runner."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stemhulp
from stemhulp.cli.app import app
from stemhulp.dialogue.flow import (
    IMPORTANT,
    PARTIES,
    RESULT,
    STATEMENT,
    AdaptiveOrder,
    Back,
    DialogueState,
    Give,
    GoOn,
    NotHere,
    step,
)
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

from .helpers import quiz_from_stances

AGREE, NEUTRAL, DISAGREE = 2, 1, 0


def test_the_statement_that_splits_every_party_comes_first_with_its_information_by_hand():
    # s0: all agree (tells nothing); s1: A against B and C; s2: A, B, C all differ.
    quiz = quiz_from_stances([[AGREE, AGREE, AGREE], [AGREE, DISAGREE, DISAGREE], [AGREE, NEUTRAL, DISAGREE]])
    verdict = stemhulp.next_statement(quiz, {}, method="stemwijzer")
    assert verdict.statement == "s2" and verdict.reason == TOO_FEW and not verdict.stop
    # The agreement count's terms are 0/1: the party's answer has 1 − ε = 0.8, each other 0.1.
    from stemhulp.matching.facade import _tables

    _, T, W, _ = _tables(quiz, quiz.statements, ["p0", "p1", "p2"], "stemwijzer", "neutral", False)
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
    from stemhulp.matching.facade import _tables

    parties = [p.id for p in quiz.parties]
    _, T, W, _ = _tables(quiz, quiz.statements, parties, stemhulp.DEFAULT_METHOD, stemhulp.DEFAULT_MISSING, False)
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


# The dialogue -------------------------------------------------------------------------------


def _document(statements: int = 12) -> dict:
    """Party A agrees with everything, B disagrees, C is neutral: every statement tells as much."""
    options = ["disagree", "neutral", "agree"]
    return {
        "format": "stemhulp/1",
        "id": "adaptief",
        "title": "Adaptief",
        "scale": options,
        "statements": [{"id": f"s{s}", "theme": "Thema", "text": f"Stelling nummer {s}"} for s in range(statements)],
        "parties": [{"id": p, "name": f"Partij {p.upper()}"} for p in ("a", "b", "c")],
        "positions": [
            {"party": p, "statement": f"s{s}", "position": word, "weight": 1.0, "quote": None, "source": None}
            for s in range(statements)
            for p, word in (("a", "agree"), ("b", "disagree"), ("c", "neutral"))
        ],
    }


@pytest.fixture(scope="module")
def even_quiz():
    return stemhulp.load(_document())


def test_the_adaptive_dialogue_stops_when_firm_and_goes_on_to_the_full_set(even_quiz):
    state = DialogueState.start(even_quiz, adaptive=AdaptiveOrder())
    assert (state.step, state.index) == (STATEMENT, 0)
    for _ in range(MIN_ANSWERS):
        state = step(state, Give("agree"))
    assert state.step == IMPORTANT and state.stopped_early
    assert len(state.unanswered()) == len(even_quiz.statements) - MIN_ANSWERS
    state = step(step(state, GoOn()), Give("disagree"))
    assert state.step == STATEMENT and state.go_on and state.index == MIN_ANSWERS + 1  # no stop: the full set
    while state.step == STATEMENT:
        state = step(state, Give("agree"))
    assert state.step == IMPORTANT and not state.stopped_early and not state.unanswered()


def test_the_quiz_order_dialogue_never_stops_early(even_quiz):
    state = DialogueState.start(even_quiz)
    for _ in range(MIN_ANSWERS):
        state = step(state, Give("agree"))
    assert state.step == STATEMENT and not state.stopped_early
    with pytest.raises(NotHere):
        step(state, GoOn())


def test_back_in_the_adaptive_dialogue_returns_to_the_statement_asked_before():
    quiz = quiz_from_stances([[AGREE, AGREE, AGREE], [AGREE, DISAGREE, DISAGREE], [AGREE, NEUTRAL, DISAGREE]])
    state = DialogueState.start(quiz, adaptive=AdaptiveOrder(method="stemwijzer"))
    assert state.current.id == "s2"
    state = step(state, Give("agree"))
    assert state.current.id == "s1"
    state = step(state, Back())
    assert state.current.id == "s2" and state.answers == {"s2": "agree"}
    state = step(state, Back())  # the first asked: back goes nowhere (no municipality step)
    assert state.current.id == "s2"
    for _ in range(3):
        state = step(state, Give("agree"))
    assert state.step == IMPORTANT  # three statements: all asked
    assert step(state, Back()).current.id == "s0"  # the one asked last


def test_the_stop_and_the_choice_use_only_the_parties_compared():
    # Party C alone disagrees on s1; with only A and B compared, s1 tells nothing and s0 leads.
    quiz = quiz_from_stances([[AGREE, DISAGREE, AGREE], [AGREE, AGREE, DISAGREE]])
    assert stemhulp.next_statement(quiz, {}, parties=["p0", "p1"]).statement == "s0"
    state = DialogueState.start(quiz, adaptive=AdaptiveOrder(), parties=("p0", "p1"))
    assert state.current.id == "s0"


# The terminal -------------------------------------------------------------------------------


@pytest.fixture
def even_path(tmp_path) -> Path:
    path = tmp_path / "adaptief.json"
    path.write_text(json.dumps(_document()), encoding="utf-8")
    return path


def test_quiz_adaptive_piped_stops_early_and_says_so(runner, even_path, tmp_path):
    save = tmp_path / "a.json"
    lines = ["e"] * MIN_ANSWERS + ["", ""]
    outcome = runner.invoke(
        app, ["quiz", str(even_path), "--adaptive", "--save", str(save)], input="".join(f"{x}\n" for x in lines)
    )
    assert outcome.exit_code == 0, outcome.output
    out = " ".join(outcome.stdout.split())  # lines as wrapped for the terminal, joined
    assert "de stemhulp eerder stoppen" in out and "alle 12 stellingen beantwoorden" in out
    assert f"Vraag {MIN_ANSWERS} · stelling {MIN_ANSWERS} van 12" in out
    assert f"Vraag {MIN_ANSWERS + 1} " not in out
    assert f"Je topadvies staat vast na {MIN_ANSWERS} van de 12 stellingen" in out
    result = out.split("Jouw uitslag")[1]
    assert result.index("Partij A") < result.index("Partij C") < result.index("Partij B")
    saved = json.loads(save.read_text())
    assert saved["adaptive"] is True and len(saved["answers"]) == MIN_ANSWERS


def test_quiz_adaptive_in_english_and_resumed_adaptive_from_the_file(runner, even_path, tmp_path):
    save = tmp_path / "a.json"
    first = runner.invoke(
        app, ["quiz", str(even_path), "--adaptive", "--lang", "en", "--save", str(save)], input="a\na\na\n"
    )
    assert first.exit_code == 0, first.output
    out = " ".join(first.stdout.split())
    assert "the quiz may stop early" in out and "Question 3 · statement 3 of 12" in out
    again = runner.invoke(
        app, ["quiz", str(even_path), "--resume", str(save)], input="".join("a\n" for _ in range(MIN_ANSWERS))
    )
    assert again.exit_code == 0, again.output
    assert f"Your top advice is firm after {MIN_ANSWERS} of the 12 statements" in " ".join(again.stdout.split())


def test_a_saved_adaptive_setting_that_is_not_a_flag_is_refused(runner, even_path, tmp_path):
    save = tmp_path / "a.json"
    save.write_text(json.dumps({"answers": {}, "adaptive": "yes"}))
    outcome = runner.invoke(app, ["quiz", str(even_path), "--resume", str(save)], input="")
    assert outcome.exit_code == 1
    assert "adaptive" in outcome.output and "'yes'" in outcome.output


def test_the_parties_step_and_result_follow_an_early_stop(even_quiz):
    state = DialogueState.start(even_quiz, adaptive=AdaptiveOrder())
    for _ in range(MIN_ANSWERS):
        state = step(state, Give("agree"))
    from stemhulp.dialogue.flow import ChooseImportant, ChooseParties

    state = step(state, ChooseImportant(()))
    assert state.step == PARTIES and state.stopped_early
    state = step(state, ChooseParties(()))
    assert state.step == RESULT and state.stopped_early
    state = step(state, GoOn())
    assert state.step == STATEMENT and state.index == MIN_ANSWERS
