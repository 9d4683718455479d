"""The command line through Typer's runner: match, export, validate, methods, errors."""

from __future__ import annotations

import json

from stemhulp.cli.app import app
from tests.paths import FIXTURES


def _answers(tmp_path, data) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_match_json_matches_the_library(runner, mini, mini_path, tmp_path):
    """`match --json` prints result.to_dict(): best first, unrounded, with coverage."""
    import stemhulp

    answers = _answers(tmp_path, {"answers": {"s1": "eens", "s2": "oneens"}, "important": ["s1"]})
    outcome = runner.invoke(app, ["match", str(mini_path), "--answers", answers, "--json"])
    assert outcome.exit_code == 0, outcome.output
    document = json.loads(outcome.stdout)
    expected = stemhulp.match(mini, {"s1": "eens", "s2": "oneens"}, important=["s1"]).to_dict()
    assert document == json.loads(json.dumps(expected))
    assert [r["party"] for r in document["results"]] == ["rood", "groen", "blauw"]
    assert document["results"][0]["score"] == 200 / 3
    assert {"party", "name", "score", "rank", "coverage"} <= set(document["results"][0])


def test_match_table_and_options(runner, mini_path, tmp_path):
    answers = _answers(tmp_path, {"answers": {"s1": "eens"}, "parties": ["rood", "blauw"]})
    outcome = runner.invoke(
        app, ["match", str(mini_path), "-a", answers, "--method", "stemwijzer", "--missing", "exclude"]
    )
    assert outcome.exit_code == 0, outcome.output
    assert "Partij Rood" in outcome.stdout and "Partij Groen" not in outcome.stdout
    assert "gelijke antwoorden tellen" in " ".join(outcome.stdout.split())  # the stemwijzer method, in words


def test_bad_answers_file_is_one_clear_error(runner, mini_path, tmp_path):
    """A user mistake ends in `error: file: key: message`, exit 1, no traceback."""
    answers = _answers(tmp_path, {"answers": {"s1": "misschien"}})
    outcome = runner.invoke(app, ["match", str(mini_path), "--answers", answers])
    assert outcome.exit_code == 1
    assert "error: " in outcome.stderr and "answers.s1" in outcome.stderr and "'misschien'" in outcome.stderr
    assert "Traceback" not in outcome.output


def test_unknown_method_is_a_usage_error(runner, mini_path, tmp_path):
    outcome = runner.invoke(
        app, ["match", str(mini_path), "-a", _answers(tmp_path, {"answers": {}}), "--method", "magic"]
    )
    assert outcome.exit_code == 2 and "magic" in outcome.output


def test_wahlomat_on_five_point_scale_is_a_clear_error(runner, tmp_path):
    from stemhulp.formats.exchange import quiz_to_exchange

    from ..helpers import quiz_from_stances

    path = tmp_path / "q.json"
    path.write_text(json.dumps(quiz_to_exchange(quiz_from_stances([[4], [0]], 5))))
    outcome = runner.invoke(
        app, ["match", str(path), "-a", _answers(tmp_path, {"answers": {"s0": "eens"}}), "--method", "wahlomat"]
    )
    assert outcome.exit_code == 1 and "3-point scales only" in outcome.stderr


def test_export_json_round_trips(runner, mini, mini_path, tmp_path):
    import stemhulp
    from stemhulp.formats.exchange import quiz_to_exchange

    outcome = runner.invoke(app, ["export", str(mini_path), "--json"])
    assert outcome.exit_code == 0
    document = json.loads(outcome.stdout)
    assert document["format"] == "stemhulp/1"
    assert quiz_to_exchange(stemhulp.load(document)) == document == json.loads(json.dumps(quiz_to_exchange(mini)))


def test_validate_reports_every_problem(runner, mini_path, tmp_path):
    import shutil

    broken = tmp_path / "q"
    shutil.copytree(mini_path, broken)
    path = broken / "party_positions" / "rood.yaml"
    path.write_text(path.read_text().replace('"s3":', '"s9":').replace("weight: 3", "weight: -3"))
    outcome = runner.invoke(app, ["validate", str(broken)])
    assert outcome.exit_code == 1
    lines = [line for line in outcome.stderr.splitlines() if line.startswith("error: ")]
    assert any("rood.yaml:8: unknown statement 's9'" in line for line in lines)
    assert any("rood.yaml:6" in line and "-3" in line for line in lines)
    ok = runner.invoke(app, ["validate", str(mini_path)])
    assert ok.exit_code == 0 and ok.stdout.startswith("ok: mini: 3 statements")


def test_validate_sources_checks_quotes(runner, mini_path):

    sources = FIXTURES / "programmes"
    outcome = runner.invoke(app, ["validate", str(mini_path), "--sources", str(sources)])
    assert outcome.exit_code == 1 and "blauw.txt: file not found" in outcome.stderr


def test_methods_lists_the_table(runner):
    from stemhulp.matching.methods import DEFAULT_METHOD, METHODS

    outcome = runner.invoke(app, ["methods", "--json"])
    document = json.loads(outcome.stdout)
    assert [m["name"] for m in document["methods"]] == [m.name for m in METHODS]
    assert document["default_method"] == DEFAULT_METHOD
    assert f"{DEFAULT_METHOD} (default)" in runner.invoke(app, ["methods"]).stdout


def test_version(runner):
    import stemhulp

    assert runner.invoke(app, ["--version"]).stdout.strip() == f"stemhulp {stemhulp.__version__}"


def test_missing_source_is_a_clear_error(runner, tmp_path):
    outcome = runner.invoke(app, ["export", str(tmp_path / "nope")])
    assert outcome.exit_code == 1 and "no such file or directory" in outcome.stderr
