"""examples/research.py runs, prints its three sections, is deterministic and matches its saved output."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.paths import ROOT

EXAMPLE = ROOT / "examples" / "research.py"


def run(*arguments: str) -> str:
    return subprocess.run([sys.executable, str(EXAMPLE), *arguments], capture_output=True, text=True, check=True).stdout


def test_research_example_is_deterministic(mini_path):
    first = run(str(mini_path), "4000")
    assert first == run(str(mini_path), "4000")
    lines = first.splitlines()
    assert lines[0] == "Mini-stemhulp: 3 statements, 3 parties, 4,000 simulated respondents (seed 2024)"
    for heading in (
        "1. Bias under the null model",
        "2. Method sensitivity",
        "3. Recovery",
        "Most influential statements",
        "4. Uncertainty",
        "5. Party-pair distances",
    ):
        assert any(line.startswith(heading) for line in lines), heading
    # Recovery is reported for every eps.
    assert re.search(r"eps 0\.0: +\d+\.\d%  eps 0\.1: +\d+\.\d%", first)


def test_research_example_reproduces_its_saved_output():
    """Rerun the example on the bundled quiz: it prints exactly examples/research.out (regenerate that
    file with `python examples/research.py > examples/research.out` when the quiz changes)."""
    saved = (EXAMPLE.parent / "research.out").read_text(encoding="utf-8")
    assert run() == saved
