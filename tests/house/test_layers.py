"""The house drawn from the imports: the package's layers, lowest first, with no arrow pointing up
and no import cycle between modules. Imports under `if TYPE_CHECKING:` are annotations, not arrows.

A module may import from its own layer and the layers below it. The pipeline reads top to bottom:
files in (formats) → the quiz → matching → simulation and analysis → dialogue and plots → the
front ends (web, publish, cli) and the facade (`stemhulp`) they share.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stemhulp._moved import MOVED, NOW_PACKAGES
from tests.paths import PACKAGE

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "limits", "_version", "_moved"),  # the core: every layer may use it
    ("texts",),
    ("quiz",),
    ("formats",),
    ("matching",),
    ("simulate",),
    ("analysis",),
    ("plots",),
    ("dialogue",),
    ("sweeps",),
    ("",),  # the facade: stemhulp/__init__.py
    ("web", "publish"),
    ("cli", "__main__"),
)
TOP_LEVEL_MODULES = {"__init__", "__main__", "errors", "limits", "_version", "_moved"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> int:
    area = module.split(".")[1] if "." in module else ""
    for level, areas in enumerate(LAYERS):
        if area in areas:
            return level
    raise AssertionError(f"{module}: in no layer; add its area to LAYERS")


def _targets(module: str) -> set[str]:
    """Every module name `module` imports (at its top or inside a function), resolved to a full name."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _imports(module: str) -> set[str]:
    """The package modules `module` imports: the arrows of the house."""
    return {name for name in _targets(module) if name in MODULES and name != module}


GRAPH = {module: _imports(module) for module in MODULES}


def test_no_arrow_points_to_a_higher_layer():
    upward = sorted(
        f"{module} ({_layer(module)}) imports {target} ({_layer(target)})"
        for module, targets in GRAPH.items()
        for target in targets
        if _layer(target) > _layer(module)
    )
    assert upward == []


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in GRAPH[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle():
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle():
    GRAPH["stemhulp.quiz.model"].add("stemhulp.quiz.cells")
    GRAPH["stemhulp.quiz.cells"].add("stemhulp.quiz.model")
    try:
        assert ["stemhulp.quiz.cells", "stemhulp.quiz.model"] in _cycles()
    finally:
        GRAPH["stemhulp.quiz.model"] = _imports("stemhulp.quiz.model")
        GRAPH["stemhulp.quiz.cells"] = _imports("stemhulp.quiz.cells")


def test_the_top_holds_only_the_core_and_the_subpackages():
    top = {path.stem for path in PACKAGE.glob("*.py")}
    assert top == TOP_LEVEL_MODULES


@pytest.mark.parametrize("module", sorted(MODULES))
def test_the_package_imports_no_old_path(module):
    """Old paths are for users, for one release (`_moved`); the package itself uses the new ones."""
    old = {f"stemhulp.{name}" for name in MOVED if name not in NOW_PACKAGES}
    assert not {target for target in _targets(module) if target in old}
    for package in NOW_PACKAGES:  # `from stemhulp.dialogue import step` would go through the forwarder
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        forwarded = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == f"stemhulp.{package}"
            for alias in node.names
        ]
        assert forwarded == [], (package, forwarded)


def test_old_paths_give_the_new_modules_with_a_warning():
    import importlib
    import sys

    for old, new in MOVED.items():
        if old in NOW_PACKAGES:
            continue
        sys.modules.pop(f"stemhulp.{old}", None)
        with pytest.warns(DeprecationWarning, match=f"stemhulp.{new}"):
            module = importlib.import_module(f"stemhulp.{old}")
        assert module is importlib.import_module(f"stemhulp.{new}")
        assert module.__spec__.name == f"stemhulp.{new}"


def test_names_of_an_old_module_that_is_now_a_package_still_resolve():
    from stemhulp.dialogue.flow import step
    from stemhulp.plots.figures import plot_top_share

    with pytest.warns(DeprecationWarning, match="stemhulp.dialogue.flow.step"):
        from stemhulp.dialogue import step as old_step
    with pytest.warns(DeprecationWarning, match="stemhulp.plots.figures.plot_top_share"):
        from stemhulp.plots import plot_top_share as old_plot
    assert old_step is step and old_plot is plot_top_share
    with pytest.raises(ImportError):
        from stemhulp.dialogue import no_such_name  # noqa: F401
