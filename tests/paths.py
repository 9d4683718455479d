"""The places tests read from: the checkout, the test data, and the shared reference beside the checkout."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
INSTANCES = TESTS / "instances"
ARTIFACTS = TESTS / "artifacts"
PACKAGE = ROOT / "stemhulp"
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference"
