"""Where a person is in the web quiz, carried in the page as hidden form fields (nothing on the server).

Fields: `lang`; `a`, one character per statement (main, then tie-break): `-` not answered, `s`
skipped, or the option's digit; `i`, one `0`/`1` per statement for "counts double"; `p`, the
chosen parties' numbers (blank: all); `m`, the municipality's number (blank: all); `view` and `n`,
the page and statement shown (on `party`, the party's number; `stances` is the parties on the current
statement, `result-stances` on statement `n` opened from the result); `o`, the step the overview
returns to; `q`, the quiz's fingerprint; in the adaptive quiz `k`, the main statements' numbers in
the order they were asked (for back and the question count), and `g`, `1` once the person chose
the full set after an early stop.
It is the serialisation of the one dialogue's `DialogueState`. Everything is checked against the
quiz on every request, so a tampered or stale page gives a clear 400, never a wrong answer; a page or
saved link of another version of the quiz is refused, never re-mapped. No key signs it: the fields hold only
the person's own answers, and a server restart must not invalidate an open page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from ..dialogue.flow import (
    IMPORTANT,
    MUNICIPALITY,
    OVERVIEW,
    PARTIES,
    PARTY,
    RESULT,
    STANCES,
    STATEMENT,
    AdaptiveOrder,
    DialogueState,
    fingerprint,
    municipalities,
)
from ..dialogue.flow import VIEWS as DIALOGUE_VIEWS
from ..errors import AnswersError, OtherQuizError
from ..quiz.answers import SKIP, AnswerSet
from ..quiz.model import Quiz
from .form import numbers
from .words import LANGS

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
RESULT_STANCES = "result-stances"  # the parties on a statement, opened from the result
VIEWS = ("intro", STATEMENT, IMPORTANT, MUNICIPALITY, PARTIES, RESULT, OVERVIEW, *DIALOGUE_VIEWS, RESULT_STANCES)
NOT_ANSWERED = "-"
MARKS = "0123"  # a statement's marks in the "i" field: 1 important (counts double), 2 deal-breaker, 3 both
IMPORTANT_BIT, DEALBREAKER_BIT = 1, 2
FIELDS = ("lang", "a", "i", "p", "m", "view", "n", "o", "q", "k", "g")


@attrs.frozen
class FlowState:
    """One person's quiz in progress: answers, important statements, chosen parties, current page."""

    lang: str = "nl"
    answers: str = ""  # one character per statement
    important: str = ""  # one mark per statement: 0 none, bit 1 important, bit 2 deal-breaker (0 … 3)
    parties: tuple[int, ...] = ()  # chosen party numbers; () = all
    municipality: int | None = None
    view: str = "statement"
    n: int = 0
    back_to: str = ""  # where the overview returns to ("" when not in or from the overview)
    quiz_print: str = ""
    asked: tuple[int, ...] = ()  # adaptive quiz: main statement numbers in the order asked
    go_on: bool = False  # adaptive quiz: the full set chosen after an early stop

    @classmethod
    def fresh(cls, quiz: Quiz, lang: str) -> FlowState:
        count = len(quiz.statements) + len(quiz.tiebreak_statements)
        return cls(lang if lang in LANGS else "nl", NOT_ANSWERED * count, "0" * count, quiz_print=fingerprint(quiz))

    @classmethod
    def parse(cls, form: Mapping[str, str], quiz: Quiz) -> FlowState:
        """The state from a submitted page; an `AnswersError` naming the field when it does not fit."""
        count = len(quiz.statements) + len(quiz.tiebreak_statements)
        if form.get("q", "") != fingerprint(quiz):
            raise OtherQuizError(f"q: this page belongs to another version of quiz {quiz.id!r}")
        problems = []
        lang = form.get("lang", "nl")
        if lang not in LANGS:
            problems.append(f"lang: unknown language {lang!r}")
        answers = form.get("a", "")
        allowed = set(DIGITS[: quiz.scale.size]) | {NOT_ANSWERED, "s"}
        if len(answers) != count or not set(answers) <= allowed:
            problems.append(f"a: expected {count} characters from {''.join(sorted(allowed))!r}")
        important = form.get("i", "")
        if len(important) != count or not set(important) <= set(MARKS):
            problems.append(f"i: expected {count} characters from {MARKS!r}")
        parties = _numbers(form.get("p", ""), len(quiz.parties), "p", problems)
        places = municipalities(quiz)
        municipality = _numbers(form.get("m", ""), len(places), "m", problems)
        view = form.get("view", "statement")
        if view not in VIEWS:
            problems.append(f"view: unknown page {view!r}")
        n = _numbers(form.get("n", "0"), len(quiz.parties) if view == PARTY else count, "n", problems)
        back_to = form.get("o", "")
        if back_to not in ("", *VIEWS[1:7]):
            problems.append(f"o: unknown page {back_to[:40]!r}")
        asked = _numbers(form.get("k", ""), len(quiz.statements), "k", problems)
        go_on = form.get("g", "")
        if go_on not in ("", "1"):
            problems.append(f"g: expected 1 or nothing, got {go_on[:40]!r}")
        if problems:
            raise AnswersError(problems)
        return cls(
            lang,
            answers,
            important,
            tuple(parties),
            municipality[0] if municipality else None,
            view,
            n[0] if n else 0,
            back_to,
            fingerprint(quiz),
            tuple(asked),
            go_on == "1",
        )

    def fields(self) -> dict[str, str]:
        """The hidden form fields that carry this state."""
        return {
            "lang": self.lang,
            "a": self.answers,
            "i": self.important,
            "p": ",".join(map(str, self.parties)),
            "m": "" if self.municipality is None else str(self.municipality),
            "view": self.view,
            "n": str(self.n),
            "o": self.back_to,
            "q": self.quiz_print,
            "k": ",".join(map(str, self.asked)),
            "g": "1" if self.go_on else "",
        }

    def code(self, index: int) -> int | None:
        """The option chosen at statement `index`; None when skipped or not answered."""
        char = self.answers[index]
        return None if char in (NOT_ANSWERED, "s") else DIGITS.index(char)

    def with_answer(self, index: int, code: int | None) -> FlowState:
        char = "s" if code is None else DIGITS[code]
        return attrs.evolve(self, answers=self.answers[:index] + char + self.answers[index + 1 :])

    def with_important(self, indices: Sequence[int], dealbreakers: Sequence[int] = ()) -> FlowState:
        """The marks: `indices` count double, `dealbreakers` exclude a party on the other side."""
        return attrs.evolve(self, important=_marks(len(self.important), indices, dealbreakers))

    def marked(self, bit: int) -> list[int]:
        """The statement indices carrying mark `bit` (IMPORTANT_BIT or DEALBREAKER_BIT)."""
        return [i for i, mark in enumerate(self.important) if MARKS.index(mark) & bit]

    def at(self, view: str, n: int = 0) -> FlowState:
        return attrs.evolve(self, view=view, n=n)

    def answer_set(self, quiz: Quiz) -> AnswerSet:
        """The answers document: words per answered statement, important ids, chosen parties."""
        statements = [*quiz.statements, *quiz.tiebreak_statements]
        words = {}
        for index, statement in enumerate(statements):
            char = self.answers[index]
            if char != NOT_ANSWERED:
                words[statement.id] = SKIP if char == "s" else quiz.scale.options[DIGITS.index(char)]
        important = tuple(statements[i].id for i in self.marked(IMPORTANT_BIT))
        dealbreakers = tuple(statements[i].id for i in self.marked(DEALBREAKER_BIT))
        parties = tuple(quiz.parties[i].id for i in self.parties) or None
        return AnswerSet(words, important, parties, {"quiz": quiz.id}, dealbreakers)  # attrs converter


def to_dialogue(flow: FlowState, quiz: Quiz, adaptive: AdaptiveOrder | None = None) -> DialogueState:
    """The dialogue state this page carries (the intro page is the dialogue's first step); `adaptive`
    is the server's adaptive quiz, if it runs one."""
    answer_set = flow.answer_set(quiz)
    first = [quiz.statements[i].id for i in flow.asked if quiz.statements[i].id in answer_set.answers]
    answers = {key: answer_set.answers[key] for key in [*first, *answer_set.answers]}  # in the order asked
    main = len(quiz.statements)
    places = municipalities(quiz)
    on_statement = flow.view in (STATEMENT, STANCES)
    tiebreak = on_statement and flow.n >= main
    start = DialogueState.start(quiz)  # its first step only
    step = start.step if flow.view == "intro" else STANCES if flow.view == RESULT_STANCES else flow.view
    shown, under = "", ""
    if flow.view == PARTY:
        shown, under = quiz.parties[flow.n].id, RESULT
    elif step == STANCES:
        shown = [*quiz.statements, *quiz.tiebreak_statements][flow.n].id
        under = STATEMENT if on_statement else RESULT
    state = DialogueState(
        quiz,
        answers,
        answer_set.important,
        answer_set.parties,
        None if flow.municipality is None else places[flow.municipality],
        step=step,
        index=flow.n - main if tiebreak else min(flow.n, max(main - 1, 0)) if on_statement else 0,
        tiebreak=tiebreak,
        came_from=flow.back_to or STATEMENT,
        from_overview=on_statement and bool(flow.back_to),
        shown=shown,
        under=under,
        dealbreakers=answer_set.dealbreakers,
        adaptive=adaptive,
        go_on=flow.go_on,
    )
    if flow.view == PARTY and shown not in state.compared:
        raise AnswersError(f"n: party {flow.n} is not one of the compared parties")
    return state


def from_dialogue(state: DialogueState, flow: FlowState) -> FlowState:
    """The page fields for a dialogue state (language and fingerprint kept from `flow`)."""
    quiz = state.quiz
    statements = [*quiz.statements, *quiz.tiebreak_statements]
    answers = state.answers
    places = municipalities(quiz)
    party_numbers = {p.id: i for i, p in enumerate(quiz.parties)}
    back_to = state.came_from if state.step == OVERVIEW or state.from_overview else ""
    n = min(state.index + (len(quiz.statements) if state.tiebreak else 0), len(statements) - 1)
    if state.step == PARTY:
        n = party_numbers[state.shown]
    elif state.step == STANCES:
        n = [s.id for s in statements].index(state.shown)
    elif state.step not in (STATEMENT, OVERVIEW):
        n = 0
    view = RESULT_STANCES if state.step == STANCES and state.under == RESULT else state.step
    return attrs.evolve(
        flow,
        answers="".join(_char(quiz, answers.get(s.id)) for s in statements),
        important=_marks(
            len(statements),
            [i for i, s in enumerate(statements) if s.id in state.important],
            [i for i, s in enumerate(statements) if s.id in state.dealbreakers],
        ),
        parties=tuple(party_numbers[p] for p in state.parties or ()),
        municipality=None if state.municipality is None else places.index(state.municipality),
        view=view,
        n=n,
        back_to=back_to,
        asked=tuple(state.asked_order()) if state.adaptive is not None else (),
        go_on=state.go_on,
    )


def _char(quiz: Quiz, word: str | None) -> str:
    if word is None:
        return NOT_ANSWERED
    return "s" if word == SKIP else DIGITS[quiz.scale.options.index(word)]


def _numbers(text: str, upper: int, field: str, problems: list[str]) -> list[int]:
    """Comma-separated numbers in 0…upper-1."""
    try:
        return numbers(text, upper, field)
    except AnswersError as error:
        problems.extend(error.problems)
        return []


def _marks(count: int, important: Sequence[int], dealbreakers: Sequence[int]) -> str:
    """The "i" field: per statement the sum of its mark bits, as one character of MARKS."""
    bits = [0] * count
    for i in important:
        bits[i] |= IMPORTANT_BIT
    for i in dealbreakers:
        bits[i] |= DEALBREAKER_BIT
    return "".join(MARKS[b] for b in bits)
