"""The study behind the defaults (benchmarks/study_defaults.py): the README shows its committed
output, and its criterion holds for the defaults on the bundled quiz (a small, quick run)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import stemhulp
from stemhulp.methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING
from stemhulp.simulate.diagnostics import wilson

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("study_defaults", ROOT / "benchmarks" / "study_defaults.py")
study = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(study)  # type: ignore[union-attr]
RESULTS = ROOT / "benchmarks" / "results" / "study_defaults.json"


def test_readme_shows_the_committed_study_and_its_choice_is_the_default():
    committed = json.loads(RESULTS.read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(study.BEGIN)[1].split(study.END)[0].strip()
    assert block == study.readme_block(committed).strip(), "README block is stale: paste it from study_defaults.md"
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
