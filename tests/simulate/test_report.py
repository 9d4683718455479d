"""The typed simulation report: records built once, their JSON document, the shipped JSON Schema and
the data dictionary generated from them, and a saved document read back."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stemhulp.cli.app import app
from stemhulp.cli.doctables import update
from stemhulp.errors import SimulationError
from stemhulp.formats.jsonschemas import schema_names, schema_text
from stemhulp.formats.records import json_schema
from stemhulp.simulate import simulate
from stemhulp.simulate.frames import load_report
from stemhulp.simulate.report import Margin, SimulationReport
from stemhulp.simulate.schema import DICTIONARY_PAGE, SCHEMA_FILE, data_dictionary
from stemhulp.simulate.schema import schema_text as generated
from tests.paths import ROOT

SCHEMA = json.loads(schema_text("simulation"))


def test_the_shipped_schema_is_the_one_the_records_generate():
    """`stemhulp schema simulation` prints exactly what the records give: adding a field to a record
    without rerunning `python -m stemhulp.cli.doctables` fails here."""
    assert "simulation" in schema_names()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated(), "run: python -m stemhulp.cli.doctables"


def test_a_field_added_to_a_record_changes_the_schema():
    """The schema is derived from the fields: a record with one more field has one more required key."""

    @attrs.frozen
    class Wider(Margin):
        extra_share: float | None = None

    base, wider = json_schema(Margin, "m", "m"), json_schema(Wider, "m", "m")
    assert set(wider["properties"]) - set(base["properties"]) == {"extra_share"}
    assert wider["properties"]["extra_share"] == {"type": ["number", "null"]}
    assert "extra_share" in wider["required"]


def test_the_data_dictionary_page_is_current():
    """docs/reference/data-dictionary.md holds the table generated from the schema, one row per key."""
    text = (ROOT / DICTIONARY_PAGE).read_text(encoding="utf-8")
    assert update(text) == text, "run: python -m stemhulp.cli.doctables"
    table = data_dictionary()
    for key in SCHEMA["properties"]:
        assert f"| `{key}` |" in table
    assert "| `margin.histogram[].from` | number |" in table
    assert "| `replications.top_share.<key>.interval` | [number, number] or null |" in table


@pytest.mark.parametrize(
    "options",
    [
        ["--methods", "cityblock,stemwijzer,euclidean"],
        ["--model", "party", "--eps", "0,0.2", "--skip", "0.1", "--important", "0.2"],
        ["--replications", "3", "--tau-sample", "0", "--influence-sample", "0"],
    ],
    ids=["sensitivity", "recovery", "replications"],
)
def test_simulate_json_output_validates_against_the_shipped_schema(runner, mini_path, options):
    """Real `stemhulp simulate --json` documents, with each optional section present or null."""
    outcome = runner.invoke(app, ["simulate", str(mini_path), "-n", "600", "--seed", "5", *options, "--json"])
    assert outcome.exit_code == 0, outcome.output
    document = json.loads(outcome.stdout)
    jsonschema.validate(document, SCHEMA)
    assert list(document) == list(SCHEMA["properties"])  # the keys in the records' order


def test_a_key_the_schema_does_not_know_is_refused(mini):
    """additionalProperties is false at every level: a field written without its schema fails."""
    document = simulate(mini, 200, seed=1).to_dict()
    jsonschema.validate(document, SCHEMA)
    for wider in ({**document, "new_measure": 1.0}, {**document, "margin": {**document["margin"], "p95": 1.0}}):
        with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
            jsonschema.validate(wider, SCHEMA)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 2**32 - 1),
    respondents=st.integers(1, 300),
    methods=st.sets(st.sampled_from(["cityblock", "stemwijzer", "euclidean", "directional"]), max_size=3),
    model=st.sampled_from(["uniform", "party"]),
    replications=st.integers(1, 2),
)
def test_a_report_survives_its_json_document(mini, seed, respondents, methods, model, replications):
    """to_dict → JSON text → from_dict gives an equal report, and every document fits the schema."""
    report = simulate(
        mini, respondents, seed=seed, methods=sorted(methods), model=model, replications=replications
    ).report
    document = json.loads(json.dumps(report.to_dict()))
    jsonschema.validate(document, SCHEMA)
    again, problems = SimulationReport.from_dict(document)
    assert problems == [] and again == report
    assert again.to_dict() == report.to_dict()


def test_the_report_is_built_once_and_cannot_be_changed(mini):
    """Frozen records: no section is added or replaced after construction."""
    report = simulate(mini, 100, seed=2).report
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.tie_rate = 0.5  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.margin.close_call_interval = None  # type: ignore[misc]


def test_a_saved_report_with_a_wrong_nested_value_names_the_file_and_key(mini, tmp_path):
    """`plot --from` reads every key of the records: a bad nested value is one clear error naming it."""
    document = simulate(mini, 300, seed=3).to_dict()
    saved = tmp_path / "sim.json"
    saved.write_text(json.dumps({**document, "margin": {**document["margin"], "mean": "wide"}}), encoding="utf-8")
    with pytest.raises(SimulationError) as error:
        load_report(saved)
    assert error.value.problems == [f"{saved}: margin.mean: expected a number or null, got 'wide'"]
    document.pop("influence")
    saved.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SimulationError, match="missing key"):
        load_report(saved)
    saved.write_text(json.dumps(simulate(mini, 300, seed=3).to_dict()), encoding="utf-8")
    assert load_report(saved) == simulate(mini, 300, seed=3).report


def test_simulate_prints_its_summary_from_the_cli_layer(runner, mini_path):
    """The terminal summary is the CLI's; the compute modules print nothing."""
    import stemhulp.simulate as package

    outcome = runner.invoke(
        app, ["simulate", str(mini_path), "-n", "300", "--seed", "4", "--methods", "cityblock,stemwijzer"]
    )
    assert outcome.exit_code == 0, outcome.output
    assert "Top advice per party" in outcome.stdout and "Same top advice under two methods" in outcome.stdout
    folder = Path(package.__file__).parent
    for module in folder.glob("*.py"):
        assert _prints(ast.parse(module.read_text(encoding="utf-8"))) == [], f"{module.name} prints"


def _prints(tree: ast.AST, inside: str = "") -> list[int]:
    """Lines calling `print` or `….print` outside a module's `main` (its command-line entry)."""
    found = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef):
            found += [] if node.name == "main" else _prints(node, node.name)
            continue
        if isinstance(node, ast.Call):
            function = node.func
            name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
            if name == "print":
                found.append(node.lineno)
        found += _prints(node, inside)
    return found


def test_a_document_that_breaks_a_record_rule_is_one_problem_not_a_traceback(mini):
    """The records' validators (ranges, counts that add up) hold for documents read back too."""
    document = simulate(mini, 200, seed=6).to_dict()
    report, problems = SimulationReport.from_dict({**document, "scored": document["scored"] + 1}, "sim.json")
    assert report is None and problems == [
        f"sim.json: scored ({document['scored'] + 1}) + without_score ({document['without_score']})"
        f" must be the respondents ({document['respondents']})"
    ]
    report, problems = SimulationReport.from_dict({**document, "tie_rate": 1.5}, "sim.json")
    assert report is None and problems == ["sim.json: tie_rate must be a share in [0, 1], got 1.5"]


def test_a_problem_inside_an_optional_section_names_its_own_key(mini):
    """A bad value deep in a nullable section (sensitivity) is named by its path, not the section."""
    document = simulate(mini, 200, seed=6, methods=["cityblock", "stemwijzer"]).to_dict()
    document["sensitivity"]["kendall_tau"][0]["undefined"] = -1.5
    report, problems = SimulationReport.from_dict(document, "sim.json")
    assert report is None and problems == [
        "sim.json: sensitivity.kendall_tau[0].undefined: expected a whole number, got -1.5"
    ]
