"""The one quiz dialogue: a frozen state and `step(state, action)`, driven by the terminal and the web.

The steps, in order: the municipality (first, when the quiz's programmes come from several), the
statements one at a time, the important statements, the parties (when there is a choice), the
result; the overview (jump to any answer) opens from any step, and the result can open the
tie-break statements. In the adaptive quiz (`DialogueState.adaptive`) the statements come in the
order of `matching.adaptive.next_statement`, and the statements step ends early when the top advice
is firm; `GoOn` then leads through the statements not asked (the full set). Two views open over a
step and close back to it: what the parties think of a statement (from that statement, or of any
statement from the result) and one party's answers next to yours, statement by statement (the
drill-down, from the result). A step that does not fit the state raises `NotHere`; a move that goes
nowhere (back at the very first step) returns the state unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..matching.methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING
from ..quiz.answers import SKIP
from ..quiz.groups import municipalities, parties_in
from ..quiz.model import Party, Quiz, Statement

if TYPE_CHECKING:
    from ..matching.adaptive import Verdict

STATEMENT, IMPORTANT, MUNICIPALITY, PARTIES, RESULT, OVERVIEW = (
    "statement",
    "important",
    "municipality",
    "parties",
    "result",
    "overview",
)
PARTY, STANCES = "party", "stances"  # views over a step: one party's drill-down, the parties on one statement
VIEWS = (PARTY, STANCES)


class NotHere(ValueError):
    """An action that does not fit the dialogue's current step."""


def fingerprint(quiz: Quiz) -> str:
    """Eight hex digits that change when the quiz's statements, tie-breaks, scale or parties do."""
    parts = [
        quiz.id,
        "|".join(s.id for s in quiz.statements),
        "|".join(s.id for s in quiz.tiebreak_statements),
        "|".join(quiz.scale.options),
        "|".join(p.id for p in quiz.parties),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:8]


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _optional_ids(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


# Actions ------------------------------------------------------------------------------------


@attrs.frozen
class Give:
    """Answer the current statement with an option name (or 'skip')."""

    word: str


@attrs.frozen
class Back:
    """One step (or statement) back."""


@attrs.frozen
class OpenOverview:
    """Show all answers, to jump to any of them."""


@attrs.frozen
class Jump:
    """From the overview: answer main statement `number` (1-based) again, then return."""

    number: int


@attrs.frozen
class LeaveOverview:
    """Back to where the overview was opened."""


@attrs.frozen
class ChooseMunicipality:
    """Compare one municipality's programmes (None: all, a comparison of programmes)."""

    name: str | None


@attrs.frozen
class ChooseImportant:
    """The statements (ids) that count double, and the deal-breakers (a party on the other side is out)."""

    ids: tuple[str, ...] = attrs.field(converter=_ids)
    dealbreakers: tuple[str, ...] = attrs.field(default=(), converter=_ids)


@attrs.frozen
class ChooseParties:
    """The parties (ids) to compare; empty: all offered."""

    ids: tuple[str, ...] = attrs.field(converter=_ids)


@attrs.frozen
class StartTiebreak:
    """From the result: answer the tie-break statements."""


@attrs.frozen
class Reopen:
    """A finished quiz opened again: the overview, from which leaving leads to the result."""


@attrs.frozen
class OpenParty:
    """From the result: one compared party's positions next to your answers (the drill-down)."""

    party_id: str


@attrs.frozen
class OpenStatementParties:
    """What the parties think of a statement: the current one at a statement, any one from the result."""

    statement_id: str


@attrs.frozen
class Close:
    """Close the open view (a party, or the parties on a statement): back to the step under it."""


@attrs.frozen
class GoOn:
    """After an adaptive quiz stopped early: answer the statements not asked yet, the full set."""


Action = (Give | Back | OpenOverview | Jump | LeaveOverview | ChooseMunicipality | ChooseImportant | ChooseParties) | (
    StartTiebreak | Reopen | OpenParty | OpenStatementParties | Close | GoOn
)


@attrs.frozen
class AdaptiveOrder:
    """The adaptive quiz's settings: the matching its choice and stopping rule assume (the quiz's own)."""

    method: str = DEFAULT_METHOD
    missing: str = DEFAULT_MISSING
    salience: bool = False
    min_coverage: float = DEFAULT_MIN_COVERAGE


# The state ----------------------------------------------------------------------------------


def _frozen_answers(value: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(value.items()) if isinstance(value, Mapping) else tuple(value)


@attrs.frozen
class DialogueState:
    """Where a person is in the quiz and everything they have said so far."""

    quiz: Quiz = attrs.field(eq=False, repr=False)
    answer_items: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_frozen_answers)
    important: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    parties: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_ids)
    municipality: str | None = None
    ask_municipality: bool = True
    step: str = STATEMENT
    index: int = 0
    tiebreak: bool = False  # walking the tie-break statements
    came_from: str = STATEMENT  # where the overview returns to
    from_overview: bool = False  # a statement opened from the overview returns to it
    completed: bool = False  # the result was reached once
    shown: str = ""  # in a view: the party's or the statement's id
    under: str = ""  # in a view: the step it was opened over, where closing returns
    dealbreakers: tuple[str, ...] = attrs.field(default=(), converter=_ids)  # a party on the other side is out
    adaptive: AdaptiveOrder | None = None  # None: the statements in quiz order, all of them
    go_on: bool = False  # the adaptive quiz stopped early and the person chose the full set

    @classmethod
    def start(cls, quiz: Quiz, *, ask_municipality: bool = True, **fields: object) -> DialogueState:
        """A new dialogue at its first step (the municipality when there is a choice to make)."""
        state = cls(quiz, ask_municipality=ask_municipality, **fields)  # type: ignore[arg-type]
        state = attrs.evolve(state, step=state.order()[0])
        return to_next_statement(state) if state.step == STATEMENT and state.adaptive else state

    # Reading -------------------------------------------------------------------------------

    @property
    def answers(self) -> dict[str, str]:
        return dict(self.answer_items)

    @property
    def statements(self) -> Sequence[Statement]:
        return self.quiz.tiebreak_statements if self.tiebreak else self.quiz.statements

    @property
    def current(self) -> Statement:
        return self.statements[self.index]

    @property
    def municipalities(self) -> list[str]:
        """The municipalities to choose from; empty when there is no choice to make."""
        found = municipalities(self.quiz)
        return found if len(found) > 1 else []

    @property
    def offered(self) -> list[Party]:
        """The parties offered at the party step (one municipality's, once it is chosen)."""
        return parties_in(self.quiz, self.municipality)

    @property
    def compared(self) -> tuple[str, ...]:
        """The parties the result compares: those chosen, else all offered."""
        return self.parties if self.parties else tuple(p.id for p in self.offered)

    @property
    def single_programme(self) -> bool:
        """True when the result is about one programme: no ranking, only how far you agree."""
        return len(self.compared) == 1

    @property
    def comparison_only(self) -> bool:
        """True when programmes of several municipalities are compared: a comparison, not advice."""
        towns = {self.quiz.party_by_id[p].municipality for p in self.compared}
        return len(municipalities(self.quiz)) > 1 and len(towns) > 1

    @property
    def shown_party(self) -> Party:
        """The party of the open drill-down."""
        return self.quiz.party_by_id[self.shown]

    @property
    def shown_statement(self) -> Statement:
        """The statement whose parties' positions are open (main or tie-break)."""
        return {s.id: s for s in (*self.quiz.statements, *self.quiz.tiebreak_statements)}[self.shown]

    def verdict(self) -> Verdict:
        """The adaptive quiz's next statement and stop verdict for the answers so far (adaptive only)."""
        from ..matching.adaptive import next_statement

        rule = self.adaptive or AdaptiveOrder()
        return next_statement(
            self.quiz,
            self.answers,
            important=self.important,
            parties=self.compared,
            method=rule.method,
            missing=rule.missing,
            salience=rule.salience,
            min_coverage=rule.min_coverage,
        )

    @property
    def stopped_early(self) -> bool:
        """The adaptive quiz left the statements before all were asked (the full set is offered)."""
        after = self.under if self.step in VIEWS else self.step
        return self.adaptive is not None and after in (IMPORTANT, PARTIES, RESULT) and bool(self.unanswered())

    def asked_order(self) -> list[int]:
        """Indices of the answered main statements, in the order they were first answered."""
        position = {s.id: i for i, s in enumerate(self.quiz.statements)}
        return [position[key] for key, _ in self.answer_items if key in position]

    def unanswered(self) -> list[int]:
        """Indices of main statements without an answer yet."""
        answered = dict(self.answer_items)
        return [i for i, s in enumerate(self.quiz.statements) if s.id not in answered]

    def pending_tiebreaks(self) -> list[Statement]:
        answered = dict(self.answer_items)
        return [s for s in self.quiz.tiebreak_statements if s.id not in answered]

    def answered_statements(self) -> list[Statement]:
        """Main statements with a real (not skipped) answer, in quiz order."""
        answered = dict(self.answer_items)
        return [s for s in self.quiz.statements if answered.get(s.id, SKIP) != SKIP]

    def order(self) -> list[str]:
        """The dialogue's steps for this quiz and municipality, in order."""
        steps = [MUNICIPALITY] if self.ask_municipality and self.municipalities else []
        steps += [STATEMENT, IMPORTANT]
        if len(self.offered) > 1:
            steps.append(PARTIES)
        return [*steps, RESULT]


def offers_tiebreak(state: DialogueState, margin: float | None) -> bool:
    """Whether the result offers the tie-break statements: a close call between the top two (the one
    rule, `results.is_close_call`) while some tie-break statement is unanswered."""
    from ..matching.results import is_close_call

    return margin is not None and is_close_call(margin) and bool(state.pending_tiebreaks())


# Moving -------------------------------------------------------------------------------------


def to_next_statement(state: DialogueState) -> DialogueState:
    """At the statements step: the main statement to ask next (the first open one; in the adaptive
    quiz the most informative one). With none left, or when the adaptive quiz may stop (and the
    person did not choose the full set), the step after the statements."""
    open_ones = state.unanswered()
    if open_ones and state.adaptive is not None:
        verdict = state.verdict()
        index = [s.id for s in state.quiz.statements].index(verdict.statement) if verdict.statement else -1
        open_ones = [] if verdict.stop and not state.go_on else [index]
    if not open_ones:
        return _after(attrs.evolve(state, index=len(state.quiz.statements), tiebreak=False), STATEMENT)
    return attrs.evolve(state, step=STATEMENT, index=open_ones[0], tiebreak=False)


def step(state: DialogueState, action: Action) -> DialogueState:
    """The state after `action`; `NotHere` when the action does not fit the current step."""
    mover = _MOVES.get(type(action))
    if mover is None:
        raise NotHere(f"unknown action {action!r}")
    return mover(state, action)


def _need(state: DialogueState, *steps: str) -> None:
    if state.step not in steps:
        raise NotHere(f"not at the {' or '.join(steps)} step (at {state.step})")


def _after(state: DialogueState, done: str) -> DialogueState:
    order = state.order()
    following = order[order.index(done) + 1]
    if following == STATEMENT:
        return to_next_statement(state)
    return attrs.evolve(state, step=following, completed=state.completed or following == RESULT)


def _after_statements(state: DialogueState) -> DialogueState:
    if state.tiebreak:
        return attrs.evolve(state, step=RESULT, tiebreak=False, index=0)
    return _after(state, STATEMENT)


def _give(state: DialogueState, action: Give) -> DialogueState:
    _need(state, STATEMENT)
    answers = {**state.answers, state.current.id: action.word}
    state = attrs.evolve(state, answer_items=answers)
    if state.from_overview:
        return attrs.evolve(state, step=OVERVIEW, from_overview=False)
    if state.adaptive is not None and not state.tiebreak:
        return to_next_statement(state)
    state = attrs.evolve(state, index=state.index + 1)
    return _after_statements(state) if state.index >= len(state.statements) else state


def _back(state: DialogueState, action: Back) -> DialogueState:
    if state.step in VIEWS:
        return _close(state, Close())
    if state.step == OVERVIEW:
        return _leave(state, LeaveOverview())
    if state.step == STATEMENT:
        if state.from_overview:
            return attrs.evolve(state, step=OVERVIEW, from_overview=False)
        if state.adaptive is not None and not state.tiebreak:
            earlier = _asked_before(state)
            if earlier is not None:
                return attrs.evolve(state, index=earlier)
        elif state.index > 0:
            return attrs.evolve(state, index=state.index - 1)
        if state.tiebreak:
            return attrs.evolve(state, step=RESULT, tiebreak=False)
    order = state.order()
    position = order.index(state.step)
    if position == 0:
        return state
    previous = order[position - 1]
    index = len(state.quiz.statements) - 1 if previous == STATEMENT else state.index
    if previous == STATEMENT and state.adaptive is not None and state.asked_order():
        index = state.asked_order()[-1]
    return attrs.evolve(state, step=previous, index=max(index, 0), tiebreak=False)


def _asked_before(state: DialogueState) -> int | None:
    """In the adaptive quiz: the statement answered before the current one (the last answered one
    when the current one is open); None at the first."""
    asked = state.asked_order()
    position = asked.index(state.index) if state.index in asked else len(asked)
    return asked[position - 1] if position > 0 else None


def _open(state: DialogueState, action: OpenOverview) -> DialogueState:
    if state.step in VIEWS:
        state = _close(state, Close())
    came_from = state.came_from if state.step == OVERVIEW else state.step
    if state.tiebreak:
        came_from = RESULT
    return attrs.evolve(state, step=OVERVIEW, came_from=came_from, from_overview=False, tiebreak=False)


def _jump(state: DialogueState, action: Jump) -> DialogueState:
    _need(state, OVERVIEW)
    if not 1 <= action.number <= len(state.quiz.statements):
        raise NotHere(f"no statement {action.number}")
    return attrs.evolve(state, step=STATEMENT, index=action.number - 1, tiebreak=False, from_overview=True)


def _leave(state: DialogueState, action: LeaveOverview) -> DialogueState:
    _need(state, OVERVIEW)
    state = attrs.evolve(state, from_overview=False, step=state.came_from)
    if state.step == STATEMENT:
        if state.adaptive is not None or state.unanswered():
            return to_next_statement(state)
        if state.index >= len(state.quiz.statements):
            return _after(state, STATEMENT)
    return state


def _municipality(state: DialogueState, action: ChooseMunicipality) -> DialogueState:
    _need(state, MUNICIPALITY)
    name = action.name
    if name is not None:
        name = parties_in(state.quiz, name)[0].municipality  # KeyError for an unknown one
    parties = state.parties if name == state.municipality else None
    return _after(attrs.evolve(state, municipality=name, parties=parties), MUNICIPALITY)


def _important(state: DialogueState, action: ChooseImportant) -> DialogueState:
    _need(state, IMPORTANT)
    return _after(attrs.evolve(state, important=action.ids, dealbreakers=action.dealbreakers), IMPORTANT)


def _parties(state: DialogueState, action: ChooseParties) -> DialogueState:
    _need(state, PARTIES)
    offered = [p.id for p in state.offered]
    unknown = [p for p in action.ids if p not in offered]
    if unknown:
        raise NotHere(f"parties not offered: {unknown}")
    if action.ids:
        parties: tuple[str, ...] | None = action.ids
    elif state.municipality is not None:
        parties = tuple(offered)
    else:
        parties = None
    return _after(attrs.evolve(state, parties=parties), PARTIES)


def _tiebreak(state: DialogueState, action: StartTiebreak) -> DialogueState:
    _need(state, RESULT)
    pending = state.pending_tiebreaks()
    if not pending:
        raise NotHere("no tie-break statement left")
    index = list(state.quiz.tiebreak_statements).index(pending[0])
    return attrs.evolve(state, step=STATEMENT, tiebreak=True, index=index, from_overview=False)


def _reopen(state: DialogueState, action: Reopen) -> DialogueState:
    return attrs.evolve(state, step=OVERVIEW, came_from=RESULT, from_overview=False, tiebreak=False, completed=True)


def _open_party(state: DialogueState, action: OpenParty) -> DialogueState:
    under = _view_base(state, RESULT)
    if action.party_id not in state.compared:
        raise NotHere(f"party {action.party_id!r} is not compared")
    return attrs.evolve(state, step=PARTY, shown=action.party_id, under=under)


def _open_stances(state: DialogueState, action: OpenStatementParties) -> DialogueState:
    under = _view_base(state, STATEMENT, RESULT)
    known = [s.id for s in (*state.quiz.statements, *state.quiz.tiebreak_statements)]
    if action.statement_id not in known:
        raise NotHere(f"no statement {action.statement_id!r}")
    if under == STATEMENT and action.statement_id != state.current.id:
        raise NotHere(f"at a statement, only its own parties' view opens (not {action.statement_id!r})")
    return attrs.evolve(state, step=STANCES, shown=action.statement_id, under=under)


def _view_base(state: DialogueState, *bases: str) -> str:
    """The step a view opens over: the current one, or the one under the open view (views replace each other)."""
    base = state.under if state.step in VIEWS else state.step
    if base not in bases:
        raise NotHere(f"not at the {' or '.join(bases)} step (at {state.step})")
    return base


def _close(state: DialogueState, action: Close) -> DialogueState:
    _need(state, *VIEWS)
    return attrs.evolve(state, step=state.under, shown="", under="")


def _go_on(state: DialogueState, action: GoOn) -> DialogueState:
    _need(state, IMPORTANT, PARTIES, RESULT)
    if not state.stopped_early:
        raise NotHere("no statement left to ask")
    return to_next_statement(attrs.evolve(state, go_on=True, from_overview=False))


_MOVES: dict[type, Callable[[DialogueState, Any], DialogueState]] = {
    Give: _give,
    Back: _back,
    OpenOverview: _open,
    Jump: _jump,
    LeaveOverview: _leave,
    ChooseMunicipality: _municipality,
    ChooseImportant: _important,
    ChooseParties: _parties,
    StartTiebreak: _tiebreak,
    Reopen: _reopen,
    OpenParty: _open_party,
    OpenStatementParties: _open_stances,
    Close: _close,
    GoOn: _go_on,
}
