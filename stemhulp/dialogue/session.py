"""The quiz dialogue as a small state machine, independent of any terminal.

A `QuizSession` walks the steps of the quiz: the statements one at a time (answer, skip, go
back, jump from the overview), the important statements, the municipality (when the quiz's
programmes come from several), the parties, and the result. It knows what is answered, what is
important and which parties are chosen, and turns into an `AnswerSet` (with the settings the
quiz was taken with) for saving, resuming and matching. The terminal front-end only reads keys
and draws. The steps themselves are `dialogue.step`, shared with the web.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..quiz.answers import SKIP, AnswerSet
from ..quiz.groups import fold as fold
from ..quiz.groups import municipalities as municipalities
from ..quiz.model import Party, Quiz, Statement
from .flow import (
    IMPORTANT,
    MUNICIPALITY,
    OVERVIEW,
    PARTIES,
    RESULT,
    STATEMENT,
    VIEWS,
    Action,
    AdaptiveOrder,
    Back,
    ChooseImportant,
    ChooseMunicipality,
    ChooseParties,
    Close,
    DialogueState,
    Give,
    GoOn,
    Jump,
    LeaveOverview,
    OpenOverview,
    OpenParty,
    OpenStatementParties,
    Reopen,
    StartTiebreak,
    parties_in,
    to_next_statement,
)
from .flow import step as advance

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

# Settings an answers file records so that resuming takes the quiz the same way.
SETTINGS = ("lang", "method", "missing", "salience", "min_coverage", "adaptive")


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


DEALBREAKER_SIGN = "!"  # before a number at the important step: that statement is a deal-breaker


def parse_numbers(text: str, upper: int) -> list[int] | None:
    """1-based numbers separated by spaces or commas, each in 1…upper; None when invalid."""
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    if not all(part.isdigit() and 1 <= int(part) <= upper for part in parts):
        return None
    return list(dict.fromkeys(int(part) for part in parts))


# Choosing parties ---------------------------------------------------------------------------


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


# The session --------------------------------------------------------------------------------


class QuizSession:
    """A person's quiz in progress: a `DialogueState` moved by `dialogue.step`, plus the settings.

    The terminal calls the methods below; each is one `step` of the one dialogue the web drives
    too. `statements` set to the tie-break statements starts a session over those (it ends at the
    result after the last one).
    """

    def __init__(
        self,
        quiz: Quiz,
        answers: Mapping[str, str] | None = None,
        important: Sequence[str] = (),
        parties: Sequence[str] | None = None,
        index: int = 0,
        statements: Sequence[Statement] | None = None,
        settings: Mapping[str, Any] | None = None,
        municipality: str | None = None,
        ask_municipality: bool = True,
        step: str | None = None,
        completed: bool = False,
        dealbreakers: Sequence[str] = (),
    ) -> None:
        self.quiz = quiz
        self.settings: dict[str, Any] = dict(settings or {})
        tiebreak = statements is not None and list(statements) != list(quiz.statements)
        if tiebreak and statements:
            index = list(quiz.tiebreak_statements).index(statements[0])
        state = DialogueState.start(
            quiz,
            ask_municipality=ask_municipality,
            answer_items=dict(answers or {}),
            important=tuple(important),
            parties=None if parties is None else tuple(parties),
            municipality=municipality,
            dealbreakers=tuple(dealbreakers),
            adaptive=adaptive_order(self.settings),
        )
        if tiebreak or state.adaptive is None or step is not None:
            state = attrs.evolve(state, index=index, tiebreak=tiebreak, completed=completed)
        if step is not None or tiebreak:
            state = attrs.evolve(state, step=step or STATEMENT)
        if state.step == STATEMENT and state.index >= len(state.statements):
            state = attrs.evolve(state, step=RESULT if tiebreak else IMPORTANT)
        self.state = state

    @classmethod
    def resume(cls, quiz: Quiz, answer_set: AnswerSet, **kwargs: Any) -> QuizSession:
        """Continue from saved answers: at the first main statement not yet answered, at the
        important step when all are answered, at the result when the quiz was finished. A file
        with no answer and no municipality, for a quiz with several, starts at the municipality."""
        extra = dict(answer_set.extra)
        settings = kwargs.pop("settings", None) or settings_from(extra)
        municipality = extra.get("municipality") if isinstance(extra.get("municipality"), str) else None
        if municipality is not None:
            try:
                parties_in(quiz, municipality)
            except KeyError:
                municipality = None
        session = cls(
            quiz,
            dict(answer_set.answers),
            list(answer_set.important),
            None if answer_set.parties is None else list(answer_set.parties),
            settings=settings,
            municipality=municipality,
            dealbreakers=list(answer_set.dealbreakers),
            **kwargs,
        )
        index = next((i for i, s in enumerate(quiz.statements) if s.id not in session.answers), len(quiz.statements))
        state = attrs.evolve(session.state, index=min(index, max(len(quiz.statements) - 1, 0)))
        if extra.get("finished") is True and index == len(quiz.statements):
            state = attrs.evolve(state, step=RESULT, completed=True)
        elif municipality is None and state.order()[0] == MUNICIPALITY and not answer_set.answers:
            state = attrs.evolve(state, step=MUNICIPALITY, index=min(index, len(quiz.statements)))
        elif index == len(quiz.statements):
            state = attrs.evolve(state, step=IMPORTANT)
        elif state.adaptive is not None:
            state = to_next_statement(state)
        else:
            state = attrs.evolve(state, step=STATEMENT, index=index)
        session.state = state
        return session

    def move(self, action: Action) -> bool:
        """Take one step of the dialogue; False when it went nowhere."""
        before = self.state
        self.state = advance(self.state, action)
        return self.state != before

    # Where we are ------------------------------------------------------------------------

    @property
    def step(self) -> str:
        return self.state.step

    @property
    def index(self) -> int:
        return self.state.index

    @property
    def answers(self) -> dict[str, str]:
        return self.state.answers

    @property
    def important(self) -> list[str]:
        return list(self.state.important)

    @important.setter
    def important(self, ids: Sequence[str]) -> None:
        self.state = attrs.evolve(self.state, important=tuple(ids))

    @property
    def dealbreakers(self) -> list[str]:
        """The deal-breaker statements: a party on the other side of one is excluded from the result."""
        return list(self.state.dealbreakers)

    @property
    def parties(self) -> list[str] | None:
        return None if self.state.parties is None else list(self.state.parties)

    @parties.setter
    def parties(self, ids: Sequence[str] | None) -> None:
        self.state = attrs.evolve(self.state, parties=None if ids is None else tuple(ids))

    @property
    def municipality(self) -> str | None:
        return self.state.municipality

    @property
    def statements(self) -> Sequence[Statement]:
        return self.state.statements

    @property
    def main(self) -> bool:
        return not self.state.tiebreak

    @property
    def finished(self) -> bool:
        """True at the result (or a view opened over it)."""
        return self.state.step == RESULT or (self.state.step in VIEWS and self.state.under == RESULT)

    @property
    def completed(self) -> bool:
        return self.state.completed

    @property
    def current(self) -> Statement:
        return self.state.current

    @property
    def municipalities(self) -> list[str]:
        """The municipalities to choose from; empty when there is no choice to make."""
        return self.state.municipalities

    @property
    def party_list(self) -> list[Party]:
        """The parties offered at the party step (one municipality's, once it is chosen)."""
        return self.state.offered

    @property
    def compared(self) -> tuple[str, ...]:
        """The parties the result compares."""
        return self.state.compared

    def unanswered(self) -> list[int]:
        """Indices of main statements without an answer yet."""
        return self.state.unanswered()

    def answered_statements(self) -> list[Statement]:
        """Main statements with a real (not skipped) answer, in quiz order."""
        return self.state.answered_statements()

    # Moving ------------------------------------------------------------------------------

    def answer(self, word: str) -> None:
        """Record the answer to the current statement and move on."""
        self.move(Give(word))

    def back(self) -> bool:
        """Go to the previous step (or statement); False when already at the first one."""
        return self.move(Back())

    def open_overview(self) -> None:
        """Show all answers to jump to any statement; Enter returns here."""
        self.move(OpenOverview())

    def jump(self, number: int) -> None:
        """From the overview: answer main statement `number` (1-based) again, then return."""
        if not 1 <= number <= len(self.quiz.statements):
            raise IndexError(number)
        if self.state.step != OVERVIEW:
            self.move(OpenOverview())
        self.move(Jump(number))

    def leave_overview(self) -> None:
        """Back to where the overview was opened (to the first open statement if it was there)."""
        self.move(LeaveOverview())

    def choose_important(self, text: str) -> bool:
        """Important statements by the numbers shown, deal-breakers as "!" and the number (answered
        main statements only; "3 !5" marks 3 important and 5 a deal-breaker); False when invalid."""
        words = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
        marked = [w[1:] for w in words if w.startswith(DEALBREAKER_SIGN)]
        chosen = parse_numbers(
            " ".join(w for w in words if not w.startswith(DEALBREAKER_SIGN)), len(self.quiz.statements)
        )
        breakers = parse_numbers(" ".join(marked), len(self.quiz.statements)) if all(marked) else None
        answered = {i + 1 for i, s in enumerate(self.quiz.statements) if self.answers.get(s.id, SKIP) != SKIP}
        if chosen is None or breakers is None or not set(chosen) | set(breakers) <= answered:
            return False
        ids = [s.id for s in self.quiz.statements]
        self.set_important([ids[n - 1] for n in chosen], [ids[n - 1] for n in breakers])
        return True

    def set_important(self, ids: Sequence[str], dealbreakers: Sequence[str] = ()) -> None:
        self.move(ChooseImportant(tuple(ids), tuple(dealbreakers)))

    def set_municipality(self, municipality: str | None) -> None:
        """Compare one municipality's programmes (None: all); a `KeyError` for an unknown one."""
        self.move(ChooseMunicipality(municipality))

    def set_parties(self, ids: Sequence[str]) -> None:
        """The parties to compare; empty: all parties offered (those of the chosen municipality)."""
        self.move(ChooseParties(tuple(ids)))

    def choose_municipality_given(self, municipality: str) -> None:
        """The municipality given up front (`--municipality`): no question about it is asked."""
        parties_in(self.quiz, municipality)  # KeyError for an unknown one
        keep = self.state.parties if municipality == self.state.municipality else None
        state = attrs.evolve(self.state, municipality=municipality, parties=keep, ask_municipality=False)
        if state.step == MUNICIPALITY or (state.step == STATEMENT and state.adaptive and not state.tiebreak):
            state = to_next_statement(attrs.evolve(state, step=STATEMENT, index=0))
        if state.step == PARTIES and PARTIES not in state.order():
            state = attrs.evolve(state, step=RESULT)
        self.state = state

    def go_on(self) -> None:
        """After the adaptive quiz stopped early: the statements not asked yet."""
        self.move(GoOn())

    def start_tiebreak(self) -> None:
        """From the result: the tie-break statements not answered yet."""
        self.move(StartTiebreak())

    def open_party(self, party_id: str) -> Party:
        """From the result: one party's drill-down; the party shown."""
        self.move(OpenParty(party_id))
        return self.state.shown_party

    def open_statement_parties(self, statement_id: str) -> Statement:
        """What the parties think of the current statement (or, from the result, of any); the statement."""
        self.move(OpenStatementParties(statement_id))
        return self.state.shown_statement

    def close_view(self) -> None:
        """Close an open view (the person moved on to something else); nothing when none is open."""
        if self.state.step in VIEWS:
            self.move(Close())

    def reopen(self) -> None:
        """A finished quiz opened again: the overview, from which Enter leads to the result."""
        self.move(Reopen())

    def to_answer_set(self, **extra: Any) -> AnswerSet:
        """What is saved: the answers-file document, tagged with the quiz id and its settings."""
        from .._version import __version__

        data: dict[str, Any] = {"quiz": self.quiz.id, **self.settings, "version": __version__}
        if self.municipality is not None:
            data["municipality"] = self.municipality
        if self.completed or self.finished:
            data["finished"] = True
        data.update(extra)
        return AnswerSet(self.answers, self.important, self.parties, data, self.dealbreakers)


def adaptive_order(settings: Mapping[str, Any]) -> AdaptiveOrder | None:
    """The adaptive quiz's settings when `settings` ask for it (`adaptive: true`), else None."""
    if settings.get("adaptive") is not True:
        return None
    defaults = AdaptiveOrder()
    return AdaptiveOrder(
        settings.get("method", defaults.method),
        settings.get("missing", defaults.missing),
        bool(settings.get("salience", defaults.salience)),
        float(settings.get("min_coverage", defaults.min_coverage)),
    )


def settings_from(extra: Mapping[str, Any]) -> dict[str, Any]:
    """The recorded settings of an answers file (lang, method, missing, salience)."""
    return {key: extra[key] for key in SETTINGS if key in extra}
