"""Party-pair distances and the research plots' language, order, titles and saved-result input."""

from __future__ import annotations

import json

import numpy as np
import pytest

import stemhulp
from stemhulp.analysis.distances import party_distances
from stemhulp.errors import SimulationError
from stemhulp.matching.facade import build_scorer
from stemhulp.plots.figures import pole_order
from stemhulp.simulate import simulate, synthetic_quiz
from tests.simulate.test_simulate import tiny_quiz

PNG = b"\x89PNG\r\n\x1a\n"


def test_party_distances_worked_by_hand():
    quiz = tiny_quiz({"a": ["agree", "agree"], "b": ["agree", "disagree"], "c": ["disagree", None]})
    data = party_distances(quiz, method="cityblock", missing="exclude")
    # a's answers vs b: s1 same (0), s2 opposite (1) → 50; vs c: only s1 counts, opposite → 0.
    # c answers s1 only (no stance on s2 = skipped): a and b both opposite → 0.
    assert data["scores"] == [[100.0, 50.0, 0.0], [50.0, 100.0, 0.0], [0.0, 0.0, 100.0]]
    assert data["distance"][0][1] == 50.0
    order = data["order"]
    assert sorted(order) == ["a", "b", "c"] and abs(order.index("a") - order.index("b")) == 1
    # Under the neutral policy c's missing stance counts as neutral: a's s2 agree vs neutral = 0.5.
    neutral = party_distances(quiz, method="cityblock", missing="neutral")
    assert neutral["scores"][0][2] == pytest.approx(100 * (1 - (1 + 0.5) / 2))


def test_distances_cli(runner, mini_path):
    from stemhulp.cli.app import app

    result = runner.invoke(app, ["distances", str(mini_path), "--json", "--method", "stemwijzer"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["method"] == "stemwijzer" and len(data["scores"]) == len(data["parties"]) == 3
    assert all(data["scores"][i][i] == 100.0 for i in range(3))
    table = runner.invoke(app, ["distances", str(mini_path)])
    assert table.exit_code == 0 and "distance = 100 − score" in table.output


def test_sensitivity_reports_top_share_agreement_between_methods(mini):
    report = simulate(mini, 1_000, seed=1, methods=["cityblock", "stemwijzer", "euclidean"]).to_dict()
    pairs = report["sensitivity"]["top_share_agreement"]
    assert [p["methods"] for p in pairs] == [
        ["cityblock", "stemwijzer"],
        ["cityblock", "euclidean"],
        ["stemwijzer", "euclidean"],
    ]
    shares = report["sensitivity"]["top_share"]
    a = np.array([shares["cityblock"][p] for p in report["parties"]])
    b = np.array([shares["stemwijzer"][p] for p in report["parties"]])
    assert pairs[0]["max_abs_difference"] == pytest.approx(np.abs(a - b).max())


def test_first_method_scores_agree_when_its_tables_would_group_differently():
    """40 parties × 2 methods: the first method alone has fewer columns (larger groups would fit)."""
    quiz = synthetic_quiz(30, 40, seed=3, no_stance=0.1)
    scorer = build_scorer(quiz, ["cityblock", "stemwijzer"], "neutral", False)
    codes = np.random.default_rng(1).integers(-1, 3, size=(50, 30)).astype(np.int8)
    np.testing.assert_allclose(
        scorer.score(codes, None, 1)[0], stemhulp.match_many(quiz, codes, method="cityblock", min_coverage=0), atol=1e-9
    )
    simulate(quiz, 300, seed=1, methods=["cityblock", "stemwijzer"], influence_sample=20)  # ran into it


def test_pole_order_puts_the_negative_pole_first():
    assert (
        pole_order("Collectieve zorg ↔ eigen verantwoordelijkheid", "Eigen verantwoordelijkheid", "Collectieve zorg")
        == "Eigen verantwoordelijkheid ↔ collectieve zorg"
    )
    assert (
        pole_order("Centrale regels ↔ lokaal maatwerk", "Centrale regels", "Lokaal maatwerk")
        == "Centrale regels ↔ lokaal maatwerk"
    )
    assert pole_order("Economie", "Links", "Rechts") == "Economie"


def _texts(figure) -> str:
    return " ".join(
        t.get_text() for ax in figure.axes for t in [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_yticklabels()]
    )


def test_plots_speak_the_language_name_the_quiz_and_sort_the_bars(mini):
    pytest.importorskip("matplotlib")
    from stemhulp.plots import figures as plots

    report = simulate(mini, 3_000, seed=2, methods=["cityblock", "stemwijzer"]).to_dict()
    nl, en = plots.plot_top_share(report), plots.plot_top_share(report, lang="en")
    assert "Eerste advies" in _texts(nl) and "Mini-stemhulp" in _texts(nl)
    assert "Top advice" in _texts(en) and "Mini voting aid" in _texts(en)
    axes = nl.axes[0]
    height = {t.get_text(): y for t, y in zip(axes.get_yticklabels(), axes.get_yticks(), strict=True)}
    by_share = sorted(report["parties"], key=lambda p: -report["top_share"][p])
    assert sorted(height, key=lambda name: -height[name]) == [report["party_names"][p] for p in by_share]
    assert not nl.legends and not nl.axes[0].get_legend()  # nothing can cover a bar
    for draw in (
        lambda lang: plots.plot_method_agreement(report, lang=lang),
        lambda lang: plots.plot_party_agreement(mini, lang=lang),
        lambda lang: plots.plot_party_distances(mini, lang=lang),
        lambda lang: plots.plot_landscape(mini, lang=lang),
    ):
        dutch, english = _texts(draw("nl")), _texts(draw("en"))
        assert "Mini-stemhulp" in dutch and "Mini voting aid" in english and dutch != english
    with pytest.raises(SimulationError, match="lang"):
        plots.plot_top_share(report, lang="de")


def test_plot_from_a_saved_simulation_and_fresh_seeds(runner, mini_path, tmp_path):
    pytest.importorskip("matplotlib")
    from stemhulp.cli.app import app

    saved = tmp_path / "result.json"
    result = runner.invoke(
        app, ["simulate", str(mini_path), "-n", "2000", "--seed", "3", "--methods", "cityblock,stemwijzer", "--json"]
    )
    saved.write_text(result.output)
    for kind in ("top-share", "agreement"):
        out = tmp_path / f"{kind}.png"
        drawn = runner.invoke(app, ["plot", kind, "--from", str(saved), "--out", str(out), "--lang", "en"])
        assert drawn.exit_code == 0, drawn.output
        assert out.read_bytes().startswith(PNG)
    bad = tmp_path / "bad.json"
    bad.write_text('{"parties": []')
    failed = runner.invoke(app, ["plot", "top-share", "--from", str(bad), "--out", str(tmp_path / "x.png")])
    assert failed.exit_code != 0 and "bad.json" in failed.output and "invalid JSON" in failed.output
    bad.write_text('{"parties": []}')
    failed = runner.invoke(app, ["plot", "top-share", "--from", str(bad), "--out", str(tmp_path / "x.png")])
    assert failed.exit_code != 0 and "missing key(s) top_share" in failed.output
    wrong = runner.invoke(app, ["plot", "landscape", "--from", str(saved), "--out", str(tmp_path / "x.png")])
    assert wrong.exit_code != 0 and "not landscape" in wrong.output
    layout = runner.invoke(
        app, ["plot", "distances", str(mini_path), "--from", "native", "--out", str(tmp_path / "d.png")]
    )
    assert layout.exit_code == 0, layout.output
    fresh = runner.invoke(app, ["plot", "top-share", str(mini_path), "-n", "500", "--out", str(tmp_path / "t.png")])
    assert fresh.exit_code == 0 and fresh.output.startswith("seed: ")
