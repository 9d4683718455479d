"""The quiz dialogue as a small state machine, independent of any terminal.

A `QuizSession` walks the statements one at a time: answer, skip, go back; it knows what is
answered, what is important and which parties are chosen, and turns into an `AnswerSet`
for saving, resuming and matching. The terminal front-end only reads keys and draws.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from .answers import SKIP, AnswerSet
from .model import Quiz, Statement

# Keys typed at a statement (contract). Five-point scales add 'he' and 'ho'.
ANSWER_KEYS = {"e": "eens", "o": "oneens", "n": "neutraal", "s": "overslaan",
               "he": "helemaal eens", "ho": "helemaal oneens"}
BACK, INFO, QUIT = "b", "?", "q"


@attrs.frozen
class Answer:
    """The user gave `word` (an option name, or 'skip')."""

    word: str


@attrs.frozen
class Command:
    """A non-answer key: back, info or quit."""

    name: str


def parse_key(text: str, quiz: Quiz) -> Answer | Command | None:
    """What a typed line means at a statement, or None when it means nothing."""
    key = " ".join(text.strip().lower().split())
    if key in (BACK, INFO, QUIT):
        return Command(key)
    word = ANSWER_KEYS.get(key, key)
    if not word:
        return None
    try:
        code = quiz.scale.parse_answer(word)
    except ValueError:
        return None
    return Answer(SKIP if code is None else quiz.scale.options[code])


def parse_numbers(text: str, upper: int) -> list[int] | None:
    """1-based numbers separated by spaces or commas, each in 1…upper; None when invalid."""
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    if not all(part.isdigit() and 1 <= int(part) <= upper for part in parts):
        return None
    return list(dict.fromkeys(int(part) for part in parts))


def parse_party_choice(text: str, quiz: Quiz) -> list[str] | None:
    """Parties by 1-based number or id; blank means all (returns []); None when invalid."""
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    chosen = []
    for part in parts:
        if part.isdigit() and 1 <= int(part) <= len(quiz.parties):
            chosen.append(quiz.parties[int(part) - 1].id)
        elif part in quiz.party_by_id:
            chosen.append(part)
        else:
            return None
    return list(dict.fromkeys(chosen))


@attrs.define
class QuizSession:
    """Where a person is in the quiz, and everything they have said so far."""

    quiz: Quiz
    answers: dict[str, str] = attrs.field(factory=dict)
    important: list[str] = attrs.field(factory=list)
    parties: list[str] | None = None
    index: int = 0
    statements: Sequence[Statement] = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.statements is None:
            self.statements = self.quiz.statements

    @classmethod
    def resume(cls, quiz: Quiz, answer_set: AnswerSet) -> QuizSession:
        """Continue from saved answers, at the first main statement not yet answered."""
        session = cls(quiz, dict(answer_set.answers), list(answer_set.important),
                      None if answer_set.parties is None else list(answer_set.parties))
        session.index = next((i for i, s in enumerate(quiz.statements) if s.id not in session.answers),
                             len(quiz.statements))
        return session

    @property
    def finished(self) -> bool:
        return self.index >= len(self.statements)

    @property
    def current(self) -> Statement:
        return self.statements[self.index]

    def answer(self, word: str) -> None:
        """Record the answer to the current statement and move on."""
        self.answers[self.current.id] = word
        self.index += 1

    def back(self) -> bool:
        """Go to the previous statement; False when already at the first."""
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def answered_statements(self) -> list[Statement]:
        """Main statements with a real (not skipped) answer, in quiz order."""
        return [s for s in self.quiz.statements if self.answers.get(s.id, SKIP) != SKIP]

    def to_answer_set(self) -> AnswerSet:
        """What is saved: the answers-file document, tagged with the quiz id."""
        return AnswerSet(self.answers, self.important, self.parties, {"quiz": self.quiz.id})
