"""Data out of a simulation (row column groups, arrays, DataFrames) and its uncertainty
(intervals for every share and for tau, replications over seeds)."""

from __future__ import annotations

import csv
import json
import math
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stemhulp
from stemhulp.errors import SimulationError
from stemhulp.simulate import simulate, synthetic_quiz
from stemhulp.simulate.diagnostics import wilson
from stemhulp.simulate.models import UniformModel
from stemhulp.simulate.uncertainty import replication_seed, top_share_agreement

ALL = "answers,important,top,scores,margin,model,compared"


def _draw(quiz, n: int, seed: int, skip: float, important: float):
    """The codes and important flags `simulate` draws for the first block (uniform model)."""
    rng = np.random.default_rng([seed, 0])
    S = len(quiz.statements)
    codes = UniformModel(S, quiz.scale.size).draw(rng, n).codes.copy()
    codes[rng.random((n, S)) < skip] = -1
    marked = (rng.random((n, S)) < important) & (codes >= 0)
    return codes, marked


def _floats(row: dict[str, str], names: list[str]) -> list[float]:
    return [float(row[c]) if row[c] else math.nan for c in names]


def test_every_column_group_holds_the_respondents_data(mini, tmp_path):
    path = tmp_path / "rows.csv"
    n, seed = 800, 5
    simulate(
        mini,
        n,
        seed=seed,
        skip=0.2,
        important=0.3,
        method="cityblock",
        methods=["cityblock", "stemwijzer"],
        missing="exclude",
        out=path,
        columns=ALL,
    )
    with path.open() as stream:
        rows = list(csv.DictReader(line for line in stream if not line.startswith("# ")))  # provenance
    parties = ["blauw", "groen", "rood"]
    statements = [s.id for s in mini.statements]
    header = list(rows[0])
    assert header[:7] == ["respondent", "top", "ties", *(f"score_{p}" for p in parties), "margin"]
    assert header[7 : 7 + 2 * len(statements)] == [f"answer_{s}" for s in statements] + [
        f"important_{s}" for s in statements
    ]
    assert header[7 + 2 * len(statements) :] == [
        "stemwijzer__top",
        "stemwijzer__ties",
        *(f"stemwijzer__score_{p}" for p in parties),
        "stemwijzer__margin",
    ]
    codes, marked = _draw(mini, n, seed, 0.2, 0.3)
    for method, prefix in (("cityblock", ""), ("stemwijzer", "stemwijzer__")):
        expected = stemhulp.match_many(mini, codes, important=marked, method=method, missing="exclude")
        for row, scores in zip(rows, expected, strict=True):
            got = _floats(row, [f"{prefix}score_{p}" for p in parties])
            np.testing.assert_allclose(got, scores, atol=1e-6)
            known = np.sort(scores[~np.isnan(scores)])
            if len(known) >= 2:
                assert float(row[f"{prefix}margin"]) == pytest.approx(known[-1] - known[-2], abs=2e-6)
            else:
                assert row[f"{prefix}margin"] == ""
            best = np.nanmax(scores) if len(known) else math.nan
            top = [p for p, s in zip(parties, scores, strict=True) if len(known) and s >= best - 1e-9]
            assert row[f"{prefix}top"] == "|".join(top)
            assert int(row[f"{prefix}ties"]) == len(top)
    for row, answer, flags in zip(rows, codes, marked, strict=True):
        assert [int(row[f"answer_{s}"]) for s in statements] == answer.tolist()
        assert [row[f"important_{s}"] == "1" for s in statements] == flags.tolist()


def test_default_columns_are_unchanged_and_groups_can_be_narrowed(mini, tmp_path):
    simulate(mini, 50, seed=1, out=tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_text().splitlines()[4] == "respondent,top,ties,score_blauw,score_groen,score_rood"
    simulate(mini, 50, seed=1, out=tmp_path / "b.csv", columns="margin")
    assert (tmp_path / "b.csv").read_text().splitlines()[4] == "respondent,margin"
    with pytest.raises(SimulationError, match=r"unknown group\(s\) 'score'.*choose from"):
        simulate(mini, 50, seed=1, out=tmp_path / "c.csv", columns="top,score")


def test_rows_with_every_group_are_bit_identical_across_chunk_sizes(mini, tmp_path):
    import pyarrow.parquet as pq

    for chunk in (100, 4096):
        for suffix in ("csv", "parquet"):
            simulate(
                mini,
                3_000,
                seed=3,
                skip=0.1,
                important=0.2,
                methods=["cityblock", "euclidean"],
                chunk_size=chunk,
                out=tmp_path / f"rows{chunk}.{suffix}",
                columns=ALL,
            )
    assert (tmp_path / "rows100.csv").read_bytes() == (tmp_path / "rows4096.csv").read_bytes()
    # Parquet row groups follow the chunks; the table they hold does not.
    assert pq.read_table(tmp_path / "rows100.parquet").equals(pq.read_table(tmp_path / "rows4096.parquet"))


def test_parquet_column_types(mini, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "rows.parquet"
    simulate(mini, 300, seed=2, model="party", methods=["cityblock", "stemwijzer"], out=path, columns=ALL)
    schema = pq.read_schema(path)
    statement = mini.statements[0].id
    assert str(schema.field(f"answer_{statement}").type) == "int8"
    assert str(schema.field(f"important_{statement}").type) == "bool"
    assert str(schema.field("stemwijzer__ties").type) == "int16"
    assert str(schema.field("margin").type) == "double"
    assert str(schema.field("origin").type) == "string"


def test_arrays_and_frame_follow_the_party_order_with_names(mini):
    result = simulate(mini, 2_000, seed=4, methods=["cityblock", "stemwijzer"])
    report = result.to_dict()
    assert result.parties == ("blauw", "groen", "rood")
    assert result.party_names == tuple(report["party_names"][p] for p in result.parties)
    np.testing.assert_array_equal(result.top_share_array, [report["top_share"][p] for p in result.parties])
    np.testing.assert_array_equal(result.top_share_interval_array[1], report["top_share_interval"]["groen"])
    assert result.rank_array.shape == (3, 4)
    np.testing.assert_allclose(result.rank_array.sum(axis=1), 1.0)
    frame = result.to_frame()
    assert list(frame.columns) == list(result.party_names)
    assert frame.loc["top_share"].tolist() == result.top_share_array.tolist()
    assert frame.loc["top_share:stemwijzer"].tolist() == [
        report["sensitivity"]["top_share"]["stemwijzer"][p] for p in result.parties
    ]
    assert frame.loc["bias_ratio"].tolist() == pytest.approx((3 * result.top_share_array).tolist())


def test_frame_without_pandas_is_a_clear_error(mini, monkeypatch):
    result = simulate(mini, 100, seed=1)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(SimulationError, match=r"stemhulp\[pandas\]"):
        result.to_frame()


def test_every_share_has_its_wilson_interval(mini):
    """Each share of the typed report has beside it the Wilson interval of its own denominator."""
    report = simulate(
        mini, 3_000, seed=8, model="party", eps=[0.1, 0.3], methods=["cityblock", "stemwijzer"], influence_sample=300
    ).report
    n = report.respondents
    s = report.sensitivity
    assert s is not None and report.recovery is not None
    assert s.same_top_interval[0][1] == wilson(s.same_top[0][1], n)
    assert report.tie_rate_interval == wilson(report.tie_rate, report.scored)
    low, high = report.top_share_interval["rood"]
    assert report.bias_ratio_interval["rood"] == (3 * low, 3 * high)
    assert report.rank_distribution_interval["rood"]["1"] == wilson(report.rank_distribution["rood"]["1"], n)
    margin = report.margin
    assert margin.close_call_interval == wilson(margin.close_call_rate, margin.respondents)
    first, interval = report.influence.statements[0], report.influence.intervals[0]
    assert interval.statement == first.statement and interval.flip == wilson(first.flip, 300)
    assert wilson(0.0, 50)[0] == 0.0 and wilson(1.0, 50)[1] == 1.0
    recovery = report.recovery
    assert recovery.rate_interval[1] == wilson(recovery.rate[1], recovery.respondents[1])
    for p in report.parties:
        low, high = recovery.by_party_interval[p][0]
        assert low <= recovery.by_party[p][0] <= high
    assert report.intervals.level == 0.95


def test_tau_interval_is_the_normal_interval_of_the_per_respondent_values():
    from scipy.stats import kendalltau

    quiz = synthetic_quiz(10, 5, seed=4, no_stance=0.2)
    n, seed = 1_500, 9
    report = simulate(quiz, n, seed=seed, methods=["cityblock", "stemwijzer"]).to_dict()
    codes, _ = _draw(quiz, n, seed, 0.0, 0.0)
    a = stemhulp.match_many(quiz, codes, method="cityblock")
    b = stemhulp.match_many(quiz, codes, method="stemwijzer")
    taus = []
    for x, y in zip(a, b, strict=True):
        keep = ~(np.isnan(x) | np.isnan(y))
        if keep.sum() >= 2:
            tau = kendalltau(np.round(x[keep], 9), np.round(y[keep], 9)).statistic
            if not math.isnan(tau):
                taus.append(tau)
    values = np.array(taus)
    entry = report["sensitivity"]["kendall_tau"][0]
    sd = values.std(ddof=1)
    assert entry["sd"] == pytest.approx(sd, abs=1e-12)
    half = 1.959963984540054 * sd / math.sqrt(len(values))
    assert entry["mean_interval"] == pytest.approx([values.mean() - half, values.mean() + half], abs=1e-12)


def test_top_share_agreement_worked_by_hand():
    shares = {"a": {"x": 0.5, "y": 0.3, "z": 0.2}, "b": {"x": 0.4, "y": 0.4, "z": 0.2}}
    [entry] = top_share_agreement(shares, ["a", "b"], ["x", "y", "z"])
    assert entry.methods == ("a", "b")
    assert entry.max_abs_difference == pytest.approx(0.1)
    assert entry.correlation == pytest.approx(np.corrcoef([0.5, 0.3, 0.2], [0.4, 0.4, 0.2])[0, 1])


def test_replications_are_runs_with_derived_seeds(mini):
    single = simulate(mini, 2_000, seed=12).to_dict()
    report = simulate(mini, 2_000, seed=12, replications=3).to_dict()
    rep = report.pop("replications")
    assert single.pop("replications") is None
    assert report.pop("provenance")["seed"] == rep["seeds"] and single.pop("provenance")["seed"] == 12
    assert json.dumps(report, sort_keys=True) == json.dumps(single, sort_keys=True)  # replication 0 = main run
    assert rep["count"] == 3 and rep["seeds"][0] == 12 and rep["seeds"][1] == replication_seed(12, 1)
    second = simulate(mini, 2_000, seed=rep["seeds"][2]).to_dict()
    assert rep["per_replication"]["top_share"][2] == second["top_share"]
    for p in report["parties"]:
        values = [r[p] for r in rep["per_replication"]["top_share"]]
        assert rep["top_share"][p]["mean"] == pytest.approx(np.mean(values))
        assert rep["top_share"][p]["sd"] == pytest.approx(np.std(values, ddof=1))
        assert rep["bias_ratio"][p]["max"] == pytest.approx(3 * max(values))
    with pytest.raises(SimulationError, match="replications"):
        simulate(mini, 10, seed=1, replications=0)


def test_cli_columns_and_replications(runner, mini_path, tmp_path):
    from stemhulp.cli.app import app

    out = tmp_path / "rows.csv"
    result = runner.invoke(
        app,
        [
            "simulate",
            str(mini_path),
            "-n",
            "500",
            "--seed",
            "2",
            "--replications",
            "2",
            "--columns",
            "top,answers",
            "--out",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["replications"]["count"] == 2
    assert out.read_text().splitlines()[4].startswith("respondent,top,ties,answer_")
    bad = runner.invoke(app, ["simulate", str(mini_path), "-n", "5", "--columns", "nope", "--out", str(out)])
    assert bad.exit_code != 0 and "nope" in bad.output and "Traceback" not in bad.output


def _reference_ranks(scores: np.ndarray) -> np.ndarray:
    """1 + the number of parties scoring more than 1e-9 higher, party by party (P + 1: no score)."""
    filled = np.where(np.isnan(scores), -np.inf, scores)
    rank = np.ones(scores.shape, dtype=np.int64)
    with np.errstate(invalid="ignore"):
        for q in range(scores.shape[1]):
            rank += (filled[:, q : q + 1] - filled) > 1e-9
    return np.where(np.isnan(scores), scores.shape[1] + 1, rank)


def _ranks_by_party(scores: np.ndarray) -> np.ndarray:
    from stemhulp.simulate.diagnostics import sorted_ranks

    order, _, rank = sorted_ranks(np.where(np.isnan(scores), -np.inf, scores))
    back = np.empty_like(rank)
    np.put_along_axis(back, order, rank, axis=1)
    return back


def test_party_ranks_pair_by_pair_and_by_sorting_give_the_reference():
    from stemhulp.simulate.diagnostics import PAIRWISE_PARTIES, party_ranks, top_two

    for parties in (1, 2, 5, PAIRWISE_PARTIES, PAIRWISE_PARTIES + 1, 20):
        quiz = synthetic_quiz(10, parties, seed=parties, no_stance=0.3)
        codes = np.random.default_rng(parties).integers(-1, 3, size=(400, 10)).astype(np.int8)
        codes[:40, 1:] = -1  # few answers: many ties and unscored parties
        scores = stemhulp.match_many(quiz, codes, method="cityblock", missing="exclude")
        filled = np.where(np.isnan(scores), -np.inf, scores)
        np.testing.assert_array_equal(party_ranks(filled), _reference_ranks(scores))
        np.testing.assert_array_equal(top_two(filled)[:, 0], np.sort(filled, axis=1)[:, ::-1][:, 0])
        if parties >= 2:
            np.testing.assert_array_equal(top_two(filled)[:, 1], np.sort(filled, axis=1)[:, ::-1][:, 1])


def test_fast_ranks_and_tau_give_the_reference_counts():
    from stemhulp.matching.facade import build_scorer
    from stemhulp.simulate.diagnostics import Tally, tally_tau, tally_taus, tau_table

    quiz = synthetic_quiz(12, 15, seed=1, no_stance=0.3)
    methods = ["cityblock", "stemwijzer", "euclidean", "directional"]
    codes = np.random.default_rng(2).integers(-1, 3, size=(600, 12)).astype(np.int8)
    codes[:50, 2:] = -1  # few answers: many ties and unscored parties
    scores = build_scorer(quiz, methods, "exclude", False).score(codes)
    for x in scores:
        np.testing.assert_array_equal(_ranks_by_party(x), _reference_ranks(x))
    pairs = [(a, b) for a in range(4) for b in range(a + 1, 4)]
    one, many = Tally(15, 12, 4, 0, len(pairs)), Tally(15, 12, 4, 0, len(pairs))
    for k, (a, b) in enumerate(pairs):
        tally_tau(one, k, scores[a], scores[b])
    tally_taus(many, scores, pairs)
    for mine, theirs in zip(one.tau, many.tau, strict=True):
        np.testing.assert_array_equal(tau_table(mine), tau_table(theirs))
    # Scores about 1e-9 apart: a run of neighbours each within 1e-9 spans more than 1e-9.
    near = np.array([[1.0, 1.0 + 0.6e-9, 1.0 + 1.2e-9, np.nan, 0.5]])
    np.testing.assert_array_equal(_ranks_by_party(near), _reference_ranks(near))
    assert _ranks_by_party(near).tolist() == [[2, 1, 1, 6, 4]]


def test_cli_summary_shows_method_agreement_and_replications(runner, mini_path):
    from stemhulp.cli.app import app

    result = runner.invoke(
        app,
        [
            "simulate",
            str(mini_path),
            "-n",
            "800",
            "--seed",
            "2",
            "--methods",
            "cityblock,stemwijzer",
            "--replications",
            "3",
        ],
        env={"COLUMNS": "160"},
    )
    assert result.exit_code == 0, result.output
    assert "Top shares under two methods" in result.output and "cityblock vs stemwijzer" in result.output
    assert "Top share across 3 replications" in result.output


def _tallied_tops(top: np.ndarray, coded: bool) -> tuple[np.ndarray, np.ndarray]:
    from stemhulp.simulate.diagnostics import Tally, set_codes, tally_top

    tally = Tally(top.shape[1], 3, 1, 0, 0)
    tally_top(tally, 0, top, set_codes(top) if coded else None)
    return tally.tie_sizes[0], tally.top_by_size[0]


@settings(max_examples=60, deadline=None)
@given(
    parties=st.integers(1, 17),
    respondents=st.integers(1, 300),
    seed=st.integers(0, 2**32 - 1),
    ties=st.floats(0.0, 1.0),
)
def test_top_sets_counted_as_bit_patterns_give_the_per_party_counts(parties, respondents, seed, ties):
    """`tally_top` with `set_codes` (up to 16 parties) counts what the per-party count does, and
    equal codes are equal top sets (the methods' agreement)."""
    from stemhulp.matching.ranking import top_set
    from stemhulp.simulate.diagnostics import CODED_PARTIES, same_sets, set_codes

    rng = np.random.default_rng(seed)
    scores = np.round(rng.random((respondents, parties)) * 4) / 4  # many ties
    scores[rng.random(scores.shape) < ties * 0.5] = np.nan  # unscored parties, whole rows at times
    top, other = top_set(scores), top_set(scores + rng.random(scores.shape) * 0.3)
    codes = set_codes(top)
    assert (codes is None) == (parties > CODED_PARTIES)
    if codes is None:
        return
    for coded, plain in zip(_tallied_tops(top, True), _tallied_tops(top, False), strict=True):
        np.testing.assert_array_equal(coded, plain)
    assert int(np.count_nonzero(codes == set_codes(other))) == same_sets(top, other)


def test_top_sets_by_bit_pattern_worked_by_hand():
    """Three respondents, three parties: {0}, {1, 2} (a tie of two) and {} (nothing scored)."""
    from stemhulp.simulate.diagnostics import set_codes

    top = np.array([[True, False, False], [False, True, True], [False, False, False]])
    assert set_codes(top).tolist() == [0b001, 0b110, 0]
    tie_sizes, by_size = _tallied_tops(top, True)
    assert tie_sizes.tolist() == [1, 1, 1, 0]  # sizes 0, 1, 2, 3
    assert by_size.tolist() == [[1, 0, 0], [0, 1, 1], [0, 0, 0]]  # rows: sizes 1, 2, 3; columns: parties
