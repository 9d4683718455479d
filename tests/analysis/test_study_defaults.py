"""The study behind the defaults (benchmarks/study_defaults.py): the docs show its committed
output, and its criterion holds for the defaults on the bundled quiz (a small, quick run)."""

from __future__ import annotations

import importlib.util
import json

import stemhulp
from stemhulp.matching.methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING
from stemhulp.simulate.diagnostics import wilson
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("study_defaults", ROOT / "benchmarks" / "study_defaults.py")
study = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(study)  # type: ignore[union-attr]
RESULTS = ROOT / "benchmarks" / "results" / "study_defaults.json"


def test_docs_show_the_committed_study_and_its_choice_is_the_default():
    committed = json.loads(RESULTS.read_text(encoding="utf-8"))
    page = (ROOT / "docs" / "explanation" / "trust.md").read_text(encoding="utf-8")
    block = page.split(study.BEGIN)[1].split(study.END)[0].strip()
    assert block == study.readme_block(committed).strip(), "docs block is stale: paste it from study_defaults.md"
    assert committed["choice"] == study.choose(study.summarise(committed))
    assert committed["choice"] == {
        "method": DEFAULT_METHOD,
        "missing": DEFAULT_MISSING,
        "min_coverage": DEFAULT_MIN_COVERAGE,
    }


def test_defaults_meet_the_criterion_on_the_bundled_quiz():
    """Criterion 1–3 on the bundled quiz alone, at 1,500 respondents with 95% intervals: the default
    recovers at least 90% at eps 0.2 (or is not significantly below), and no eligible setting has a
    significantly smaller worst-case advantage. A failure means: rerun the study."""
    rows = study.measure_quiz(stemhulp.load(None), 1500, 5, min_coverages=(DEFAULT_MIN_COVERAGE,))
    assert DEFAULT_MIN_COVERAGE >= study.SAFE_COVERAGE

    def recovery_upper(row):
        return wilson(row["recovery"][0], row["recovery_respondents"][0])[1]

    default = next(r for r in rows if (r["method"], r["missing"]) == (DEFAULT_METHOD, DEFAULT_MISSING))
    assert recovery_upper(default) >= study.RECOVERY_NEEDED, default
    eligible = [r for r in rows if recovery_upper(r) >= study.RECOVERY_NEEDED]
    best = min(eligible, key=lambda r: r["max_bias_interval"][1])
    assert default["max_bias_interval"][0] <= best["max_bias_interval"][1], (default, best)


def test_docs_section_types_no_figure_outside_the_generated_block():
    """Every measured figure of "How the defaults were chosen" comes from the block (92.4% was once typed
    beside a table saying 92.3%)."""
    import re

    page = (ROOT / "docs" / "explanation" / "trust.md").read_text(encoding="utf-8")
    section = page.split("## How the defaults were chosen")[1].split("\n## ")[0]
    prose = section.split(study.BEGIN)[0] + section.split(study.END)[1]
    # The criterion's own parameters are not measurements.
    parameters = {f"{v:g}" for v in (*study.MIN_COVERAGES, study.ADVANTAGE_TIE, *study.EPS, study.SAFE_COVERAGE)}
    percentages = set(re.findall(r"\d+(?:\.\d+)?\s?%", prose)) - {f"{study.RECOVERY_NEEDED:.0%}"}
    assert not percentages, f"typed percentages: {percentages}"
    ratios = set(re.findall(r"\b\d+\.\d+\b", prose)) - parameters
    assert not ratios, f"typed figures: {ratios}"


def test_one_measurement_stands_for_every_setting_on_a_quiz_with_every_stance():
    """Where every party has a stance everywhere, policy and coverage rule change nothing: the shortcut
    gives the rows a full measurement gives."""
    from tests.helpers import quiz_from_stances

    quiz = quiz_from_stances([[2, 0, 1], [0, 2, 1], [2, 2, 0], [1, 0, 2]])
    assert study.has_every_stance(quiz)
    shortcut = study.measure_quiz(quiz, 300, 3, min_coverages=(0.0, 0.5))
    full = [
        row
        for missing in ("neutral", "exclude", "opposite", "disagree")
        for coverage in (0.0, 0.5)
        for row in study._measure_setting(quiz, 300, 3, missing, coverage)
    ]
    key = lambda r: (r["method"], r["missing"], r["min_coverage"])  # noqa: E731
    assert sorted(shortcut, key=key) == sorted(full, key=key)


def test_criterion_four_does_not_count_a_party_giving_the_respondents_own_answers():
    """An all-neutral party on top for the all-neutral respondent is flagged (constant) but not misplaced;
    an evasive party on top for the all-agree respondent is misplaced."""
    from tests.helpers import quiz_from_stances

    # p0 neutral everywhere; p1 agree on s0 only, neutral elsewhere (evasive); p2 disagrees everywhere.
    quiz = quiz_from_stances([[1, 2, 0], [1, 1, 0], [1, 1, 0], [1, 1, 0]])
    neutral = {s.id: "neutral" for s in quiz.statements}
    agree = {s.id: "agree" for s in quiz.statements}
    assert study.flagged_top(quiz, neutral, "midpoint", "neutral", 0.5) == {"any": 1.0, "misplaced": 0.0}
    assert study.flagged_top(quiz, agree, "midpoint", "neutral", 0.5) == {"any": 1.0, "misplaced": 1.0}


def test_docs_check_table_is_generated_under_todays_defaults():
    """The docs' table of `stemhulp check` on real quizzes (guides/checking.md) comes from
    benchmarks/check_real_quizzes.py's committed JSON, measured under the library's current default
    method, policy and coverage rule."""
    spec = importlib.util.spec_from_file_location("check_real", ROOT / "benchmarks" / "check_real_quizzes.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    results = json.loads((ROOT / "benchmarks" / "results" / "check_real_quizzes.json").read_text(encoding="utf-8"))
    page = (ROOT / "docs" / "guides" / "checking.md").read_text(encoding="utf-8")
    block = page.split(module.BEGIN)[1].split(module.END)[0].strip()
    assert block == module.readme_block(results).strip(), "rerun: python benchmarks/check_real_quizzes.py"
    assert (results["method"], results["missing"], results["min_coverage"]) == (
        DEFAULT_METHOD,
        DEFAULT_MISSING,
        DEFAULT_MIN_COVERAGE,
    )
