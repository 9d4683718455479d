"""The respondent models are one table (`simulate/respondents.py`): the sweep grid's parameters,
the row file's model columns and the CLI's defaults derive from it; nothing else lists the models."""

from __future__ import annotations

import ast
from pathlib import Path

import stemhulp
from stemhulp.simulate.respondents import RESPONDENT_MODELS
from stemhulp.sweeps.grid import MODEL_PARAMETERS

PACKAGE = Path(stemhulp.__file__).parent
NAMES = {info.name for info in RESPONDENT_MODELS}
HOME = {"simulate/respondents.py", "simulate/models.py"}  # the table, and the models it builds


def test_the_sweep_grid_reads_the_table() -> None:
    assert dict(MODEL_PARAMETERS) == {info.name: info.parameters for info in RESPONDENT_MODELS}


def test_no_module_branches_on_model_names_or_lists_them() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        if where in HOME:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and "model" in ast.unparse(node):
                names = {c.value for c in ast.walk(node) if isinstance(c, ast.Constant)} & NAMES
                if names:
                    found.append(f"{where}:{node.lineno} compares with {sorted(names)}")
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if len(keys & NAMES) >= 2:
                    found.append(f"{where}:{node.lineno} lists the models {sorted(keys & NAMES)}")
    assert found == []


def test_the_model_columns_come_from_the_table() -> None:
    from stemhulp.simulate.rows import RowLayout

    for info in RESPONDENT_MODELS:
        layout = RowLayout(("model",), ("a", "b"), ("s0",), ("midpoint",), info.name, axes=("left", "green"))
        expected = [] if info.record is None else info.record.columns(("left", "green"))
        assert layout.columns() == [("respondent", "int"), *expected]
    spatial = next(info for info in RESPONDENT_MODELS if info.name == "spatial")
    assert spatial.record is not None
    assert spatial.record.columns(("left", "green")) == [("theta_left", "float"), ("theta_green", "float")]
