"""Examples run as tests; start-up stays light (no numpy behind `stemhulp --help`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_embed_example_runs_on_a_quiz(mini_path):
    """examples/embed.py prints a ranking, a breakdown, a JSON entry and a score matrix."""
    completed = subprocess.run([sys.executable, str(ROOT / "examples" / "embed.py"), str(mini_path)],
                               capture_output=True, text=True, check=True)
    lines = completed.stdout.splitlines()
    assert lines[0] == "Mini-stemhulp: 3 statements, method cityblock"
    assert lines[1].startswith(" 1. Partij Rood") and "62.5%" in lines[1]
    assert "2. Partij Blauw" in lines[2] and "2. Partij Groen" in lines[3]  # a shared second place
    assert lines[4] == "  s1: you agree, Partij Rood agree -> agree"
    assert lines[7].startswith('{"party": "rood"')


def test_embed_example_runs_on_the_bundled_quiz():
    completed = subprocess.run([sys.executable, str(ROOT / "examples" / "embed.py")],
                               capture_output=True, text=True, check=True)
    assert " 1. " in completed.stdout and "%" in completed.stdout


def test_cli_start_up_imports_no_numpy():
    """`stemhulp --help` and `stemhulp quiz` start fast: the CLI imports numpy/scipy only when scoring."""
    code = ("import sys; import stemhulp.cli.app; "
            "print(sorted(m for m in ('numpy', 'scipy', 'matplotlib') if m in sys.modules))")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"
