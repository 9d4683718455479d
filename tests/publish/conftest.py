"""The published sites of every test quiz, shared by the tests that run the page's code in Node."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stemhulp.publish import publish

from .equality import QUIZ_SOURCES


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, tuple[Any, Path]]:
    """Every test quiz and the folder of its published site."""
    found = {}
    for name, load in QUIZ_SOURCES.items():
        quiz = load()
        folder = tmp_path_factory.mktemp("sites") / name
        publish(quiz, folder)
        found[name] = (quiz, folder)
    return found
