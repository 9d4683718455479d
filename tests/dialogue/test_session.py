"""`QuizSession`, the quiz dialogue without a terminal, and the parsers of what people type."""

from __future__ import annotations

import pytest

import stemhulp
from stemhulp.cli.app import app
from stemhulp.dialogue.session import (
    IMPORTANT,
    RESULT,
    STATEMENT,
    Answer,
    Command,
    QuizSession,
    parse_key,
    parse_numbers,
    parse_party_choice,
)
from stemhulp.quiz.answers import SKIP, AnswerSet

from ..helpers import quiz_from_stances


def test_back_at_the_first_statement_stays_there(mini):
    """`back()` at index 0 refuses (False) and stays on the first statement."""
    session = QuizSession(mini)
    assert session.back() is False
    assert session.index == 0 and session.current.id == "s1"


def test_answer_moves_on_and_back_returns(mini):
    session = QuizSession(mini)
    session.answer("agree")
    assert (session.index, session.current.id, session.answers) == (1, "s2", {"s1": "agree"})
    assert session.back() is True
    assert (session.index, session.current.id) == (0, "s1")
    session.answer("disagree")  # answering again replaces the earlier answer
    assert session.answers == {"s1": "disagree"} and session.index == 1


def test_the_important_step_follows_the_last_statement(mini):
    session = QuizSession(mini)
    for word in ("agree", SKIP, "neutral"):
        assert session.step == STATEMENT and not session.finished
        session.answer(word)
    assert session.step == IMPORTANT and session.index == 3 and not session.finished
    assert [s.id for s in session.answered_statements()] == ["s1", "s3"]  # s2 was skipped
    assert session.back() and session.current.id == "s3" and session.step == STATEMENT


def test_resume_starts_at_the_first_unanswered_main_statement(mini):
    session = QuizSession.resume(mini, AnswerSet({"s1": "agree", "s3": "agree", "t1": "agree"}, ["s1"], ["rood"]))
    assert session.index == 1 and session.current.id == "s2"
    assert session.important == ["s1"] and session.parties == ["rood"]
    done = QuizSession.resume(mini, AnswerSet({"s1": "agree", "s2": SKIP, "s3": "agree"}))
    assert done.step == IMPORTANT and done.parties is None
    finished = QuizSession.resume(mini, AnswerSet({"s1": "agree", "s2": SKIP, "s3": "agree"}, extra={"finished": True}))
    assert finished.finished


def test_a_session_over_the_tiebreak_statements_ends_at_the_result(mini):
    extra = QuizSession(mini, {"s1": "agree"}, statements=mini.tiebreak_statements)
    assert extra.current.id == "t1" and len(extra.statements) == 1
    extra.answer("disagree")
    assert extra.finished and extra.answers == {"s1": "agree", "t1": "disagree"}


def test_the_tiebreak_opens_from_the_result_and_back_returns_there(mini):
    session = QuizSession(mini, {"s1": "agree", "s2": "agree", "s3": "agree"}, step=RESULT)
    session.start_tiebreak()
    assert session.step == STATEMENT and session.current.id == "t1" and not session.main
    assert session.back() and session.finished
    session.start_tiebreak()
    session.answer("agree")
    assert session.finished and session.answers["t1"] == "agree"


def test_to_answer_set_is_the_saved_document(mini):
    session = QuizSession(mini)
    session.answer("agree")
    session.important = ["s1"]
    session.parties = ["groen", "rood"]
    document = session.to_answer_set().to_dict()
    assert {key: document[key] for key in ("quiz", "answers", "important", "parties", "version")} == {
        "quiz": "mini",
        "answers": {"s1": "agree"},
        "important": ["s1"],
        "parties": ["groen", "rood"],
        "version": stemhulp.__version__,
    }


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [
        ("e", Answer("agree")),
        (" E ", Answer("agree")),
        ("o", Answer("disagree")),
        ("n", Answer("neutral")),
        ("s", Answer(SKIP)),
        ("overslaan", Answer(SKIP)),
        ("eens", Answer("agree")),
        ("geen  van beide", Answer("neutral")),
        ("agree", Answer("agree")),
        ("b", Command("b")),
        ("?", Command("?")),
        ("Q", Command("q")),
        ("", None),
        ("xyz", None),
        ("he", None),
        ("ho", None),  # five-point keys on a three-point quiz
    ],
)
def test_parse_key_on_a_three_point_quiz(mini, typed, meaning):
    assert parse_key(typed, mini) == meaning


def test_parse_key_on_a_five_point_quiz():
    quiz = quiz_from_stances([[0, 4]], scale_size=5)
    assert parse_key("he", quiz) == Answer("strongly_agree")
    assert parse_key("ho", quiz) == Answer("strongly_disagree")
    assert parse_key("e", quiz) == Answer("agree")
    assert parse_key("helemaal eens", quiz) == Answer("strongly_agree")


@pytest.mark.parametrize(
    ("typed", "numbers"),
    [
        ("", []),
        ("  ", []),
        ("2", [2]),
        ("2 5,7", [2, 5, 7]),
        ("7;2", [7, 2]),
        ("2 2", [2]),
        ("0", None),
        ("8", None),
        ("a", None),
        ("2 x", None),
        ("-1", None),
        ("1.5", None),
    ],
)
def test_parse_numbers(typed, numbers):
    """1-based numbers up to 7, separated by spaces, commas or semicolons; repeats once."""
    assert parse_numbers(typed, 7) == numbers


@pytest.mark.parametrize(
    ("typed", "parties"),
    [
        ("", []),
        ("1", ["blauw"]),
        ("3 groen", ["rood", "groen"]),
        ("rood, rood 3", ["rood"]),
        ("4", None),
        ("0", None),
        ("paars", None),
        ("1 paars", None),
    ],
)
def test_parse_party_choice(mini, typed, parties):
    """Parties by number in the quiz's order (blauw, groen, rood) or by id; blank means all."""
    assert parse_party_choice(typed, mini) == parties


def test_back_first_in_the_piped_quiz_stays_on_statement_one(runner, mini_path):
    """Typing b at the first statement gives a hint and asks statement 1 again (never 'Stelling 0')."""
    outcome = runner.invoke(app, ["quiz", str(mini_path)], input="b\ne\no\nn\n\n\n")
    assert outcome.exit_code == 0, outcome.output
    assert "Dit is de eerste stelling; terug kan niet." in outcome.stderr
    assert "Stelling 0" not in outcome.stdout
    assert outcome.stdout.count("Stelling 1 van 3") == 1 and "Stelling 3 van 3" in outcome.stdout
