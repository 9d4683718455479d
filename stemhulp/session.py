"""The quiz dialogue as a small state machine, independent of any terminal.

A `QuizSession` walks the steps of the quiz: the statements one at a time (answer, skip, go
back, jump from the overview), the important statements, the municipality (when the quiz's
programmes come from several), the parties, and the result. It knows what is answered, what is
important and which parties are chosen, and turns into an `AnswerSet` (with the settings the
quiz was taken with) for saving, resuming and matching. The terminal front-end only reads keys
and draws.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .answers import SKIP, AnswerSet
from .model import Party, Quiz, Statement

# Keys typed at a statement (contract). Dutch keys work in every language; English adds its own.
ANSWER_KEYS = {
    "e": "eens",
    "o": "oneens",
    "n": "neutraal",
    "s": "overslaan",
    "he": "helemaal eens",
    "ho": "helemaal oneens",
}
ENGLISH_KEYS = {"a": "agree", "d": "disagree", "sa": "strongly agree", "sd": "strongly disagree"}
BACK, INFO, QUIT, PARTIES_VIEW, OVERVIEW_KEY = "b", "?", "q", "p", "l"
COMMANDS = (BACK, INFO, QUIT, PARTIES_VIEW, OVERVIEW_KEY)

# The steps of the dialogue, in order (the overview is entered from any of them).
STATEMENT, IMPORTANT, MUNICIPALITY, PARTIES, RESULT, OVERVIEW = (
    "statement",
    "important",
    "municipality",
    "parties",
    "result",
    "overview",
)

# Settings an answers file records so that resuming takes the quiz the same way.
SETTINGS = ("lang", "method", "missing", "salience", "min_coverage")


@attrs.frozen
class Answer:
    """The user gave `word` (an option name, or 'skip')."""

    word: str


@attrs.frozen
class Command:
    """A non-answer key: back, info, quit, the parties' view or the overview."""

    name: str


def parse_key(text: str, quiz: Quiz) -> Answer | Command | None:
    """What a typed line means at a statement, or None when it means nothing."""
    key = " ".join(text.strip().lower().split())
    if key in COMMANDS:
        return Command(key)
    word = ANSWER_KEYS.get(key) or ENGLISH_KEYS.get(key) or key
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


# Choosing parties ---------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, accents removed, hyphens and runs of spaces as one space: how names compare."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-_]", " ", plain).split())


@attrs.frozen
class ChoiceProblem:
    """Why a party choice failed: a word that matches no party, or a prefix that matches several."""

    kind: str  # "unknown" | "ambiguous"
    text: str
    candidates: tuple[str, ...] = ()  # party names, for "ambiguous"


@attrs.frozen
class PartyChoice:
    """The parties a typed line chose (ids; empty means all), or the problem with it."""

    ids: tuple[str, ...] = ()
    problem: ChoiceProblem | None = None


def _matches(words: str, parties: Sequence[Party]) -> list[Party]:
    """Parties whose id, name, full name or municipality equals `words`; else those it is a prefix of."""

    def names(party: Party) -> list[str]:
        return [fold(n) for n in (party.id, party.name, party.full_name) if n]

    exact = [p for p in parties if words in names(p)]
    if exact:
        return exact
    municipality = [p for p in parties if p.municipality and fold(p.municipality) == words]
    if municipality:
        return municipality
    return [p for p in parties if any(n.startswith(words) for n in names(p))]


def choose_parties(text: str, parties: Sequence[Party]) -> PartyChoice:
    """Parties by 1-based number in `parties`, id, name, municipality or an unambiguous prefix.

    Case and accents do not matter; names may contain spaces ("PvdA zwolle"): the longest run
    of words that names one party (or one municipality's parties) wins. Blank means all.
    """
    words = [w for w in re.split(r"[\s,;]+", fold(text.replace(",", " , ").replace(";", " ; "))) if w]
    chosen: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in (",", ";"):
            i += 1
            continue
        if words[i].isdigit():
            number = int(words[i])
            if not 1 <= number <= len(parties):
                return PartyChoice(problem=ChoiceProblem("unknown", words[i]))
            chosen.append(parties[number - 1].id)
            i += 1
            continue
        end = i
        while end < len(words) and words[end] not in (",", ";") and not words[end].isdigit():
            end += 1
        for j in range(end, i, -1):
            found = _matches(" ".join(words[i:j]), parties)
            exact_group = found and all(p.municipality and fold(p.municipality) == " ".join(words[i:j]) for p in found)
            if len(found) == 1 or (exact_group and len(found) > 1):
                chosen.extend(p.id for p in found)
                i = j
                break
        else:
            found = _matches(words[i], parties)
            if len(found) > 1:
                return PartyChoice(problem=ChoiceProblem("ambiguous", words[i], tuple(p.name for p in found)))
            return PartyChoice(problem=ChoiceProblem("unknown", words[i]))
    return PartyChoice(tuple(dict.fromkeys(chosen)))


def parse_party_choice(text: str, quiz: Quiz) -> list[str] | None:
    """Parties by number, id, name or prefix; blank means all (returns []); None when invalid."""
    choice = choose_parties(text, quiz.parties)
    return None if choice.problem else list(choice.ids)


def choose_municipality(text: str, names: Sequence[str]) -> tuple[bool, str | None]:
    """(valid, municipality) for a typed number, name or start of a name; blank means all (None)."""
    typed = fold(text)
    if not typed:
        return True, None
    if typed.isdigit():
        number = int(typed)
        return (True, names[number - 1]) if 1 <= number <= len(names) else (False, None)
    exact = [name for name in names if fold(name) == typed]
    matches = exact or [name for name in names if fold(name).startswith(typed)]
    return (True, matches[0]) if len(matches) == 1 else (False, None)


def municipalities(quiz: Quiz) -> list[str]:
    """The distinct municipalities of the quiz's parties, in order of first appearance."""
    return list(dict.fromkeys(p.municipality for p in quiz.parties if p.municipality))


def parties_in(quiz: Quiz, municipality: str | None) -> list[Party]:
    """The parties of `municipality` (all parties for None); a `KeyError` for an unknown one."""
    if municipality is None:
        return list(quiz.parties)
    found = [p for p in quiz.parties if p.municipality and fold(p.municipality) == fold(municipality)]
    if not found:
        raise KeyError(municipality)
    return found


# The session --------------------------------------------------------------------------------


@attrs.define
class QuizSession:
    """Where a person is in the quiz, and everything they have said so far.

    `statements` defaults to the quiz's main statements; a session over other statements
    (the tie-break ones) ends at the result step after its last statement.
    """

    quiz: Quiz
    answers: dict[str, str] = attrs.field(factory=dict)
    important: list[str] = attrs.field(factory=list)
    parties: list[str] | None = None
    index: int = 0
    statements: Sequence[Statement] = attrs.field(default=None)
    settings: dict[str, Any] = attrs.field(factory=dict)
    municipality: str | None = None
    ask_municipality: bool = True
    step: str = STATEMENT
    came_from: str = STATEMENT  # where the overview returns to
    from_overview: bool = False  # a statement opened from the overview returns to it
    completed: bool = False  # the result was reached once (saved as "finished")

    def __attrs_post_init__(self) -> None:
        if self.statements is None:
            self.statements = self.quiz.statements
        if not self.statements:
            self.step = self._after_statements()

    @classmethod
    def resume(cls, quiz: Quiz, answer_set: AnswerSet, **kwargs: Any) -> QuizSession:
        """Continue from saved answers: at the first main statement not yet answered, at the
        important step when all are answered, at the result when the quiz was finished."""
        extra = dict(answer_set.extra)
        settings = kwargs.pop("settings", None) or settings_from(extra)
        municipality = extra.get("municipality") if isinstance(extra.get("municipality"), str) else None
        session = cls(
            quiz,
            dict(answer_set.answers),
            list(answer_set.important),
            None if answer_set.parties is None else list(answer_set.parties),
            settings=settings,
            municipality=municipality,
            **kwargs,
        )
        session.index = next(
            (i for i, s in enumerate(quiz.statements) if s.id not in session.answers), len(quiz.statements)
        )
        if extra.get("finished") is True and session.index == len(quiz.statements):
            session.step, session.completed = RESULT, True
        elif session.index == len(quiz.statements):
            session.step = IMPORTANT
        return session

    # Where we are ------------------------------------------------------------------------

    @property
    def main(self) -> bool:
        return self.statements is self.quiz.statements or list(self.statements) == list(self.quiz.statements)

    @property
    def finished(self) -> bool:
        """True once the dialogue reached the result."""
        return self.step == RESULT

    @property
    def current(self) -> Statement:
        return self.statements[self.index]

    @property
    def municipalities(self) -> list[str]:
        """The municipalities to choose from; empty when there is no choice to make."""
        found = municipalities(self.quiz)
        return found if len(found) > 1 else []

    @property
    def party_list(self) -> list[Party]:
        """The parties offered at the party step (one municipality's, once it is chosen)."""
        return parties_in(self.quiz, self.municipality)

    def unanswered(self) -> list[int]:
        """Indices of main statements without an answer yet."""
        return [i for i, s in enumerate(self.quiz.statements) if s.id not in self.answers]

    def _after_statements(self) -> str:
        return IMPORTANT if self.main else RESULT

    def _steps(self) -> list[str]:
        steps = [STATEMENT, IMPORTANT]
        if self.ask_municipality and self.municipalities:
            steps.append(MUNICIPALITY)
        return [*steps, PARTIES, RESULT]

    # Moving ------------------------------------------------------------------------------

    def answer(self, word: str) -> None:
        """Record the answer to the current statement and move on."""
        self.answers[self.current.id] = word
        if self.from_overview:
            self.from_overview = False
            self.step = OVERVIEW
            return
        self.index += 1
        if self.index >= len(self.statements):
            self.step = self._after_statements()

    def back(self) -> bool:
        """Go to the previous step (or statement); False when already at the first statement."""
        if self.step == OVERVIEW:
            self.leave_overview()
            return True
        if self.step == STATEMENT:
            if self.from_overview:
                self.from_overview = False
                self.step = OVERVIEW
                return True
            if self.index == 0:
                return False
            self.index -= 1
            return True
        steps = self._steps() if self.main else [STATEMENT, RESULT]
        self.step = steps[steps.index(self.step) - 1]
        if self.step == STATEMENT:
            self.index = len(self.statements) - 1
        return True

    def open_overview(self) -> None:
        """Show all answers to jump to any statement; Enter returns here."""
        if self.step != OVERVIEW:
            self.came_from = self.step
        self.from_overview = False
        self.step = OVERVIEW

    def jump(self, number: int) -> None:
        """From the overview: answer main statement `number` (1-based) again, then return."""
        if not 1 <= number <= len(self.quiz.statements):
            raise IndexError(number)
        self.statements = self.quiz.statements
        self.index = number - 1
        self.step = STATEMENT
        self.from_overview = True

    def leave_overview(self) -> None:
        """Back to where the overview was opened (to the first open statement if it was there)."""
        self.from_overview = False
        open_ones = self.unanswered()
        if self.came_from == STATEMENT and open_ones:
            self.index = open_ones[0]
        self.step = self.came_from
        if self.step == STATEMENT and self.index >= len(self.statements):
            self.step = self._after_statements()

    def choose_important(self, text: str) -> bool:
        """Important statements by the numbers shown (answered main statements only); False when invalid."""
        chosen = parse_numbers(text, len(self.quiz.statements))
        answered = {i + 1 for i, s in enumerate(self.quiz.statements) if self.answers.get(s.id, SKIP) != SKIP}
        if chosen is None or not set(chosen) <= answered:
            return False
        self.set_important([self.quiz.statements[n - 1].id for n in chosen])
        return True

    def set_important(self, ids: Sequence[str]) -> None:
        self.important = list(ids)
        self._advance(IMPORTANT)

    def set_municipality(self, municipality: str | None) -> None:
        """Compare one municipality's programmes (None: all)."""
        if municipality is not None:
            parties_in(self.quiz, municipality)  # KeyError for an unknown one
        if municipality != self.municipality:
            self.parties = None
        self.municipality = municipality
        self._advance(MUNICIPALITY)

    def set_parties(self, ids: Sequence[str]) -> None:
        """The parties to compare; empty: all parties offered (those of the chosen municipality)."""
        if ids:
            self.parties = list(ids)
        elif self.municipality is not None:
            self.parties = [p.id for p in self.party_list]
        else:
            self.parties = None
        self._advance(PARTIES)

    def reopen(self) -> None:
        """A finished quiz opened again: the overview, from which Enter leads to the result."""
        self.step = RESULT
        self.open_overview()

    def _advance(self, done: str) -> None:
        steps = self._steps()
        self.step = steps[steps.index(done) + 1]
        self.completed = self.completed or self.step == RESULT

    def answered_statements(self) -> list[Statement]:
        """Main statements with a real (not skipped) answer, in quiz order."""
        return [s for s in self.quiz.statements if self.answers.get(s.id, SKIP) != SKIP]

    def to_answer_set(self, **extra: Any) -> AnswerSet:
        """What is saved: the answers-file document, tagged with the quiz id and its settings."""
        from . import __version__

        data: dict[str, Any] = {"quiz": self.quiz.id, **self.settings, "version": __version__}
        if self.municipality is not None:
            data["municipality"] = self.municipality
        if self.completed or self.finished:
            data["finished"] = True
        data.update(extra)
        return AnswerSet(self.answers, self.important, self.parties, data)


def settings_from(extra: Mapping[str, Any]) -> dict[str, Any]:
    """The recorded settings of an answers file (lang, method, missing, salience)."""
    return {key: extra[key] for key in SETTINGS if key in extra}
