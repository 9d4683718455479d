"""Simulated respondents and VAA diagnostics: determinism, hand-checked diagnostics, CLI."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stemhulp
from stemhulp.errors import SimulationError
from stemhulp.matching.ranking import competition_ranks
from stemhulp.quiz.model import Axis, Party, Position, Quiz, Statement
from stemhulp.quiz.scale import THREE_POINT, Scale
from stemhulp.simulate import BLOCK, simulate, synthetic_quiz
from stemhulp.simulate.models import UniformModel, load_answer_pool, make_model


def tiny_quiz(stances: dict[str, list[str | None]], loadings: list[float] | None = None) -> Quiz:
    """Parties with the given 3-point stances on statements s1 … sN."""
    count = len(next(iter(stances.values())))
    statements = [
        Statement(f"s{i + 1}", "T", f"Statement {i + 1}.", axes={} if loadings is None else {"links": loadings[i]})
        for i in range(count)
    ]
    parties = [Party(p, p.capitalize()) for p in stances]
    positions = [Position(p, f"s{i + 1}", word) for p, words in stances.items() for i, word in enumerate(words)]
    axes = [Axis("links", "Links–rechts", negative="rechts", positive="links")] if loadings else []
    return Quiz("tiny", "Tiny", Scale(THREE_POINT), statements, parties, positions, axes=axes)


def dumps(result) -> str:
    return json.dumps(result.to_dict(), sort_keys=True)


# --- determinism ------------------------------------------------------------------------------


def test_chunk_size_never_changes_the_output(mini):
    runs = [
        dumps(
            simulate(
                mini,
                20_000,
                seed=7,
                chunk_size=c,
                missing="exclude",
                salience=True,
                methods=["cityblock", "euclidean", "stemwijzer", "directional"],
                skip=0.1,
                important=0.2,
                influence_sample=500,
            )
        )
        for c in (1000, 4096, 65_536, 333)
    ]
    assert runs[0] == runs[1] == runs[2] == runs[3]


def test_chunk_size_invariance_on_a_larger_quiz_across_blocks():
    quiz = synthetic_quiz(20, 7, scale_size=5, seed=2)
    n = BLOCK + 3_000  # two blocks, the second one short
    runs = [
        dumps(
            simulate(
                quiz,
                n,
                seed=3,
                chunk_size=c,
                model="party",
                eps=[0.2, 0.4],
                methods=["cityblock", "hybrid"],
                tau_sample=5_000,
                influence_sample=100,
            )
        )
        for c in (4096, 65_536, 70_001)
    ]
    assert runs[0] == runs[1] == runs[2]


def test_two_workers_give_the_same_output_and_rows(mini, tmp_path):
    n = 2 * BLOCK + 100
    one = simulate(
        mini, n, seed=11, workers=1, methods=["cityblock", "stemwijzer"], out=tmp_path / "one.csv", influence_sample=100
    )
    two = simulate(
        mini, n, seed=11, workers=2, methods=["cityblock", "stemwijzer"], out=tmp_path / "two.csv", influence_sample=100
    )
    assert dumps(one) == dumps(two)
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_same_seed_same_output_and_different_seed_different(mini):
    assert dumps(simulate(mini, 5_000, seed=1)) == dumps(simulate(mini, 5_000, seed=1))
    assert dumps(simulate(mini, 5_000, seed=1)) != dumps(simulate(mini, 5_000, seed=2))


def test_without_a_seed_a_fresh_one_is_reported_and_reproduces(mini):
    first = simulate(mini, 3_000)
    assert isinstance(first.to_dict()["seed"], int)
    assert dumps(simulate(mini, 3_000, seed=first.to_dict()["seed"])) == dumps(first)


@settings(max_examples=15)
@given(
    stances=st.lists(st.lists(st.sampled_from([None, *THREE_POINT]), min_size=3, max_size=3), min_size=2, max_size=4),
    seed=st.integers(0, 2**32 - 1),
    missing=st.sampled_from(["neutral", "exclude", "opposite", "disagree"]),
    chunk=st.integers(1, 700),
)
def test_any_quiz_any_chunking_gives_shares_summing_to_one(stances, seed, missing, chunk):
    quiz = tiny_quiz({f"p{i}": words for i, words in enumerate(stances)})
    base = simulate(quiz, 600, seed=seed, missing=missing, skip=0.3, influence_sample=20)
    again = simulate(quiz, 600, seed=seed, missing=missing, skip=0.3, influence_sample=20, chunk_size=chunk)
    assert dumps(base) == dumps(again)
    report = base.to_dict()
    if report["scored"]:
        assert math.isclose(sum(report["top_share"].values()), 1.0, abs_tol=1e-12)
    else:
        assert all(v is None for v in report["top_share"].values())
    assert report["scored"] + report["without_score"] == 600


# --- the diagnostics, checked by hand and by brute force ---------------------------------------


def test_identical_parties_split_the_top_equally():
    quiz = tiny_quiz({"a": ["agree", "disagree", "neutral"], "b": ["agree", "disagree", "neutral"]})
    report = simulate(quiz, 2_000, seed=5).to_dict()
    assert report["top_share"] == {"a": 0.5, "b": 0.5}
    assert report["tie_rate"] == 1.0
    assert report["tie_sizes"] == {"1": 0, "2": 2_000}
    assert report["bias_ratio"] == {"a": 1.0, "b": 1.0}
    assert report["margin"]["quantiles"]["p50"] == 0.0
    assert report["party_agreement"]["matrix"] == [[1.0, 1.0], [1.0, 1.0]]
    assert report["consensus_statements"] == ["s1", "s2", "s3"]
    # Consensus statements can never move the advice.
    assert all(s["flip"] == 0.0 and s["drop"] == 0.0 for s in report["influence"]["statements"])


def test_three_parties_tie_split_worked_by_hand():
    # One statement; a agrees, b agrees, c disagrees. Agree (1/3 of respondents): a and b tie
    # (1/6 each); neutral (1/3): all three tie at 50 (1/9 each); disagree (1/3): c alone.
    quiz = tiny_quiz({"a": ["agree"], "b": ["agree"], "c": ["disagree"]})
    n = 9_000
    codes = UniformModel(1, 3).draw(np.random.default_rng([3, 0]), n).codes[:, 0]
    agree, neutral, disagree = (int((codes == c).sum()) for c in (2, 1, 0))
    report = simulate(quiz, n, seed=3).to_dict()
    assert report["top_share"]["a"] == pytest.approx((agree / 2 + neutral / 3) / n, abs=1e-15)
    assert report["top_share"]["c"] == pytest.approx((disagree + neutral / 3) / n, abs=1e-15)
    assert report["tie_sizes"] == {"1": disagree, "2": agree, "3": neutral}
    assert report["tie_rate"] == pytest.approx((agree + neutral) / n)
    assert sum(report["top_share"].values()) == pytest.approx(1.0, abs=1e-15)


@pytest.mark.parametrize("method", ["cityblock", "stemwijzer", "euclidean", "directional"])
def test_diagnostics_match_a_per_respondent_brute_force(mini, method):
    n, seed = 3_000, 21
    report = simulate(mini, n, seed=seed, method=method, missing="exclude").to_dict()
    codes = UniformModel(len(mini.statements), 3).draw(np.random.default_rng([seed, 0]), n).codes
    scores = stemhulp.match_many(mini, codes, method=method, missing="exclude")
    parties = [p.id for p in mini.parties]
    names = [p.name for p in mini.parties]
    share = dict.fromkeys(parties, 0.0)
    ranks = {p: [0] * (len(parties) + 1) for p in parties}
    margins, ties, scored = [], 0, 0
    for row in scores:
        ranking = competition_ranks([None if math.isnan(s) else float(s) for s in row], names)
        top = [i for i, rank in ranking if rank == 1]
        if top:
            scored += 1
            ties += len(top) > 1
            for i in top:
                share[parties[i]] += 1 / len(top)
        for i, rank in ranking:
            ranks[parties[i]][(rank or len(parties) + 1) - 1] += 1
        valid = sorted((s for s in row if not math.isnan(s)), reverse=True)
        if len(valid) >= 2:
            margins.append(valid[0] - valid[1])
    for p in parties:
        assert report["top_share"][p] == pytest.approx(share[p] / scored, abs=1e-12)
        assert report["rank_distribution"][p]["1"] == pytest.approx(ranks[p][0] / n)
        assert report["rank_distribution"][p]["none"] == pytest.approx(ranks[p][-1] / n)
        column = scores[:, parties.index(p)]
        assert report["mean_score"][p] == pytest.approx(np.nanmean(column), abs=1e-6)
    assert report["tie_rate"] == pytest.approx(ties / scored)
    assert report["margin"]["mean"] == pytest.approx(np.mean(margins), abs=1e-6)
    for name, q in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9)):
        assert report["margin"]["quantiles"][name] == pytest.approx(
            round(np.quantile(margins, q, method="inverted_cdf"), 2)
        )
    assert report["margin"]["close_call_rate"] == pytest.approx(sum(round(m, 2) < 5 for m in margins) / len(margins))


def test_kendall_tau_matches_scipy():
    from scipy.stats import kendalltau

    quiz = synthetic_quiz(12, 6, seed=4, no_stance=0.2)
    n, seed = 2_000, 9
    report = simulate(quiz, n, seed=seed, methods=["cityblock", "stemwijzer"], skip=0.2).to_dict()
    rng = np.random.default_rng([seed, 0])
    codes = UniformModel(12, 3).draw(rng, n).codes.copy()
    codes[rng.random(codes.shape) < 0.2] = -1
    a = stemhulp.match_many(quiz, codes, method="cityblock")
    b = stemhulp.match_many(quiz, codes, method="stemwijzer")
    taus = []
    for x, y in zip(a, b, strict=True):
        keep = ~(np.isnan(x) | np.isnan(y))
        tau = kendalltau(np.round(x[keep], 9), np.round(y[keep], 9)).statistic if keep.sum() >= 2 else math.nan
        taus.append(tau)
    defined = np.array([t for t in taus if not math.isnan(t)])
    entry = report["sensitivity"]["kendall_tau"][0]
    assert entry["methods"] == ["cityblock", "stemwijzer"]
    assert entry["undefined"] == n - len(defined)
    assert entry["mean"] == pytest.approx(defined.mean(), abs=1e-12)
    for name, q in (("q1", 0.25), ("median", 0.5), ("q3", 0.75)):
        assert entry[name] == pytest.approx(np.quantile(defined, q, method="inverted_cdf"), abs=1e-12)


def test_method_sensitivity_matrix(mini):
    report = simulate(mini, 4_000, seed=2, methods=["cityblock", "wahlomat", "stemwijzer"]).to_dict()
    same = report["sensitivity"]["same_top"]
    assert [same[i][i] for i in range(3)] == [1.0, 1.0, 1.0]
    assert same[0][1] == 1.0  # wahlomat equals cityblock on a 3-point scale
    assert same[0][2] == same[2][0] < 1.0
    tau = report["sensitivity"]["kendall_tau"][0]
    assert tau["mean"] == tau["q1"] == 1.0


def test_party_model_recovers_the_origin_without_noise():
    quiz = synthetic_quiz(30, 6, seed=8, no_stance=0.0)
    report = simulate(quiz, 6_000, seed=4, model="party", eps=[0.0, 0.2, 0.5]).to_dict()
    recovery = report["recovery"]
    assert recovery["eps"] == [0.0, 0.2, 0.5]
    assert recovery["rate"][0] >= 0.99
    assert recovery["rate"][0] > recovery["rate"][1] > recovery["rate"][2]
    assert all(rates[0] >= 0.99 for rates in recovery["by_party"].values())
    assert math.isclose(sum(recovery["origin_share"].values()), 1.0)


def test_party_model_skips_where_the_party_has_no_stance(mini):
    report = simulate(mini, 3_000, seed=1, model="party", eps=0.0, shares={"blauw": 1}, out=None).to_dict()
    assert report["recovery"]["origin_share"] == {"blauw": 1.0, "groen": 0.0, "rood": 0.0}
    assert report["parameters"]["shares"] == {"blauw": 1.0, "groen": 0.0, "rood": 0.0}
    # blauw has no stance on s3, so its copiers skip it: flipping or dropping s3 changes nothing.
    s3 = next(s for s in report["influence"]["statements"] if s["statement"] == "s3")
    assert s3 == {"statement": "s3", "flip": 0.0, "drop": 0.0}
    with pytest.raises(SimulationError, match="unknown party id 'paars'"):
        simulate(mini, 10, seed=1, model="party", shares={"paars": 1})


def test_spatial_model_needs_axis_loadings():
    quiz = tiny_quiz({"a": ["agree"], "b": ["disagree"]})
    with pytest.raises(SimulationError, match="axis loadings") as error:
        simulate(quiz, 100, seed=1, model="spatial")
    assert "axes" in str(error.value) and "'tiny'" in str(error.value)


def test_spatial_model_follows_positions_and_loadings(mini):
    model = make_model(mini, "spatial", discrimination=3.0)
    draw = model.draw(np.random.default_rng(0), 20_000)
    theta = draw.latent[:, 0]
    agrees = draw.codes[:, 0] == 2  # s1 loads +1.0 on collectief
    assert agrees[theta > 1].mean() > 0.85 > 0.15 > agrees[theta < -1].mean()
    report = simulate(mini, 2_000, seed=1, model="spatial").to_dict()
    assert report["parameters"]["axes"] == ["collectief"]
    assert report["parameters"]["thresholds"] == [-0.5, 0.5]
    with pytest.raises(SimulationError, match="increasing thresholds"):
        simulate(mini, 10, seed=1, model="spatial", thresholds=[1.0, 0.0])


def test_empirical_model_from_answers_files(mini, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({"answers": {"s1": "eens", "s2": "eens", "s3": "eens"}}))
    (folder / "b.yaml").write_text("answers: {s1: oneens, s2: neutral, s3: skip}\nimportant: [s1]\n")
    codes, important = load_answer_pool(folder, mini)
    assert codes.tolist() == [[2, 2, 2], [0, 1, -1]]
    assert important.tolist() == [[False, False, False], [True, False, False]]
    report = simulate(mini, 4_000, seed=3, model="empirical", answers=folder).to_dict()
    # Answer set a is rood's exactly, b is blauw's: the shares are the bootstrap frequencies.
    assert report["top_share"]["groen"] == 0.0
    assert report["top_share"]["rood"] + report["top_share"]["blauw"] == pytest.approx(1.0)
    assert abs(report["top_share"]["rood"] - 0.5) < 0.05
    assert report["parameters"]["answer_sets"] == 2

    one = tmp_path / "one.json"
    one.write_text(json.dumps({"answers": {"s1": "agree"}}))
    assert simulate(mini, 100, seed=1, model="empirical", answers=one).top_share["rood"] == 1.0

    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"answers": {"s1": "agree"}}, {"answers": {"s2": "disagree"}}]))
    assert load_answer_pool(listed, mini)[0].tolist() == [[2, -1, -1], [-1, 0, -1]]

    table = tmp_path / "codes.csv"
    table.write_text("respondent,s1,s2,s3,important\n1,2,eens,,s1\n2,0,-1,skip,\n")
    codes, important = load_answer_pool(table, mini)
    assert codes.tolist() == [[2, 2, -1], [0, -1, -1]]
    assert important.tolist() == [[True, False, False], [False, False, False]]


def test_empirical_model_errors(mini, tmp_path):
    with pytest.raises(SimulationError, match="needs answers"):
        simulate(mini, 10, seed=1, model="empirical")
    bad = tmp_path / "bad.csv"
    bad.write_text("s1,s9\n3,1\n")
    with pytest.raises(SimulationError) as error:
        load_answer_pool(bad, mini)
    assert any("'s9'" in p for p in error.value.problems)
    assert any("outside 0 … 2" in p for p in error.value.problems)
    unknown = tmp_path / "x.json"
    unknown.write_text(json.dumps({"answers": {"zz": "eens"}}))
    with pytest.raises(stemhulp.AnswersError, match="zz"):
        simulate(mini, 10, seed=1, model="empirical", answers=unknown)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"respondents": 0}, "respondents"),
        ({"skip": 1.5}, "skip"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"seed": -1}, "seed"),
        ({"model": "crowd"}, "unknown respondent model"),
        ({"method": "nearest"}, "unknown method"),
        ({"methods": ["cityblock", "nope"]}, "unknown method"),
        ({"eps": [0.1, 2]}, "eps"),
        ({"answers": "x.json"}, "only used by the 'empirical' model"),
    ],
)
def test_invalid_requests_are_clear_errors(mini, kwargs, message):
    kwargs = {"respondents": 10, "seed": 1, **kwargs}
    with pytest.raises(stemhulp.StemhulpError, match=message):
        simulate(mini, **kwargs)


# --- per-respondent output --------------------------------------------------------------------


def test_csv_rows_hold_each_respondents_scores(mini, tmp_path):
    path = tmp_path / "rows.csv"
    simulate(mini, 1_500, seed=6, model="party", eps=0.3, out=path, missing="exclude")
    with path.open() as stream:
        rows = list(csv.DictReader(line for line in stream if not line.startswith("# ")))  # provenance
    assert len(rows) == 1_500
    assert list(rows[0]) == ["respondent", "top", "ties", "score_blauw", "score_groen", "score_rood", "origin"]
    assert [int(r["respondent"]) for r in rows] == list(range(1_500))
    draw = make_model(mini, "party", eps=0.3).draw(np.random.default_rng([6, 0]), 1_500)
    scores = stemhulp.match_many(mini, draw.codes, missing="exclude")
    for row, expected, origin in zip(rows, scores, draw.origin, strict=True):
        got = [float(row[f"score_{p}"]) if row[f"score_{p}"] else math.nan for p in ("blauw", "groen", "rood")]
        np.testing.assert_allclose(got, expected, atol=1e-6)
        assert row["origin"] == ["blauw", "groen", "rood"][origin]
        assert int(row["ties"]) == len(row["top"].split("|"))
    assert not list(tmp_path.glob(".rows.csv.*"))  # no temporary file left behind


def test_parquet_rows(mini, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "rows.parquet"
    simulate(mini, 2_000, seed=6, model="spatial", out=path)
    table = pq.read_table(path)
    assert table.num_rows == 2_000
    assert table.column_names == [
        "respondent",
        "top",
        "ties",
        "score_blauw",
        "score_groen",
        "score_rood",
        "theta_collectief",
    ]
    assert table.column("respondent").to_pylist()[:3] == [0, 1, 2]


def test_parquet_without_pyarrow_is_a_clear_error(mini, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(SimulationError, match=r"stemhulp\[parquet\]"):
        simulate(mini, 10, seed=1, out=tmp_path / "x.parquet")
    assert not (tmp_path / "x.parquet").exists()


# --- CLI --------------------------------------------------------------------------------------


def test_cli_json(runner, mini_path):
    from stemhulp.cli.app import app

    result = runner.invoke(
        app,
        [
            "simulate",
            str(mini_path),
            "--respondents",
            "3000",
            "--seed",
            "4",
            "--methods",
            "cityblock,stemwijzer",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for key in (
        "respondents",
        "model",
        "method",
        "seed",
        "top_share",
        "tie_rate",
        "sensitivity",
        "margin",
        "influence",
        "party_agreement",
        "consensus_statements",
        "mean_score",
        "rank_distribution",
        "bias_ratio",
        "top_share_interval",
    ):
        assert key in report
    assert report["respondents"] == 3000 and report["model"] == "uniform"
    assert report["method"] == stemhulp.DEFAULT_METHOD and report["seed"] == 4
    library = simulate(stemhulp.load(mini_path), 3000, seed=4, methods=["cityblock", "stemwijzer"])
    assert report == json.loads(json.dumps(library.to_dict()))
    same = runner.invoke(
        app,
        [
            "simulate",
            str(mini_path),
            "-n",
            "3000",
            "--seed",
            "4",
            "--methods",
            "cityblock,stemwijzer",
            "--json",
            "--chunk-size",
            "7",
        ],
    )
    assert same.stdout == result.stdout


def test_cli_summary_out_and_no_progress_bar_off_a_terminal(runner, mini_path, tmp_path):
    from stemhulp.cli.app import app

    out = tmp_path / "rows.csv"
    result = runner.invoke(
        app,
        [
            "simulate",
            str(mini_path),
            "-n",
            "2000",
            "--seed",
            "1",
            "--model",
            "party",
            "--eps",
            "0,0.2",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Top advice per party" in result.stdout and "Recovery" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    assert out.exists()


def test_progress_bar_only_on_a_terminal_and_after_a_delay(monkeypatch):
    from stemhulp.cli.simulation_summary import TerminalProgress, wants_progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert wants_progress() is False
    quiet = TerminalProgress(delay=60)
    quiet(10, 100)
    assert quiet._progress is None
    shown = TerminalProgress(delay=0)
    shown(10, 100)
    assert shown._progress is not None
    shown.close()


def test_cli_errors(runner, mini_path, tmp_path):
    from stemhulp.cli.app import app

    quiz = tmp_path / "quiz.json"
    from stemhulp.formats.exchange import quiz_to_exchange

    document = quiz_to_exchange(tiny_quiz({"a": ["agree"], "b": ["disagree"]}))
    quiz.write_text(json.dumps(document))
    result = runner.invoke(app, ["simulate", str(quiz), "-n", "10", "--model", "spatial"])
    assert result.exit_code == 1
    assert "axis loadings" in result.stderr and "Traceback" not in result.output
    result = runner.invoke(app, ["simulate", str(mini_path), "-n", "10", "--methods", "cityblock,x"])
    assert result.exit_code == 1 and "unknown method 'x'" in result.stderr
    result = runner.invoke(app, ["simulate", str(mini_path), "-n", "10", "--eps", "a"])
    assert result.exit_code == 1 and "--eps" in result.stderr


def test_cli_module_does_not_import_numpy():
    code = (
        "import sys, stemhulp.cli.app, stemhulp.cli.research; "
        "print(sorted(m for m in ('numpy', 'scipy', 'matplotlib') if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"
