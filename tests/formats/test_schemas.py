"""The published JSON Schemas accept our own files and reject what the loader rejects."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest
import yaml

from stemhulp.cli.app import app
from stemhulp.formats.exchange import quiz_to_exchange


def _schema(name):
    return json.loads(files("stemhulp.formats").joinpath("schemas", f"{name}.schema.json").read_text())


def test_native_fixture_files_match_their_schemas(mini_path):
    for path in (mini_path / "statements").glob("*.yaml"):
        name = "quiz" if path.name == "quiz.yaml" else "statements"
        jsonschema.validate(yaml.safe_load(path.read_text()), _schema(name))
    for path in (mini_path / "party_positions").glob("*.yaml"):
        jsonschema.validate(yaml.safe_load(path.read_text()), _schema("party"))


def test_exported_document_matches_exchange_schema(mini):
    jsonschema.validate(json.loads(json.dumps(quiz_to_exchange(mini))), _schema("exchange"))


def test_schema_rejects_a_negative_weight():
    bad = {"id": "p", "name": "P", "positions": {"s1": {"position": "agree", "weight": -1}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, _schema("party"))


def test_schema_command(runner):
    outcome = runner.invoke(app, ["schema", "party"])
    assert outcome.exit_code == 0 and json.loads(outcome.stdout)["title"].startswith("stemhulp party")
    assert runner.invoke(app, ["schema", "nope"]).exit_code == 1


def test_schemas_describe_the_check_key():
    """The bundled quiz declares accepted crossings (`check.accepted`): its header and its export
    match the schemas, which name exactly the thresholds `stemhulp check` knows."""
    import stemhulp
    from stemhulp.formats.loading import bundled_path
    from stemhulp.quiz.thresholds import THRESHOLDS

    header = yaml.safe_load((bundled_path() / "statements" / "quiz.yaml").read_text(encoding="utf-8"))
    assert header["check"]["accepted"]
    jsonschema.validate(header, _schema("quiz"))
    document = json.loads(json.dumps(quiz_to_exchange(stemhulp.load())))
    jsonschema.validate(document, _schema("exchange"))
    for name in ("quiz", "exchange"):
        entry = _schema(name)["properties"]["check"]["properties"]["accepted"]["items"]
        assert entry["properties"]["threshold"]["enum"] == [t.name for t in THRESHOLDS]
    for bad in ({"threshold": "max_bias", "value": 1, "reason": "x"}, {"threshold": "max_bias_ratio", "value": 1}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**header, "check": {"accepted": [bad]}}, _schema("quiz"))
