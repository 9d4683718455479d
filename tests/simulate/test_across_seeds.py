"""Intervals across seeds (`simulate --replications`, the sweep summary) and the sweep summary's
grouping of parties by id."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stemhulp.simulate import simulate
from stemhulp.simulate.uncertainty import t_interval
from stemhulp.sweeps.summary import summarise

from ..helpers import quiz_from_stances


def test_t_interval_by_hand():
    """1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.302652729749462 -> 2 ± 4.3027/√3 = 2 ± 2.48414."""
    low, high = t_interval([1.0, 2.0, 3.0])
    half = 4.302652729749462 / math.sqrt(3)
    assert (low, high) == pytest.approx((2 - half, 2 + half), abs=1e-9)
    assert t_interval([5.0]) is None


@pytest.mark.parametrize("seeds", [3, 5])
def test_across_seed_interval_covers_95_percent_with_few_seeds(seeds):
    """Property: for normal run-to-run variation the interval over 3 or 5 seeds holds the true mean in
    95% of 20,000 trials (1.96 standard errors would give about 81% and 88%)."""
    rng = np.random.default_rng(23)
    draws = rng.normal(0.3, 0.02, size=(20_000, seeds))
    covered = 0
    for row in draws:
        low, high = t_interval(row.tolist())
        covered += low <= 0.3 <= high
    assert covered / len(draws) == pytest.approx(0.95, abs=0.006)


def test_replications_report_a_t_interval_of_the_mean():
    quiz = quiz_from_stances([[2, 0, 1], [0, 2, 1], [2, 2, 0], [1, 0, 2]])
    report = simulate(quiz, 400, seed=3, replications=3, tau_sample=0, influence_sample=0).report
    replications = report.replications
    assert replications is not None
    for party in report.parties:
        values = [share[party] for share in replications.per_replication.top_share]
        assert replications.top_share[party].interval == pytest.approx(t_interval(values))
    assert "Student's t" in report.intervals.replications


def _row(seed, party, name, bias):
    return {
        "quiz": "q",
        "method": "midpoint",
        "missing": "neutral",
        "model": "uniform",
        "respondents": 100,
        "seed": seed,
        "party": party,
        "party_name": name,
        "bias_ratio": bias,
        "close_call_rate": 0.1,
        "recovery_rate": None,
    }


def test_sweep_summary_tells_parties_of_one_name_apart():
    """Two parties called 'Lokaal' (ids l1, l2) and one 'Groen': merged by name l1 and l2 would average
    (1.2 + 0.6)/2 = 0.9 and 'Groen' (1.0) would look most favoured; by id l1 (1.2) is."""
    rows = [
        _row(seed, party, name, bias)
        for seed in (1, 2)
        for party, name, bias in (("l1", "Lokaal", 1.2), ("l2", "Lokaal", 0.6), ("g", "Groen", 1.0))
    ]
    (line,) = summarise(rows)
    assert (line["most_favoured_party"], line["most_favoured"]) == ("l1", "Lokaal")
    assert line["max_bias_ratio"]["mean"] == pytest.approx(1.2)
    assert (line["least_favoured_party"], line["min_bias_ratio"]["mean"]) == ("l2", pytest.approx(0.6))
