"""The commands' defaults are the library's: an option shared by a command and the function it
calls defaults to the same value (the CLI reads it from the registries, not a second copy)."""

from __future__ import annotations

import inspect
from enum import Enum
from typing import Any

import pytest

from stemhulp.analysis.quality import check
from stemhulp.cli import check as check_cli
from stemhulp.cli import research, subsets
from stemhulp.simulate.runner import simulate
from stemhulp.simulate.subsets import subset_study

PAIRS = [(research.simulate, simulate), (check_cli.check, check), (subsets.subsets, subset_study)]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


@pytest.mark.parametrize(("command", "function"), PAIRS, ids=lambda f: getattr(f, "__qualname__", str(f)))
def test_shared_options_default_to_the_library_defaults(command: Any, function: Any) -> None:
    library = inspect.signature(function).parameters
    shared = 0
    for name, option in inspect.signature(command).parameters.items():
        theirs = library.get(name)
        if theirs is None or theirs.default in (inspect.Parameter.empty, None) or option.default is None:
            continue
        ours = _plain(option.default)
        if isinstance(theirs.default, float) and isinstance(ours, str):
            ours = float(ours)  # a list option given as text, such as --eps
        assert ours == theirs.default, name
        shared += 1
    assert shared >= 2
