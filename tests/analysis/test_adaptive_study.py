"""The adaptive quiz's study (benchmarks/adaptive_study.py): the README shows its committed figures,
the library's stopping rule is the one it chose, and the script runs end to end on a tiny setting."""

from __future__ import annotations

import importlib.util
import json

import pytest

from stemhulp.matching.adaptive import MIN_ANSWERS, STOP_SHARE
from tests.paths import REFERENCE, ROOT

RESULTS = ROOT / "benchmarks" / "results" / "adaptive_study.json"
_spec = importlib.util.spec_from_file_location("adaptive_study", ROOT / "benchmarks" / "adaptive_study.py")
study = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(study)


def test_the_readme_block_is_the_committed_study_and_the_rule_is_the_one_it_chose():
    committed = json.loads(RESULTS.read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(study.BEGIN, 1)[1].split(study.END, 1)[0].strip()
    assert block == study.readme_block(committed).strip(), "README block is stale: rerun benchmarks/adaptive_study.py"
    assert committed["chosen"] == [STOP_SHARE, MIN_ANSWERS] == study.chosen_rule(committed)
    assert (ROOT / "benchmarks" / "results" / "adaptive_study.png").exists()


def test_the_study_runs_on_a_tiny_setting(tmp_path):
    reference = REFERENCE / "wahlomat" / "2003-bayern"
    if not reference.exists():
        pytest.skip("../shared/reference is not here")
    study.main(["--respondents", "6", "--only", "2003-bayern", "--out", str(tmp_path)])
    measured = json.loads((tmp_path / "adaptive_study.json").read_text(encoding="utf-8"))
    (quiz,) = measured["quizzes"]
    curves = quiz["eps=0.2"]["agreement"]
    assert set(curves) == {"adaptive", "fixed", "random"}
    assert all(len(curve) == quiz["statements"] and curve[-1] == 6 for curve in curves.values())  # all asked: same
    assert len(quiz["eps=0.4"]["stopping"]) == len(study.THRESHOLDS) * len(study.MIN_ANSWER_CHOICES)
    assert "| wahlomat/2003-bayern | 0.2 |" in (tmp_path / "adaptive_study.md").read_text(encoding="utf-8")
