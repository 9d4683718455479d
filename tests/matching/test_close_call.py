"""One close-call rule: a first–second margin below CLOSE_CALL points, for the quiz's tie-break
offer and the simulation's close-call rate alike."""

from __future__ import annotations

from stemhulp.matching.results import CLOSE_CALL, is_close_call


def test_a_margin_below_five_points_is_a_close_call():
    assert CLOSE_CALL == 5.0
    assert is_close_call(0.0) and is_close_call(4.99)
    assert not is_close_call(5.0) and not is_close_call(12.5)


def test_the_simulation_reports_the_same_limit(mini):
    from stemhulp.simulate import simulate

    report = simulate(mini, 200, seed=1, influence_sample=0).to_dict()
    assert report["margin"]["close_call_below"] == CLOSE_CALL
