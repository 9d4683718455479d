"""Statement-selection studies (`stemhulp subsets`) and axes estimated from party positions."""

from __future__ import annotations

import json

import numpy as np
import pytest

import stemhulp
from stemhulp.cli.app import app
from stemhulp.errors import QuizError, SimulationError
from stemhulp.simulate import synthetic_quiz
from stemhulp.simulate.subsets import _separated, subset_study

from ..helpers import quiz_from_stances


def test_left_out_statements_are_scored_as_skipped():
    # Party A agrees with s0 only, B with s1 only: leaving out s0 flips every respondent who agreed
    # with s0 and disagreed with s1 from A to a tie, so the advice changes for exactly those.
    quiz = quiz_from_stances([[2, 0], [0, 2]])
    report = subset_study(quiz, 3000, k=[1], subsets=20, seed=3).to_dict()
    out_s0 = report["leave_one_out"][0]
    assert 0.0 < out_s0["change"] < 1.0
    low, high = out_s0["change_interval"]
    assert low <= out_s0["change"] <= high
    assert report["random_subsets"][0]["k"] == 1
    assert sum(report["full_top_share"].values()) == pytest.approx(1.0)


def test_the_full_quiz_as_a_subset_changes_nothing():
    quiz = synthetic_quiz(8, 4, seed=2)
    report = subset_study(quiz, 2000, k=[8], subsets=3, seed=1).to_dict()
    design = report["random_subsets"][0]
    assert design["change"] == {"mean": 0.0, "low": 0.0, "high": 0.0}
    for party, spread in design["top_share"].items():
        assert spread["mean"] == pytest.approx(report["full_top_share"][party])


def test_a_statement_no_party_differs_on_never_decides():
    # s1: every party agrees, so replacing or dropping the answer cannot change any advice.
    quiz = quiz_from_stances([[2, 0, 1], [2, 2, 2], [0, 2, 1]])
    report = subset_study(quiz, 4000, k=[2], subsets=5, seed=5).to_dict()
    rows = {r["statement"]: r for r in report["decisiveness"]["statements"]}
    assert rows["s1"]["replace"] == 0.0 and rows["s1"]["drop"] == 0.0
    assert rows["s0"]["replace"] > 0.1
    assert "s1" not in report["decisiveness"]["most_decisive"]


def test_most_decisive_only_when_intervals_separate():
    rows = [
        {"statement": "a", "replace": 0.5, "replace_interval": [0.45, 0.55]},
        {"statement": "b", "replace": 0.3, "replace_interval": [0.25, 0.35]},
        {"statement": "c", "replace": 0.29, "replace_interval": [0.24, 0.34]},
    ]
    assert _separated(rows) == ["a"]
    rows[0]["replace_interval"] = [0.3, 0.6]  # overlaps b's upper bound
    assert _separated(rows) == []


def test_same_seed_same_report():
    quiz = synthetic_quiz(10, 5, seed=1)
    first = subset_study(quiz, 1000, k=[3, 5], subsets=10, seed=11).to_dict()
    assert first == subset_study(quiz, 1000, k=[3, 5], subsets=10, seed=11).to_dict()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"k": [0]}, "k must be a whole number from 1"),
        ({"k": [99]}, "k must be a whole number from 1"),
        ({"subsets": 0}, "subsets must be"),
        ({"respondents": 10**9, "subsets": 10**4}, "scorings"),
    ],
)
def test_bad_study_requests_are_errors(kwargs, message):
    quiz = synthetic_quiz(6, 3, seed=1)
    arguments = {"respondents": 100, **kwargs}
    respondents = arguments.pop("respondents")
    with pytest.raises(SimulationError, match=message):
        subset_study(quiz, respondents, **arguments)


def test_cli_text_and_json(runner, mini_path):
    result = runner.invoke(app, ["subsets", str(mini_path), "-k", "1,2", "--subsets", "5", "-n", "500", "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert "k = 1 (5 subsets)" in result.output and "Leave one theme out" in result.output
    document = json.loads(
        runner.invoke(
            app, ["subsets", str(mini_path), "-k", "2", "--subsets", "5", "-n", "500", "--seed", "1", "--json"]
        ).output
    )
    assert document["seed"] == 1 and document["random_subsets"][0]["subsets"] == 5
    bad = runner.invoke(app, ["subsets", str(mini_path), "-k", "two"])
    assert bad.exit_code == 1 and "-k: expected a whole number" in bad.output


# --- estimated axes -------------------------------------------------------------------------------


def _loadings(quiz, axis_ids):
    return np.array([[s.axes.get(a, 0.0) for a in axis_ids] for s in quiz.statements])


@pytest.mark.parametrize("seed", range(4))
def test_estimated_axes_recover_known_loadings(seed):
    quiz = synthetic_quiz(40, 15, seed=seed)  # each statement loads on one of two known axes
    estimated = stemhulp.estimate_axes(quiz)
    true = _loadings(quiz, ["axis1", "axis2"])
    found = _loadings(estimated, [a.id for a in estimated.axes])
    assert [a.id for a in estimated.axes] == ["pc1", "pc2"]
    assert np.abs(found).max() == pytest.approx(1.0)
    # The known loadings lie (up to rotation and sign) in the estimated two-dimensional space.
    coefficients, *_ = np.linalg.lstsq(found, true, rcond=None)
    residual = ((true - found @ coefficients) ** 2).sum(axis=0)
    r_squared = 1 - residual / ((true - true.mean(axis=0)) ** 2).sum(axis=0)
    assert (r_squared > 0.6).all(), r_squared


def test_estimated_axes_name_their_poles_and_run_the_spatial_model():
    # One dimension: A agrees everywhere, C disagrees everywhere, B in the middle.
    quiz = quiz_from_stances([[2, 1, 0]] * 4, names=["Links", "Midden", "Rechts"])
    estimated = stemhulp.estimate_axes(quiz, count=3)
    assert len(estimated.axes) == 1  # only one dimension varies
    axis = estimated.axes[0]
    assert {axis.negative, axis.positive} == {"Links", "Rechts"}
    from stemhulp.simulate import simulate

    with pytest.raises(SimulationError, match="--estimate-axes"):
        simulate(quiz, 100, model="spatial", seed=1)
    assert simulate(estimated, 500, model="spatial", seed=1).to_dict()["scored"] == 500


def test_parties_without_differences_have_no_axis():
    quiz = quiz_from_stances([[2, 2], [0, 0]])
    with pytest.raises(QuizError, match="no axis can be estimated"):
        stemhulp.estimate_axes(quiz)


def test_cli_estimate_axes(runner, mini_path, tmp_path):
    result = runner.invoke(
        app, ["simulate", str(mini_path), "--model", "spatial", "-n", "300", "--seed", "1", "--estimate-axes", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["parameters"]["axes"][0] == "pc1"


def _mostly_silent_quiz():
    """Party C takes a stance on 2 of 6 statements, both neutral: below the default coverage rule."""
    return quiz_from_stances([[2, 0, 1], [2, 0, 1], [0, 2, -1], [0, 2, -1], [2, 2, -1], [0, 0, -1]])


@pytest.mark.parametrize("min_coverage", [0.0, 0.5])
def test_subsets_applies_the_coverage_rule_as_simulate_does(min_coverage):
    """The full quiz's top shares equal `simulate`'s on the same respondents (same seed), with the same
    coverage rule: the mostly silent party C gets no top advice at the default 0.5."""
    from stemhulp.simulate import simulate
    from stemhulp.simulate.runner import block_size

    quiz = _mostly_silent_quiz()
    n = block_size(len(quiz.statements)) + 700  # more than one block of respondents
    report = subset_study(quiz, n, k=[3], subsets=2, seed=7, min_coverage=min_coverage).to_dict()
    simulated = simulate(quiz, n, seed=7, min_coverage=min_coverage, tau_sample=0, influence_sample=0).report
    assert report["min_coverage"] == min_coverage
    for party, share in simulated.top_share.items():
        assert report["full_top_share"][party] == pytest.approx(share, abs=1e-12)
    assert (report["full_top_share"]["p2"] == 0.0) == (min_coverage == 0.5)


def test_subsets_command_takes_min_coverage_and_defaults_to_the_rule(tmp_path):
    """`stemhulp subsets` has simulate's --min-coverage, with the same default."""
    from typer.testing import CliRunner

    from stemhulp.formats.exchange import quiz_to_exchange
    from stemhulp.matching.methods import DEFAULT_MIN_COVERAGE

    source = tmp_path / "quiz.json"
    source.write_text(json.dumps(quiz_to_exchange(_mostly_silent_quiz())), encoding="utf-8")
    runner = CliRunner()
    args = ["subsets", str(source), "-n", "800", "--subsets", "2", "-k", "3", "--seed", "2", "--json"]
    default = json.loads(runner.invoke(app, args).stdout)
    assert default["min_coverage"] == DEFAULT_MIN_COVERAGE and default["full_top_share"]["p2"] == 0.0
    loose = json.loads(runner.invoke(app, [*args, "--min-coverage", "0"]).stdout)
    assert loose["full_top_share"]["p2"] > 0.0
