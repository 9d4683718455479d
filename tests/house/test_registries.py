"""Adding a variant is one entry in its registry: a copy of the package with one throwaway entry
per registry (method, missing-stance policy, respondent model, layout, schema, language, plot kind) runs
every CLI path that lists or uses it, with no other edit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import PACKAGE

from ..helpers import reference_score

# (file, the line the entry goes after, the entry): each is one new row of one table.
ENTRIES = [
    (
        "matching/methods.py",
        "METHODS: tuple[Method, ...] = (",
        '    Method("throwaway", _cityblock, "2·|x_u − x_p|", "A throwaway method.", "een wegwerpmethode.", "tests"),',
    ),
    (
        "matching/methods.py",
        "MISSING_POLICIES: tuple[MissingPolicy, ...] = (",
        '    MissingPolicy("throwaway", _disagree, "A throwaway policy.", "een wegwerpbeleid.", '
        '"counted as thrown away", "telt dat als weggegooid"),',
    ),
    (
        "simulate/respondents.py",
        "RESPONDENT_MODELS: tuple[RespondentModelInfo, ...] = (",
        '    RespondentModelInfo("throwaway", "UniformModel", "a throwaway copy of uniform", "—"),',
    ),
    (
        "formats/loading.py",
        "LAYOUT_TABLE: tuple[Layout, ...] = (",
        '    Layout("throwaway", load_native, True, lambda path: False, "a throwaway layout"),',
    ),
    (
        "texts/i18n.py",
        "MESSAGES: dict[str, dict[str, str]] = {",
        '    "de": {"result_title": "Ihr Ergebnis", "prompt": "Ihre Antwort"},',
    ),
    (
        "plots/kinds.py",
        "PLOT_KINDS: tuple[PlotKind, ...] = (",
        '    PlotKind("throwaway", "a throwaway copy of parties", "plot_party_agreement", simulation=False),',
    ),
]

# Every CLI path run against the patched copy; the script prints [exit code, stdout] per path.
SCRIPT = """
import json, sys
from typer.testing import CliRunner
from stemhulp.cli.app import app
from stemhulp.cli.doctables import method_table, model_table, policy_table
runs = json.loads(sys.argv[1])
runner = CliRunner()
out = {}
for name, (args, stdin) in runs.items():
    result = runner.invoke(app, args, input=stdin)
    out[name] = [result.exit_code, result.stdout]
out["docs"] = [0, method_table() + policy_table() + model_table()]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def runs(tmp_path_factory, request) -> dict[str, list]:
    """Copy the package, add the throwaway entries (and a schema file), run the CLI paths."""
    mini = str(Path(request.config.rootpath) / "tests" / "fixtures" / "mini")
    root = tmp_path_factory.mktemp("registries")
    copy = root / "stemhulp"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for file, anchor, entry in ENTRIES:
        path = copy / file
        text = path.read_text(encoding="utf-8")
        assert text.count(anchor + "\n") == 1, (file, anchor)
        path.write_text(text.replace(anchor + "\n", f"{anchor}\n{entry}\n"), encoding="utf-8")
    (copy / "formats" / "schemas" / "throwaway.schema.json").write_text('{"title": "throwaway"}\n', encoding="utf-8")
    answers = root / "answers.json"
    answers.write_text(json.dumps({"answers": {"s1": "agree", "s2": "disagree", "s3": "neutral"}}))
    piped = "e\no\nn\n\n\n"
    paths = {
        "methods": (["methods"], None),
        "methods_json": (["methods", "--json"], None),
        "match_method": (["match", mini, "-a", str(answers), "--method", "throwaway", "--json"], None),
        "match_missing": (["match", mini, "-a", str(answers), "--missing", "throwaway", "--json"], None),
        "quiz_method": (["quiz", mini, "--method", "throwaway"], piped),
        "quiz_missing": (["quiz", mini, "--missing", "throwaway", "--lang", "en"], piped),
        "quiz_lang": (["quiz", mini, "--lang", "de"], piped),
        "quiz_help": (["quiz", "--help"], None),
        "simulate_method": (
            [
                "simulate",
                mini,
                "-n",
                "50",
                "--seed",
                "1",
                "--json",
                "--methods",
                "cityblock,throwaway",
                "--missing",
                "throwaway",
            ],
            None,
        ),
        "simulate_model": (["simulate", mini, "-n", "50", "--seed", "1", "--json", "--model", "throwaway"], None),
        "simulate_help": (["simulate", "--help"], None),
        "layout": (["validate", mini, "--from", "throwaway"], None),
        "layout_help": (["validate", "--help"], None),
        "schema": (["schema", "throwaway"], None),
        "schema_help": (["schema", "--help"], None),
        "plot": (["plot", "throwaway", mini, "--out", str(root / "throwaway.png")], None),
        "plot_help": (["plot", "--help"], None),
    }
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200", "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(paths)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def _ok(runs, name) -> str:
    code, out = runs[name]
    assert code == 0, f"{name}: exit {code}\n{out}"
    return out


def test_a_method_is_one_entry(runs):
    """Listed by `stemhulp methods` (table and JSON) and the docs table; usable everywhere."""
    assert "throwaway" in _ok(runs, "methods") and "2·|x_u − x_p|" in _ok(runs, "methods")
    listed = json.loads(_ok(runs, "methods_json"))["methods"]
    assert {
        "name": "throwaway",
        "formula": "2·|x_u − x_p|",
        "summary": "A throwaway method.",
        "summary_nl": "een wegwerpmethode.",
        "source": "tests",
        "three_point_only": False,
    } in listed
    assert json.loads(_ok(runs, "match_method"))["method"] == "throwaway"
    assert "Methode: throwaway — Een wegwerpmethode." in _ok(runs, "quiz_method")
    report = json.loads(_ok(runs, "simulate_method"))
    assert report["sensitivity"]["methods"] == ["cityblock", "throwaway"]
    assert "| `throwaway` | `2·\\|x_u − x_p\\|` | A throwaway method. | tests |" in runs["docs"][1]


def test_a_missing_stance_policy_is_one_entry(runs):
    """The quiz reads the policy's own text (no separate list of names to keep in sync)."""
    assert "throwaway" in _ok(runs, "methods")
    assert {"name": "throwaway", "summary": "A throwaway policy.", "summary_nl": "een wegwerpbeleid."} in json.loads(
        _ok(runs, "methods_json")
    )["missing"]
    assert json.loads(_ok(runs, "match_missing"))["missing"] == "throwaway"
    assert "Where a party takes no position, it is counted as thrown away." in _ok(runs, "quiz_missing")
    assert json.loads(_ok(runs, "simulate_method"))["missing"] == "throwaway"
    assert "| `throwaway` | A throwaway policy. |" in runs["docs"][1]


def test_a_respondent_model_is_one_entry(runs):
    assert "throwaway" in _ok(runs, "simulate_help")
    report = json.loads(_ok(runs, "simulate_model"))
    assert report["model"] == "throwaway" and report["respondents"] == 50
    assert "| `throwaway` | a throwaway copy of uniform | — |" in runs["docs"][1]


def test_a_layout_is_one_entry(runs):
    assert "throwaway" in _ok(runs, "layout_help")
    assert _ok(runs, "layout").startswith("ok: mini: 3 statements")


def test_a_schema_is_one_file(runs):
    assert json.loads(_ok(runs, "schema")) == {"title": "throwaway"}
    assert "throwaway" in _ok(runs, "schema_help")


def test_a_plot_kind_is_one_entry(runs, tmp_path_factory):
    pytest.importorskip("matplotlib")
    assert "throwaway: a throwaway copy of parties" in " ".join(_ok(runs, "plot_help").split())
    assert "wrote" in _ok(runs, "plot") and "throwaway.png" in _ok(runs, "plot")


def test_a_language_is_one_entry(runs):
    """A partial language works: its own words where it has them, Dutch elsewhere."""
    assert "Language: de or nl or en." in _ok(runs, "quiz_help")
    out = _ok(runs, "quiz_lang")
    assert "Ihr Ergebnis" in out and "Ihre Antwort:" in out and "Stelling 1 van 3" in out


def test_docs_tables_are_generated_from_the_registries():
    """The method, policy and model tables in docs/ are exactly what `python -m stemhulp.cli.doctables`
    writes, and each of them is on some page."""
    from stemhulp.cli.doctables import TABLES, tables_in, update

    pages = {path: path.read_text(encoding="utf-8") for path in (PACKAGE.parent / "docs").rglob("*.md")}
    for path, text in pages.items():
        assert update(text) == text, f"run: python -m stemhulp.cli.doctables {path}"
    assert {name for text in pages.values() for name in tables_in(text)} == set(TABLES)


def test_reference_scorer_refuses_an_unknown_policy():
    """The tests' slow reference scorer fails loudly instead of guessing what a new policy means."""
    with pytest.raises(ValueError, match="throwaway"):
        reference_score("cityblock", "throwaway", [0], [1.0], [-1], [1.0], 3)
