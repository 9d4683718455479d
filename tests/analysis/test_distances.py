"""`party_distances` names the method and policy it used, the defaults when none are given."""

from __future__ import annotations

from stemhulp.analysis.distances import party_distances
from stemhulp.matching.methods import DEFAULT_METHOD, DEFAULT_MISSING


def test_the_report_names_the_method_and_policy_used(mini) -> None:
    report = party_distances(mini)
    assert (report["method"], report["missing"]) == (DEFAULT_METHOD, DEFAULT_MISSING)
    assert report["provenance"]["settings"] == {"method": DEFAULT_METHOD, "missing": DEFAULT_MISSING, "salience": False}
    chosen = party_distances(mini, method="cityblock", missing="exclude")
    assert (chosen["method"], chosen["missing"]) == ("cityblock", "exclude")
