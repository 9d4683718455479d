"""`stemhulp subsets`: which statements a quiz asks, and how much the advice depends on it.

Registered in app.py; numpy is imported inside the command only.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..simulate import defaults
from .common import (
    DEFAULT_METHOD_CHOICE,
    DEFAULT_MIN_COVERAGE_CHOICE,
    DEFAULT_MISSING_CHOICE,
    FromOpt,
    JsonOpt,
    MethodOpt,
    MinCoverageOpt,
    MissingOpt,
    SalienceOpt,
    SeedOpt,
    SourceArg,
    echo,
    handles_errors,
    load_source,
    print_json,
    value,
    whole,
)

SizesOpt = Annotated[
    str | None,
    typer.Option(
        "-k",
        "--sizes",
        metavar="K,K,…",
        help="Subset sizes (default: a third, a half and two thirds of the statements).",
    ),
]
SubsetsOpt = Annotated[
    int, typer.Option("--subsets", parser=whole(1), metavar="INTEGER", help="Random subsets drawn per size.")
]
RespondentsOpt = Annotated[
    int,
    typer.Option(
        "--respondents", "-n", parser=whole(1), metavar="INTEGER", help="Simulated respondents (uniform model)."
    ),
]


@handles_errors
def subsets(
    source: SourceArg = None,
    sizes: SizesOpt = None,
    subsets: SubsetsOpt = defaults.SUBSETS,
    respondents: RespondentsOpt = defaults.SUBSET_RESPONDENTS,
    seed: SeedOpt = None,
    method: MethodOpt = DEFAULT_METHOD_CHOICE,
    missing: MissingOpt = DEFAULT_MISSING_CHOICE,
    salience: SalienceOpt = False,
    min_coverage: MinCoverageOpt = DEFAULT_MIN_COVERAGE_CHOICE,
    json: JsonOpt = False,
    layout: FromOpt = None,
) -> None:
    """Statement selection: advice under random subsets, left-out statements and themes, decisiveness."""
    from ..errors import SimulationError
    from ..formats.numbers import whole_numbers
    from ..simulate.subsets import subset_study

    k = whole_numbers(sizes or "", "-k", low=1, error=SimulationError)
    if sizes is not None and not k:
        raise SimulationError(f"-k: expected comma-separated whole numbers, got {sizes!r}")
    quiz = load_source(source, layout)
    report = subset_study(
        quiz,
        respondents,
        k=k,
        subsets=subsets,
        seed=seed,
        method=value(method),
        missing=value(missing),
        salience=salience,
        min_coverage=min_coverage,
    ).to_dict()
    if json:
        print_json(report)
        return
    _print(report, {p.id: p.name for p in quiz.parties})


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _range(spread: dict[str, Any]) -> str:
    return f"{_pct(spread['mean'])} [{_pct(spread['low'])}–{_pct(spread['high'])}]"


def _print(report: dict[str, Any], names: dict[str, str]) -> None:
    echo(
        f"{report['quiz']}: {report['respondents']:,} random respondents (seed {report['seed']}), "
        f"{report['method']} / {report['missing']}, min_coverage {report['min_coverage']:g}"
    )
    echo(
        "\nRandom subsets of k statements: first advice changed vs the full quiz, and each party's top share "
        "(mean [2.5–97.5% over subsets]; full quiz after →)"
    )
    for design in report["random_subsets"]:
        echo(f"  k = {design['k']} ({design['subsets']} subsets): advice changes for {_range(design['change'])}")
        for party, spread in design["top_share"].items():
            echo(f"    {names.get(party, party)}: {_range(spread)} → {_pct(report['full_top_share'][party])}")
    echo("\nLeave one theme out: first advice changes for")
    for row in sorted(report["leave_theme_out"], key=lambda r: -(r["change"] or 0)):
        low, high = row["change_interval"] or (None, None)
        echo(f"  {row['theme']}: {_pct(row['change'])} [{_pct(low)}–{_pct(high)}]")
    decisive = report["decisiveness"]
    rows = sorted(decisive["statements"], key=lambda r: -(r["replace"] or 0))
    echo("\nMost decisive statements (advice changes when the answer is replaced by another option; dropped):")
    for row in rows[:5]:
        low, high = row["replace_interval"] or (None, None)
        echo(f"  {row['statement']}: {_pct(row['replace'])} [{_pct(low)}–{_pct(high)}]; dropped {_pct(row['drop'])}")
    if decisive["most_decisive"]:
        echo(f"  Separated from the rest by their intervals: {', '.join(decisive['most_decisive'])}")
    else:
        echo("  No statement stands out: the intervals of the leaders overlap the rest.")
