"""The public API's types: method and policy names are `Literal`s (a typo fails mypy), written once
next to their tables and equal to them; the result's stability is a typed record; the modules
`stemhulp` exports from are checked with mypy's strict flags."""

from __future__ import annotations

import tomllib
import typing
from pathlib import Path

import pytest

import stemhulp
from stemhulp.matching.methods import METHODS, MISSING_POLICIES, MethodName, PolicyName
from stemhulp.matching.stability import Stability

ROOT = Path(__file__).parents[2]


def test_the_literals_are_the_tables_names() -> None:
    assert typing.get_args(MethodName) == tuple(m.name for m in METHODS)
    assert typing.get_args(PolicyName) == tuple(p.name for p in MISSING_POLICIES)


def test_the_result_carries_a_typed_stability_record(mini) -> None:
    result = stemhulp.match(mini, {s.id: "eens" for s in mini.statements})
    assert isinstance(result.stability, Stability)
    names = {"Stability": Stability, "MethodName": MethodName, "PolicyName": PolicyName}  # imported for mypy only
    hints = typing.get_type_hints(type(result), localns=names)
    assert hints["stability"] == Stability | None
    assert hints["method"] == MethodName


def _strict_modules() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for override in config["tool"]["mypy"]["overrides"]:
        if override.get("disallow_untyped_defs") and override.get("implicit_reexport") is False:
            return set(override["module"])
    return set()


def test_every_module_stemhulp_exports_from_is_checked_strictly() -> None:
    homes = {"stemhulp", "stemhulp.errors"}
    for name in stemhulp.__all__:
        home = getattr(getattr(stemhulp, name), "__module__", None)
        if home is not None:
            homes.add(home)
    assert homes <= _strict_modules()


@pytest.mark.slow
def test_a_misspelt_method_fails_mypy(tmp_path: Path) -> None:
    from mypy import api

    script = tmp_path / "use.py"
    script.write_text(
        "import stemhulp\n"
        "quiz = stemhulp.load(None)\n"
        "stemhulp.match(quiz, {}, method='midpoint', missing='exclude')\n"
        "stemhulp.match(quiz, {}, method='midpont')\n"
        "stemhulp.Matcher(quiz, 'midpoint', 'neutrl')\n",
        encoding="utf-8",
    )
    out, _, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), str(script)])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1
    assert [line.split(":")[1] for line in errors] == ["4", "5"], out
