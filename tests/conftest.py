"""Shared test set-up: one hypothesis profile, fixture paths, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("stemhulp", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("stemhulp")

FIXTURES = Path(__file__).parent / "fixtures"


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
