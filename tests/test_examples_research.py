"""examples/research.py runs, prints its three sections, and is deterministic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parent.parent / "examples" / "research.py"


def run(*arguments: str) -> str:
    return subprocess.run([sys.executable, str(EXAMPLE), *arguments], capture_output=True, text=True,
                          check=True).stdout


def test_research_example_is_deterministic(mini_path):
    first = run(str(mini_path), "4000")
    assert first == run(str(mini_path), "4000")
    lines = first.splitlines()
    assert lines[0] == "Mini-stemhulp: 3 statements, 3 parties, 4,000 simulated respondents (seed 2024)"
    for heading in ("1. Bias under the null model", "2. Method sensitivity", "3. Recovery",
                    "Most influential statements", "4. Uncertainty", "5. Party-pair distances"):
        assert any(line.startswith(heading) for line in lines), heading
    assert "eps 0.0: 100.0%" in first  # the mini parties all differ: copying one recovers it


def test_research_example_on_the_bundled_quiz():
    output = run("-", "5000")
    assert "5,000 simulated respondents" in output and "bias ratio" in output


def test_saved_output_matches_the_example_layout():
    saved = (EXAMPLE.parent / "research.out").read_text(encoding="utf-8").splitlines()
    assert "200,000 simulated respondents (seed 2024)" in saved[0]
    assert saved[2].startswith("1. Bias under the null model")
