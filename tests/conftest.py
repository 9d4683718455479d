"""Shared test set-up: one hypothesis profile, fixture paths, a CLI runner."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("stemhulp", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("stemhulp")

from tests.paths import FIXTURES  # noqa: E402

# Dask's workers keep their scratch files under the temporary directory (`dask-scratch-space`):
# a folder of the test run's own, removed when the run ends, so a test run leaves nothing behind.
if "DASK_TEMPORARY_DIRECTORY" not in os.environ:
    _dask_scratch = tempfile.mkdtemp(prefix="stemhulp-tests-dask-")
    os.environ["DASK_TEMPORARY_DIRECTORY"] = _dask_scratch
    atexit.register(shutil.rmtree, _dask_scratch, True)

# Markers by place (registered in pyproject.toml): the quick loop is `pytest -m "not slow"`.
BROWSER_MODULES = {"web/test_browser", "dialogue/test_documents_browser"}
# Real processes (servers, copies of the package), pseudo-terminals, Dask clusters, plots and
# example scripts: seconds each.
SLOW_MODULES = {
    "cli/test_quiz_pty",
    "cli/test_serve",
    "web/test_serve_proxy",
    "house/test_registries",
    "house/test_example_research",
    "sweeps/test_example_sweep",
    "sweeps/test_sweep",
    "plots/test_plots",
    "plots/test_research_plots",
    "publish/test_page_rules",  # Node runs of the page's rules over hundreds of random results
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of tests/hostile `hostile`, of a browser module `browser`, and those and
    the slow modules' tests `slow`."""
    for item in items:
        path = Path(str(item.fspath))
        module = f"{path.parent.name}/{path.stem}"  # area folder and module, as in the sets above
        marks = []
        if path.parent.name == "hostile":
            marks.append("hostile")
        if module in BROWSER_MODULES:
            marks.append("browser")
        if marks or module in SLOW_MODULES:
            marks.append("slow")
        for mark in marks:
            item.add_marker(mark)


@pytest.fixture
def mini_path() -> Path:
    """A three-statement, three-party native quiz with a tie-break statement."""
    return FIXTURES / "mini"


@pytest.fixture
def mini(mini_path: Path):
    import stemhulp

    return stemhulp.load(mini_path)


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()
