"""The published JSON Schemas accept our own files and reject what the loader rejects."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest
import yaml

from stemhulp.cli.app import app
from stemhulp.exchange import quiz_to_exchange


def _schema(name):
    return json.loads(files("stemhulp").joinpath("schemas", f"{name}.schema.json").read_text())


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
