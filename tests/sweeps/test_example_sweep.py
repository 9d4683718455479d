"""examples/sweep_wahlomat.py reruns in this process (no cluster) and prints its saved output."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.paths import REFERENCE, ROOT

EXAMPLES = ROOT / "examples"
WAHLOMAT = REFERENCE / "wahlomat"

pytest.importorskip("dask.distributed")
pytest.importorskip("pyarrow")


@pytest.mark.skipif(not WAHLOMAT.is_dir(), reason="needs ../shared/reference/wahlomat beside the checkout")
def test_sweep_example_matches_its_saved_output():
    output = subprocess.run(
        [sys.executable, str(EXAMPLES / "sweep_wahlomat.py"), "--scheduler", "inline"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert output == (EXAMPLES / "sweep_wahlomat.out").read_text(encoding="utf-8")
