"""The house files: one version (stemhulp/_version.py) in the installed metadata, the command and
CITATION.cff; the MIT licence the package declares; a changelog with an Unreleased section."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys

import yaml

import stemhulp
from tests.paths import ROOT


def test_one_version_everywhere():
    assert re.fullmatch(r"\d+\.\d+\.\d+", stemhulp.__version__)
    assert importlib.metadata.version("stemhulp") == stemhulp.__version__
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and "\nversion =" not in pyproject
    completed = subprocess.run(
        [sys.executable, "-m", "stemhulp", "--version"], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == f"stemhulp {stemhulp.__version__}"


def test_license_is_the_declared_mit():
    assert importlib.metadata.metadata("stemhulp")["License-Expression"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Copyright (c) 2026 stemhulp contributors" in text


def test_citation_is_cff_1_2_with_this_version():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(citation)  # required by CFF 1.2
    assert citation["authors"] and all("name" in a or "family-names" in a for a in citation["authors"])
    assert str(citation["version"]) == stemhulp.__version__
    assert citation["license"] == "MIT"


def test_changelog_has_unreleased_and_this_version():
    headings = re.findall(r"^## (.+)$", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), flags=re.M)
    assert headings[0] == "Unreleased"
    assert any(h.startswith(f"{stemhulp.__version__} - ") for h in headings)
