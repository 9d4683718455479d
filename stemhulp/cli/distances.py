"""`stemhulp distances`: each party scored as a respondent against every party (a matrix).

Registered in app.py; numpy and scipy are imported inside the command only.
"""

from __future__ import annotations

import typer

from .common import (
    DEFAULT_METHOD_CHOICE,
    DEFAULT_MISSING_CHOICE,
    FromOpt,
    JsonOpt,
    MethodOpt,
    MissingOpt,
    SalienceOpt,
    SourceArg,
    handles_errors,
    load_source,
    print_json,
    value,
)


@handles_errors
def distances(
    source: SourceArg = None,
    method: MethodOpt = DEFAULT_METHOD_CHOICE,
    missing: MissingOpt = DEFAULT_MISSING_CHOICE,
    salience: SalienceOpt = False,
    json: JsonOpt = False,
    layout: FromOpt = None,
) -> None:
    """Party-pair scores: each party's stances answered as a quiz, scored against every party."""
    from rich.table import Table

    from ..analysis.distances import party_distances
    from ..texts.console import InertConsole as Console

    quiz = load_source(source, layout)
    report = party_distances(quiz, method=value(method), missing=value(missing), salience=salience)
    if json:
        print_json(report)
        return
    names = report["party_names"]
    index = {p: i for i, p in enumerate(report["parties"])}
    table = Table(
        title=f"{quiz.title}: score of each column party for the row party's own stances "
        f"({report['method']}, missing {report['missing']}; clustered order)"
    )
    table.add_column("answers of")
    for p in report["order"]:
        table.add_column(names[p], justify="right")
    for p in report["order"]:
        row = report["scores"][index[p]]
        table.add_row(names[p], *("—" if row[index[q]] is None else f"{row[index[q]]:.0f}" for q in report["order"]))
    Console().print(table)
    typer.echo("distance = 100 − score; --json for both matrices")
