"""Every output says where it came from: stemhulp version, seed(s), method settings and the quiz's
fingerprint (`Quiz.fingerprint`, the SHA-256 of its canonical stemhulp/1 JSON)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import stemhulp
from stemhulp.cli.app import app
from stemhulp.formats.exchange import quiz_to_exchange

FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{64}$")


def test_fingerprint_is_the_same_quiz_whatever_the_route(mini, tmp_path):
    """Native YAML, its stemhulp/1 export and a reordered position list give one fingerprint; changing one
    stance gives another."""
    assert FINGERPRINT.match(mini.fingerprint)
    document = quiz_to_exchange(mini)
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert stemhulp.load(path).fingerprint == mini.fingerprint
    document["positions"] = list(reversed(document["positions"]))
    assert stemhulp.load(document).fingerprint == mini.fingerprint
    changed = next(p for p in document["positions"] if p["position"] is not None)
    changed["position"] = next(o for o in mini.scale.options if o != changed["position"])
    assert stemhulp.load(document).fingerprint != mini.fingerprint


def _provenance(document, quiz=None):
    origin = document["provenance"]
    assert origin["stemhulp"] == stemhulp.__version__
    if quiz is not None:
        assert (origin["quiz"], origin["quiz_fingerprint"]) == (quiz.id, quiz.fingerprint)
    return origin


def _json(runner, *args):
    result = runner.invoke(app, [*map(str, args), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_match_json_and_library_carry_provenance(runner, mini, mini_path, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {s.id: "agree" for s in mini.statements}}), encoding="utf-8")
    document = _json(runner, "match", mini_path, "--answers", answers, "--method", "midpoint")
    assert {"quiz", "method", "missing", "results", "stability"} <= set(document)  # existing keys kept
    origin = _provenance(document, mini)
    assert origin["seed"] == document["stability"]["seed"]
    assert origin["settings"] == {"method": "midpoint", "missing": "neutral", "salience": False, "min_coverage": 0.5}
    library = stemhulp.match(mini, {s.id: "agree" for s in mini.statements}, method="midpoint").to_dict()
    assert library["provenance"] == origin
    matcher = stemhulp.Matcher(mini, method="midpoint").match({s.id: "agree" for s in mini.statements}).to_dict()
    assert matcher["provenance"]["quiz_fingerprint"] == mini.fingerprint


def test_research_commands_carry_provenance(runner, mini, mini_path):
    simulated = _json(runner, "simulate", mini_path, "-n", 300, "--seed", 4, "--replications", 2)
    origin = _provenance(simulated, mini)
    assert origin["seed"] == simulated["replications"]["seeds"] == [4, simulated["replications"]["seeds"][1]]
    assert origin["settings"]["respondents"] == 300 and origin["settings"]["min_coverage"] == 0.5
    subsets = _json(runner, "subsets", mini_path, "-n", 200, "--subsets", 2, "--seed", 5)
    assert _provenance(subsets, mini)["seed"] == 5
    distances = _json(runner, "distances", mini_path)
    assert _provenance(distances, mini)["seed"] is None  # nothing random
    checked = _json(runner, "check", mini_path, "--respondents", 200, "--seed", 6)
    assert _provenance(checked, mini)["seed"] == 6
    methods = _json(runner, "methods")
    assert methods["provenance"]["stemhulp"] == stemhulp.__version__


def test_row_files_carry_provenance(mini, tmp_path):
    from stemhulp.simulate import simulate

    simulate(mini, 100, seed=8, out=tmp_path / "rows.csv", tau_sample=0, influence_sample=0)
    lines = (tmp_path / "rows.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# stemhulp {stemhulp.__version__}"
    assert lines[1] == f"# quiz {mini.id} {mini.fingerprint}"
    assert lines[2] == "# seed 8"
    assert json.loads(lines[3].removeprefix("# settings "))["method"] == stemhulp.matching.methods.DEFAULT_METHOD
    assert lines[4].startswith("respondent,")
    pq = pytest.importorskip("pyarrow.parquet")
    simulate(mini, 100, seed=8, out=tmp_path / "rows.parquet", tau_sample=0, influence_sample=0)
    metadata = pq.read_schema(tmp_path / "rows.parquet").metadata
    origin = json.loads(metadata[b"stemhulp.provenance"])
    assert (origin["quiz_fingerprint"], origin["seed"]) == (mini.fingerprint, 8)


def test_sweep_table_and_json_carry_provenance(runner, mini, mini_path: Path, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    pytest.importorskip("dask.distributed")
    grid = tmp_path / "grid.yaml"
    grid.write_text(
        f"quizzes: [{mini_path}]\nmethods: [midpoint]\nmissing: [neutral]\nmodels: [uniform]\n"
        "seeds: [1, 2]\nrespondents: 200\n",
        encoding="utf-8",
    )
    out = tmp_path / "sweep.parquet"
    document = _json(runner, "sweep", grid, "--out", out, "--scheduler", "inline")
    origin = document["provenance"]
    assert origin["seed"] == [1, 2] and origin["settings"]["methods"] == ["midpoint"]
    assert [q["quiz_fingerprint"] for q in origin["quizzes"].values()] == [mini.fingerprint]
    stored = json.loads(pq.read_schema(out).metadata[b"stemhulp.provenance"])
    assert stored == origin
    figure = tmp_path / "sweep.png"
    printed = runner.invoke(
        app, ["sweep", str(grid), "--out", str(out), "--scheduler", "inline", "--plot", str(figure)]
    )
    assert mini.fingerprint in printed.stdout and "seeds [1, 2]" in printed.stdout
    assert _png_provenance(figure) == origin


def _png_provenance(path: Path) -> dict:
    from PIL import Image  # matplotlib's own dependency

    with Image.open(path) as image:
        text = dict(image.text)
    assert text["Software"] == f"stemhulp {stemhulp.__version__}"
    return json.loads(text["stemhulp.provenance"])


def test_png_figures_carry_provenance(runner, mini, mini_path, tmp_path):
    pytest.importorskip("matplotlib")
    drawn = tmp_path / "sim.png"
    done = runner.invoke(app, ["simulate", str(mini_path), "-n", "300", "--seed", "9", "--plot", str(drawn)])
    assert done.exit_code == 0, done.output
    origin = _png_provenance(drawn)
    assert (origin["quiz_fingerprint"], origin["seed"]) == (mini.fingerprint, 9)
    for kind in ("parties", "distances", "landscape"):
        out = tmp_path / f"{kind}.png"
        done = runner.invoke(app, ["plot", kind, str(mini_path), "--out", str(out)])
        assert done.exit_code == 0, done.output
        assert _png_provenance(out)["quiz_fingerprint"] == mini.fingerprint
