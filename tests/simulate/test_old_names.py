"""0.2's simulation names keep working for one release: the report read as a dict, `print_summary`."""

from __future__ import annotations

import pytest

from stemhulp.cli.simulation_summary import print_summary
from stemhulp.simulate import simulate


def test_the_report_read_by_key_warns_and_gives_the_document_value(mini):
    report = simulate(mini, 500, seed=3).report
    with pytest.warns(DeprecationWarning, match="typed record"):
        assert report["top_share"] == report.to_dict()["top_share"]
    with pytest.warns(DeprecationWarning), pytest.raises(KeyError):
        report["no_such_key"]


def test_print_summary_moved_to_the_command_line_and_the_old_name_finds_it():
    import stemhulp.simulate as simulate_package

    with pytest.warns(DeprecationWarning, match="stemhulp.cli.simulation_summary.print_summary"):
        assert simulate_package.print_summary is print_summary
    with pytest.raises(AttributeError):
        simulate_package.no_such_name  # noqa: B018
