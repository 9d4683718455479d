"""Every exception stemhulp raises for bad input is defined in `stemhulp.errors` and exported from
`stemhulp`; the modules that used to define some still offer them at their old paths."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import stemhulp
from stemhulp import errors

PACKAGE = Path(stemhulp.__file__).parent
DEFINED = {name for name, value in vars(errors).items() if inspect.isclass(value) and issubclass(value, Exception)}


def test_every_error_is_exported_from_stemhulp() -> None:
    assert "StemhulpError" in DEFINED
    for name in DEFINED:
        assert name in stemhulp.__all__
        assert getattr(stemhulp, name) is getattr(errors, name)


def test_no_error_of_the_family_is_defined_elsewhere() -> None:
    """A class deriving from one of `errors`' exceptions outside `errors.py` is a second home."""
    elsewhere = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(base, "id", getattr(base, "attr", None)) for base in node.bases}
                if bases & DEFINED:
                    elsewhere.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert elsewhere == []


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("stemhulp.analysis.quality", "CheckError"),
        ("stemhulp.sweeps", "GridError"),
        ("stemhulp.sweeps.grid", "GridError"),
        ("stemhulp.sweeps", "SweepError"),
        ("stemhulp.sweeps.run", "SweepError"),
        pytest.param("stemhulp.quality", "CheckError", marks=pytest.mark.filterwarnings("ignore::DeprecationWarning")),
    ],
)
def test_old_import_paths_keep_working(module: str, name: str) -> None:
    from importlib import import_module

    assert getattr(import_module(module), name) is getattr(errors, name)
