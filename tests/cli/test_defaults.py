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


def test_no_command_writes_a_size_or_seed_default_of_its_own():
    """Sizes and seeds come from the numpy-free tables (`simulate.defaults`, `quiz.thresholds`), so the
    command line cannot keep a second copy: an option defaulting to a written-out number of 100 or
    more (or a seed) is refused here."""
    import ast
    import inspect

    from stemhulp.cli import research as research_module

    for module in (research_module, check_cli, subsets):
        tree = ast.parse(inspect.getsource(module))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for argument, default in zip(
                    node.args.args[-len(node.args.defaults) :], node.args.defaults, strict=False
                ):
                    if (
                        isinstance(default, ast.Constant)
                        and isinstance(default.value, int)
                        and not isinstance(default.value, bool)
                    ):
                        assert default.value < 100 and argument.arg != "seed", (
                            module.__name__,
                            node.name,
                            argument.arg,
                        )


def test_plot_simulates_as_many_respondents_as_its_option_says_by_default():
    from stemhulp.simulate.defaults import PLOT_RESPONDENTS

    assert inspect.signature(research.plot).parameters["respondents"].default == PLOT_RESPONDENTS
