"""Research plots: each kind writes a readable PNG; landscape positions worked by hand."""

from __future__ import annotations

import json
import sys

import pytest

from stemhulp.errors import SimulationError
from stemhulp.plots.figures import landscape_positions

PNG = b"\x89PNG\r\n\x1a\n"


def test_landscape_positions_by_hand(mini):
    positions = landscape_positions(mini, {"s1": "eens", "s2": "oneens", "s3": "skip"})
    assert positions["axes"] == ["collectief"]
    # blauw: s1 disagree (-0.5 × 1.0), s2 neutral (0 × 0.5), no stance on s3 → -0.25
    assert positions["parties"]["blauw"] == [pytest.approx(-0.25)]
    # groen: s1 neutral, s2 agree (0.5 × 0.5), s3 agree (0.5 × 0.8) → 0.65 / 3
    assert positions["parties"]["groen"] == [pytest.approx(0.65 / 3)]
    assert positions["parties"]["rood"] == [pytest.approx((0.5 + 0.25 + 0.4) / 3)]
    # you: s1 agree (0.5), s2 disagree (-0.5 × 0.5), s3 skipped → 0.25 / 2
    assert positions["user"] == [pytest.approx(0.125)]


def test_landscape_needs_axes():
    from tests.simulate.test_simulate import tiny_quiz

    with pytest.raises(SimulationError, match="no axis loadings"):
        landscape_positions(tiny_quiz({"a": ["agree"], "b": ["disagree"]}))


def test_every_plot_kind_writes_a_png(runner, mini_path, tmp_path):
    import matplotlib  # noqa: F401  (the test extra installs it)

    from stemhulp.cli.app import app

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {"s1": "eens", "s2": "oneens", "s3": "eens"}}))
    for kind in ("top-share", "agreement", "parties", "landscape"):
        out = tmp_path / f"{kind}.png"
        arguments = ["plot", kind, str(mini_path), "--out", str(out), "-n", "2000"]
        if kind == "landscape":
            arguments[-2:] = ["--answers", str(answers)]
        result = runner.invoke(app, arguments)
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(PNG) and out.stat().st_size > 10_000
    out = tmp_path / "simulate.png"
    result = runner.invoke(
        app,
        [
            "simulate",
            str(mini_path),
            "-n",
            "2000",
            "--seed",
            "1",
            "--methods",
            "cityblock,stemwijzer",
            "--plot",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(PNG)
    assert not list(tmp_path.glob(".*.tmp"))


def test_two_axis_landscape(tmp_path):
    import matplotlib  # noqa: F401  (the test extra installs it)

    from stemhulp.plots.figures import plot_landscape
    from stemhulp.simulate import synthetic_quiz

    quiz = synthetic_quiz(12, 5, seed=1)
    positions = landscape_positions(quiz, {"s01": "agree", "s02": "disagree"})
    assert len(positions["user"]) == 2 and all(-0.5 <= v <= 0.5 for v in positions["user"])
    plot_landscape(quiz, tmp_path / "map.png", answers={"s01": "agree", "s02": "disagree"}, lang="en")
    assert (tmp_path / "map.png").read_bytes().startswith(PNG)


def test_method_agreement_needs_two_methods(mini, tmp_path):
    from stemhulp.plots.figures import plot_method_agreement
    from stemhulp.simulate import simulate

    with pytest.raises(SimulationError, match="two or more methods"):
        plot_method_agreement(simulate(mini, 100, seed=1).to_dict(), tmp_path / "x.png")


def test_missing_matplotlib_is_a_clear_error(mini, tmp_path, monkeypatch):
    from stemhulp.plots.figures import plot_party_agreement

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)
    with pytest.raises(SimulationError, match=r"pip install 'stemhulp\[plot\]'"):
        plot_party_agreement(mini, tmp_path / "x.png")
