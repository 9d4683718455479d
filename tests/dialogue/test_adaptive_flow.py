"""The one dialogue's adaptive order: the most telling statement first, the early stop, going on to
the full set, back to the statement asked before, only the compared parties."""

from __future__ import annotations

import pytest

import stemhulp
from stemhulp.dialogue.flow import (
    IMPORTANT,
    PARTIES,
    RESULT,
    STATEMENT,
    AdaptiveOrder,
    Back,
    ChooseImportant,
    ChooseParties,
    DialogueState,
    Give,
    GoOn,
    NotHere,
    step,
)
from stemhulp.matching.adaptive import MIN_ANSWERS

from ..helpers import even_quiz_document, quiz_from_stances

AGREE, NEUTRAL, DISAGREE = 2, 1, 0


@pytest.fixture(scope="module")
def even_quiz():
    return stemhulp.load(even_quiz_document())


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


def test_the_parties_step_and_result_follow_an_early_stop(even_quiz):
    state = DialogueState.start(even_quiz, adaptive=AdaptiveOrder())
    for _ in range(MIN_ANSWERS):
        state = step(state, Give("agree"))
    state = step(state, ChooseImportant(()))
    assert state.step == PARTIES and state.stopped_early
    state = step(state, ChooseParties(()))
    assert state.step == RESULT and state.stopped_early
    state = step(state, GoOn())
    assert state.step == STATEMENT and state.index == MIN_ANSWERS
