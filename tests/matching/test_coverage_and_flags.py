"""Issue 12: silence and vagueness must not win (coverage rule, party flags) and every result says
how firm it is (stability)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stemhulp
from stemhulp.cli.app import app
from stemhulp.errors import MatchError, SimulationError
from stemhulp.formats.exchange import quiz_to_exchange
from stemhulp.matching.coverage import UNRANKED_REASON
from stemhulp.matching.engine import term_tables, weighted_scores
from stemhulp.matching.facade import ranked_mask_for
from stemhulp.matching.methods import DEFAULT_MIN_COVERAGE, METHODS, get_method, get_policy
from stemhulp.matching.stability import DRAWS_SEED
from stemhulp.quiz.profiles import party_profile
from stemhulp.simulate import simulate

from ..helpers import quiz_from_stances
from ..strategies import instances

# Statements s0…s3; p0 takes sides, p1 is neutral everywhere, p2 speaks on s0 only, p3 takes sides.
STANCES = [[2, 1, 2, 2], [0, 1, -1, 2], [2, 1, -1, 0], [0, 1, -1, 1]]
NAMES = ["Partij A", "Partij N", "Partij S", "Partij G"]


@pytest.fixture
def quiz():
    return quiz_from_stances(STANCES, 3, names=NAMES)


def _answers(quiz, words):
    return {s.id: w for s, w in zip(quiz.statements, words, strict=True)}


def test_party_profile_flags_constant_evasive_and_silent(quiz):
    profiles = party_profile(quiz)
    assert profiles["p1"].same_option == "neutral" and profiles["p1"].flags == ("constant", "evasive")
    # A single stance is the same stance on every statement the party has one on: constant too.
    assert profiles["p2"].stances == 1 and profiles["p2"].flags == ("constant", "evasive", "mostly_silent")
    assert profiles["p0"].flags == () and profiles["p3"].flags == ()
    assert profiles["p3"].neutral_share == pytest.approx(0.25) and profiles["p2"].sideless_share == 0.75


def test_coverage_rule_lists_thin_parties_after_the_ranked_ones(quiz):
    """p2 has a stance on 1 of 4 answers: kept with its score, but unranked and last."""
    answers = _answers(quiz, ["agree", "agree", "disagree", "agree"])
    result = stemhulp.match(quiz, answers, method="cityblock", min_coverage=0.5)
    last = result.ranking[-1]
    assert last.party == "p2" and last.rank is None and not last.ranked and last.score is not None
    assert last.unranked_reason == UNRANKED_REASON
    assert [e.rank for e in result.ranking[:-1]] == [1, 2, 3]
    document = result.to_dict()
    entry = document["results"][-1]
    assert {"party", "name", "score", "rank", "coverage", "themes", "statements"} <= set(entry)
    assert entry["ranked"] is False and entry["unranked_reason"] == UNRANKED_REASON
    assert entry["coverage"] == {"answered": 4, "with_stance": 1, "share": 0.25}
    assert document["min_coverage"] == 0.5
    # Without the rule p2 (agree on s0, the rest neutral) is ranked like any other party.
    free = stemhulp.match(quiz, answers, method="cityblock", min_coverage=0)
    assert free.entry("p2").ranked and free.entry("p2").rank is not None


def test_all_neutral_respondent_is_advised_their_own_answers_and_sees_the_flag(quiz):
    """Criterion 4 restated (issue 23): an all-neutral respondent gave exactly the answers of the party
    that said 'neutral' everywhere, so under the default method that party is on top (the honest
    answer), and its flag is in the JSON. An all-agree respondent does not get it on top."""
    result = stemhulp.match(quiz, _answers(quiz, ["neutral"] * 4))
    top = [e.party for e in result.ranking if e.rank == 1]
    assert top == ["p1"]
    assert result.to_dict()["results"][[e.party for e in result.ranking].index("p1")]["flags"] == [
        "constant",
        "evasive",
    ]
    agreeing = stemhulp.match(quiz, _answers(quiz, ["agree"] * 4))
    assert "p1" not in [e.party for e in agreeing.ranking if e.rank == 1]


def test_bundled_quiz_never_ranks_a_party_without_stances_on_most_answers():
    quiz = stemhulp.load(None)
    ids = [s.id for s in quiz.statements]
    for answers in (
        {ids[0]: "agree", ids[1]: "disagree", ids[2]: "neutral"},
        dict.fromkeys(ids, "neutral"),
        dict.fromkeys(ids, "agree"),
    ):
        for method in (m.name for m in METHODS):
            result = stemhulp.match(quiz, answers, method=method)
            for entry in result.ranking:
                if entry.rank is not None:
                    assert entry.coverage.with_stance >= DEFAULT_MIN_COVERAGE * entry.coverage.answered


def test_three_answers_in_the_quiz_do_not_rank_a_silent_party_first(runner):
    """`printf '\\ne\\no\\nn\\n' | stemhulp quiz` (all municipalities): no first place for a party with 0 of 3
    stances, and no stability figure from three answers (the line it is drawn at is said instead)."""
    outcome = runner.invoke(app, ["quiz"], input="\ne\no\nn\n")
    assert outcome.exit_code == 0, outcome.output
    result = outcome.stdout.split("Jouw uitslag")[1]
    firsts = [line for line in result.splitlines() if re.match(r"\s*1[=.]", line)]
    assert firsts and not any("op 0 van 3" in line for line in firsts)
    shown = " ".join(result.split())
    assert "steekproeven" not in shown and "zeggen we pas vanaf 10 beantwoorde stellingen" in shown


def test_quiz_result_names_the_constant_party(runner, tmp_path, quiz):
    path = tmp_path / "quiz.json"
    path.write_text(json.dumps(quiz_to_exchange(quiz)), encoding="utf-8")
    outcome = runner.invoke(app, ["quiz", str(path)], input="e\no\ne\ne\n\n\n")
    assert outcome.exit_code == 0, outcome.output
    text = " ".join(outcome.stdout.split())
    assert "Partij N nam bij alle stellingen 'geen van beide' in." in text
    assert "Partij S koos bij 3 van de 4 stellingen geen kant" in text
    assert "te weinig standpunten bij jouw antwoorden" in text


def test_match_many_masks_unranked_parties_with_nan(quiz):
    rng = np.random.default_rng(3)
    codes = rng.integers(-1, 3, size=(300, 4))
    raw = stemhulp.match_many(quiz, codes, min_coverage=0)
    masked = stemhulp.match_many(quiz, codes, min_coverage=0.5)
    stances = np.array(STANCES)
    answered = (codes >= 0).sum(axis=1)
    with_stance = (codes >= 0).astype(int) @ (stances >= 0).astype(int)
    expected = (answered[:, None] > 0) & (with_stance >= 0.5 * answered[:, None])
    assert np.array_equal(~np.isnan(masked), expected & ~np.isnan(raw))
    assert np.array_equal(masked[expected], raw[expected])
    assert np.array_equal(ranked_mask_for(codes, stances, 0.5), expected)
    # The same rule as `match`, row by row.
    words = quiz.scale.options
    for row in codes[:40]:
        answers = {s.id: ("skip" if c < 0 else words[c]) for s, c in zip(quiz.statements, row, strict=True)}
        if (row >= 0).any():
            result = stemhulp.match(quiz, answers, min_coverage=0.5)
            ranked = [result.entry(p.id).ranked for p in quiz.parties]
            assert ranked == list(~np.isnan(stemhulp.match_many(quiz, row, min_coverage=0.5)[0]))


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "half", True])
def test_min_coverage_must_be_a_share(quiz, bad):
    with pytest.raises(MatchError, match="min_coverage"):
        stemhulp.match(quiz, _answers(quiz, ["agree"] * 4), min_coverage=bad)
    with pytest.raises(MatchError, match="min_coverage"):
        stemhulp.match_many(quiz, [[0, 0, 0, 0]], min_coverage=bad)


def test_simulate_ranks_among_covered_parties_and_restricts_parties(quiz):
    report = simulate(quiz, 3000, seed=4, min_coverage=0.5, influence_sample=0).to_dict()
    assert report["top_share"]["p2"] == 0 and report["unranked_share"]["p2"] == 1.0
    assert report["unranked_share"]["p0"] == 0 and report["min_coverage"] == 0.5
    assert sum(report["top_share"].values()) == pytest.approx(1.0)
    assert report["party_flags"]["p1"] == ["constant", "evasive"]
    free = simulate(quiz, 3000, seed=4, min_coverage=0, influence_sample=0).to_dict()
    assert free["top_share"]["p2"] > 0 and set(free["unranked_share"].values()) == {0.0}
    subset = simulate(quiz, 500, seed=4, parties=["p3", "p0"], influence_sample=0).to_dict()
    assert subset["parties"] == ["p3", "p0"]
    with pytest.raises(SimulationError, match="unknown party id 'nope'"):
        simulate(quiz, 10, parties=["p0", "nope"])


def test_simulate_cli_warns_about_flagged_parties(runner, tmp_path, quiz):
    path = tmp_path / "quiz.json"
    path.write_text(json.dumps(quiz_to_exchange(quiz)), encoding="utf-8")
    outcome = runner.invoke(app, ["simulate", str(path), "-n", "500", "--seed", "1"])
    assert outcome.exit_code == 0, outcome.output
    text = " ".join(outcome.stdout.split())
    assert "warning: Partij N takes the same stance on every statement" in text
    outcome = runner.invoke(
        app, ["simulate", str(path), "-n", "200", "--seed", "1", "--json", "--parties", "p0,p3", "--min-coverage", "0"]
    )
    assert outcome.exit_code == 0, outcome.output
    assert json.loads(outcome.stdout)["parties"] == ["p0", "p3"]


def test_match_cli_reports_coverage_flags_and_stability(runner, tmp_path, mini_path):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"quiz": "mini", "answers": {"s1": "agree", "s2": "disagree"}}))
    outcome = runner.invoke(app, ["match", str(mini_path), "-a", str(answers), "--json", "--min-coverage", "1"])
    assert outcome.exit_code == 0, outcome.output
    document = json.loads(outcome.stdout)
    assert document["min_coverage"] == 1.0 and set(document["stability"]) >= {"top_share", "methods"}
    assert all({"ranked", "unranked_reason", "flags"} <= set(e) for e in document["results"])
    bad = runner.invoke(app, ["match", str(mini_path), "-a", str(answers), "--min-coverage", "2"])
    assert bad.exit_code != 0 and "--min-coverage" in bad.output


def test_stability_is_fixed_by_the_answers(quiz):
    answers = _answers(quiz, ["agree", "disagree", "agree", "skip"])
    first = stemhulp.match(quiz, answers, method="cityblock")
    again = stemhulp.match(quiz, answers, method="cityblock")
    assert first.stability == again.stability and 0.0 <= first.stability.top_share <= 1.0
    assert set(first.stability.methods) == {m.name for m in METHODS if m.name != "cityblock"}
    other = stemhulp.match(quiz, _answers(quiz, ["agree", "disagree", "disagree", "skip"]), method="cityblock")
    # The draws are fixed (the same seed for everyone); the figure follows the answers.
    assert other.stability.seed == first.stability.seed == DRAWS_SEED
    assert other.stability.top_share != first.stability.top_share
    # p0 matches these answers exactly: it is on top in every resample, alone except in the few
    # (1 in 256) that draw only s0, where p3 agrees too and the place is shared (counted 1/2).
    exact = stemhulp.match(quiz, _answers(quiz, ["agree", "disagree", "agree", "disagree"]), method="cityblock")
    assert exact.ranking[0].party == "p0" and 1 - 4 / 300 / 2 <= exact.stability.top_share <= 1.0
    assert exact.to_dict()["stability"]["top_share"] == exact.stability.top_share
    # Only p0 and p1 ranked (a coverage of 1): p1 never reaches p0's 100, so p0 stays alone on top.
    alone = stemhulp.match(quiz, _answers(quiz, ["agree", "disagree", "agree", "disagree"]), parties=["p0", "p1"])
    assert alone.stability.top_share == 1.0


def test_nothing_ranked_means_no_stability_figure(quiz):
    result = stemhulp.match(quiz, _answers(quiz, ["skip"] * 4))
    assert result.stability.top_share is None


@pytest.mark.parametrize("method", [m.name for m in METHODS])
@pytest.mark.parametrize("missing", ["neutral", "exclude", "opposite", "disagree"])
def test_weighted_scores_equal_match_many_with_those_weights(quiz, method, missing):
    """The bootstrap's scorer gives, per weight vector, exactly what match_many gives."""
    rng = np.random.default_rng(11)
    stances = np.array(STANCES)
    T, W = term_tables(get_method(method), get_policy(missing), 3, stances)
    for _ in range(5):
        row = rng.integers(-1, 3, size=4)
        weights = rng.integers(0, 4, size=(6, 4)).astype(float)
        got = weighted_scores(row, T, W, weights, get_method(method).root)
        for r in range(6):
            expected = stemhulp.match_many(
                quiz, row, weights=weights[r], method=method, missing=missing, min_coverage=0
            )[0]
            np.testing.assert_allclose(got[r], expected, rtol=0, atol=1e-9, equal_nan=True)


@given(instances(), st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]))
def test_coverage_rule_agrees_with_a_plain_loop(instance, min_coverage):
    """match_many's mask is the rule written as a loop: answered (weight > 0) statements, of those
    the ones with a party stance, ranked when that count is at least min_coverage of them."""
    quiz, stances, _, codes, weights = instance
    raw = stemhulp.match_many(quiz, codes, weights=weights, min_coverage=0)
    masked = stemhulp.match_many(quiz, codes, weights=weights, min_coverage=min_coverage)
    for r in range(codes.shape[0]):
        answered = [s for s in range(codes.shape[1]) if codes[r, s] >= 0 and weights[s] > 0]
        for p in range(stances.shape[1]):
            with_stance = sum(1 for s in answered if stances[s, p] >= 0)
            ranked = bool(answered) and with_stance >= min_coverage * len(answered)
            if ranked or min_coverage == 0:
                assert masked[r, p] == raw[r, p] or (np.isnan(masked[r, p]) and np.isnan(raw[r, p]))
            else:
                assert np.isnan(masked[r, p])


def test_a_shared_first_place_is_never_called_firm():
    """Two parties with identical stances always tie: each keeps half of the top advice."""
    twins = quiz_from_stances([[2, 2, 0], [0, 0, 2], [2, 2, 0]], 3)
    result = stemhulp.match(twins, {"s0": "agree", "s1": "disagree", "s2": "agree"}, method="cityblock")
    assert [e.rank for e in result.ranking[:2]] == [1, 1]
    assert result.stability.top_share == pytest.approx(0.5)
