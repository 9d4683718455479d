"""The one dialogue (`dialogue.step` over a frozen state): its order, its moves, and the web's form
fields as its serialisation (a round trip, and a page of another quiz version refused)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stemhulp
from stemhulp.dialogue.flow import (
    IMPORTANT,
    MUNICIPALITY,
    OVERVIEW,
    PARTIES,
    PARTY,
    RESULT,
    STANCES,
    STATEMENT,
    VIEWS,
    Back,
    ChooseImportant,
    ChooseMunicipality,
    ChooseParties,
    Close,
    DialogueState,
    Give,
    Jump,
    LeaveOverview,
    NotHere,
    OpenOverview,
    OpenParty,
    OpenStatementParties,
    StartTiebreak,
    fingerprint,
    step,
)

from ..web.web_quiz import web_document


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load(web_document())


def test_the_municipality_comes_first_and_a_town_of_two_has_a_party_step(quiz):
    state = DialogueState.start(quiz)
    assert state.step == MUNICIPALITY and state.order() == [MUNICIPALITY, STATEMENT, IMPORTANT, PARTIES, RESULT]
    state = step(state, ChooseMunicipality("aadorp"))  # any case
    assert (state.step, state.index, state.municipality) == (STATEMENT, 0, "Aadorp")
    for _ in quiz.statements:
        state = step(state, Give("agree"))
    assert state.step == IMPORTANT
    state = step(step(state, ChooseImportant(["s1"])), ChooseParties([]))
    assert state.step == RESULT and state.compared == ("a", "b") and not state.single_programme
    assert not state.comparison_only


def test_all_municipalities_is_a_comparison(quiz):
    state = step(DialogueState.start(quiz), ChooseMunicipality(None))
    assert state.compared == ("a", "b", "c", "d") and state.comparison_only


def test_one_party_chosen_is_a_single_programme(quiz):
    state = step(DialogueState.start(quiz), ChooseMunicipality("Beestad"))
    state = attrs.evolve(state, step=PARTIES)
    state = step(state, ChooseParties(["c"]))
    assert state.step == RESULT and state.single_programme


def test_back_from_the_first_statement_is_the_municipality_and_from_there_nowhere(quiz):
    start = DialogueState.start(quiz)
    assert step(start, Back()) == start  # nowhere to go: unchanged
    state = step(start, ChooseMunicipality("Aadorp"))
    assert step(state, Back()).step == MUNICIPALITY


def test_overview_jump_answer_and_return(quiz):
    state = step(DialogueState.start(quiz), ChooseMunicipality("Aadorp"))
    state = step(step(state, Give("agree")), Give("agree"))
    state = step(state, OpenOverview())
    assert state.step == OVERVIEW and state.came_from == STATEMENT
    state = step(state, Jump(1))
    assert state.step == STATEMENT and state.current.id == "s1" and state.from_overview
    state = step(state, Give("disagree"))
    assert state.step == OVERVIEW and state.answers["s1"] == "disagree"
    state = step(state, LeaveOverview())
    assert state.step == STATEMENT and state.current.id == "s3"  # the first open one


def test_tiebreak_from_the_result_and_back(quiz):
    state = DialogueState(quiz, {"s1": "agree"}, step=RESULT)
    state = step(state, StartTiebreak())
    assert state.step == STATEMENT and state.tiebreak and state.current.id == "t1"
    state = step(step(state, Give("agree")), Give("disagree"))
    assert state.step == RESULT and not state.tiebreak
    with pytest.raises(NotHere):
        step(state, StartTiebreak())  # none left


def test_the_parties_on_the_current_statement_open_and_close_back_to_it(quiz):
    state = step(step(DialogueState.start(quiz), ChooseMunicipality("Aadorp")), Give("agree"))
    state = step(state, OpenStatementParties("s2"))
    assert (state.step, state.shown_statement.id, state.under, state.current.id) == (STANCES, "s2", STATEMENT, "s2")
    with pytest.raises(NotHere):
        step(state, Give("agree"))  # close the view first
    with pytest.raises(NotHere):
        step(step(state, Close()), OpenStatementParties("s3"))  # at a statement: only its own parties' view
    for closing in (Close(), Back()):
        closed = step(state, closing)
        assert (closed.step, closed.current.id, closed.shown, closed.under) == (STATEMENT, "s2", "", "")


def test_from_the_result_a_party_and_any_statement_open_one_after_the_other(quiz):
    state = DialogueState(quiz, {"s1": "agree", "s2": "disagree"}, municipality="Aadorp", step=RESULT)
    state = step(state, OpenParty("b"))
    assert (state.step, state.shown_party.name, state.under) == (PARTY, "Partij B", RESULT)
    state = step(state, OpenStatementParties("t1"))  # a tie-break statement too; it replaces the party view
    assert (state.step, state.shown, state.under) == (STANCES, "t1", RESULT)
    state = step(state, OpenParty("a"))
    assert step(state, Close()).step == RESULT and step(state, Back()).step == RESULT
    overview = step(state, OpenOverview())
    assert (overview.step, overview.came_from, overview.shown) == (OVERVIEW, RESULT, "")
    with pytest.raises(NotHere):
        step(state, OpenParty("c"))  # Beestad's party is not compared
    with pytest.raises(NotHere):
        step(state, OpenStatementParties("zz"))
    with pytest.raises(NotHere):
        step(DialogueState.start(quiz), OpenParty("a"))  # no result yet
    with pytest.raises(NotHere):
        step(DialogueState(quiz, step=RESULT), Close())  # nothing open


def test_an_action_on_the_wrong_step_is_refused(quiz):
    with pytest.raises(NotHere):
        step(DialogueState.start(quiz), Give("agree"))  # at the municipality step
    with pytest.raises(KeyError):
        step(DialogueState.start(quiz), ChooseMunicipality("Atlantis"))


def test_the_fingerprint_changes_with_the_statements(quiz):
    document = web_document()
    document["statements"] = document["statements"][::-1]
    assert fingerprint(stemhulp.load(document)) != fingerprint(quiz)
    assert fingerprint(stemhulp.load(web_document())) == fingerprint(quiz)


actions = st.one_of(
    st.sampled_from(["agree", "neutral", "disagree", "skip"]).map(Give),
    st.just(Back()),
    st.just(OpenOverview()),
    st.just(LeaveOverview()),
    st.integers(1, 4).map(Jump),
    st.sampled_from([None, "Aadorp", "Beestad"]).map(ChooseMunicipality),
    st.sampled_from([(), ("s1",)]).map(ChooseImportant),
    st.sampled_from([(), ("s1",), ("s1", "s2")]).map(lambda ids: ChooseImportant(ids[:1], ids)),  # deal-breakers
    st.sampled_from([(), ("a",), ("c", "d")]).map(ChooseParties),
    st.just(StartTiebreak()),
    st.sampled_from(["a", "b", "c", "d", "zz"]).map(OpenParty),
    st.sampled_from(["s1", "s2", "s4", "t1", "t2", "zz"]).map(OpenStatementParties),
    st.just(Close()),
)


def _start(quiz, where):
    """The first step, or the result of a finished quiz (one municipality's, or all): walks reach the views."""
    if where == "start":
        return DialogueState.start(quiz)
    answers = {s.id: "agree" for s in quiz.statements}
    return DialogueState(quiz, answers, municipality=where, step=RESULT, completed=True)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["start", "Aadorp", None]), st.lists(actions, max_size=25))
def test_any_walk_stays_valid_and_the_web_fields_carry_it(quiz, where, moves):
    """Whatever is pressed, the state stays consistent, and the web's form fields rebuild it exactly."""
    from stemhulp.web.state import FlowState, from_dialogue, to_dialogue

    state = _start(quiz, where)
    flow = FlowState.fresh(quiz, "nl")
    for action in moves:
        try:
            state = step(state, action)
        except (NotHere, KeyError):
            continue
        assert state.step in state.order() or state.step in (OVERVIEW, *VIEWS)
        if state.step in (STATEMENT, STANCES) and state.under != RESULT:
            assert 0 <= state.index < len(state.statements)
        if state.step in VIEWS:  # a view lies over a step it can close back to
            assert state.under in (STATEMENT, RESULT) and (state.step == STANCES or state.under == RESULT)
            assert state.shown_party.id in state.compared if state.step == PARTY else state.shown_statement
            if state.under == STATEMENT:
                assert state.shown == state.current.id
            assert step(state, Close()).step == state.under
        else:
            assert state.shown == state.under == ""
        assert set(state.compared) <= {p.id for p in state.offered}
        fields = from_dialogue(state, flow)
        again = to_dialogue(FlowState.parse(fields.fields(), quiz), quiz)
        assert _observable(again) == _observable(state)


def _observable(state):
    """What the person sees and has said (the web does not need `completed`)."""
    on_statement = state.step == STATEMENT or state.under == STATEMENT
    where = (state.index, state.tiebreak, state.from_overview) if on_statement else ()
    back_to = state.came_from if state.step == OVERVIEW or state.from_overview else None
    view = (state.shown, state.under)
    marks = (state.important, state.dealbreakers)
    return (state.answers, marks, state.parties, state.municipality, state.step, where, back_to, view)


def test_the_terminal_drives_the_views_through_the_dialogue(quiz, monkeypatch):
    """At the result: a party's number opens its drill-down, 'p +1' the parties on a tie-break statement,
    the next key closes them; at a statement 'p' opens its parties' view until the next key."""
    from stemhulp.cli.quiz_run import QuizRun
    from stemhulp.cli.terminal import Terminal
    from stemhulp.dialogue.session import QuizSession

    settings = {"lang": "nl", "method": "midpoint", "missing": "neutral", "salience": False}
    session = QuizSession(quiz, {s.id: "agree" for s in quiz.statements}, municipality="Aadorp", settings=settings)
    session.state = attrs.evolve(session.state, step=RESULT, completed=True)
    terminal = Terminal(True, "nl")
    replies = iter(["2", "p +1", "p 9", "1", ""])
    seen = []

    def ask(prompt):
        seen.append((session.state.step, session.state.shown, session.state.under))
        return next(replies)

    monkeypatch.setattr(terminal, "ask", ask)
    run = QuizRun(session, terminal, None)
    assert run.result_screen(run.result()) is False
    assert seen == [
        (RESULT, "", ""),
        (PARTY, "b", RESULT),  # after "2": Partij B's drill-down
        (STANCES, "t1", RESULT),  # after "p +1"
        (RESULT, "", ""),  # after "p 9" (no such statement): the view closed, a hint
        (PARTY, "a", RESULT),
    ]
    assert session.state.step == RESULT

    session = QuizSession(quiz, municipality="Aadorp", settings=settings, ask_municipality=False)
    replies = iter(["e", "p", "o"])
    seen.clear()
    monkeypatch.setattr(terminal, "ask", ask)
    run = QuizRun(session, terminal, None)
    run.ask_statement(session, "progress")
    run.ask_statement(session, "progress")
    assert seen == [(STATEMENT, "", ""), (STATEMENT, "", ""), (STANCES, "s2", STATEMENT)]
    assert session.answers == {"s1": "agree", "s2": "disagree"} and session.state.step == STATEMENT
