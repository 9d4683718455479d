"""`stemhulp`: match, quiz, export, validate, import, methods, simulate, plot."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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

app = typer.Typer(
    name="stemhulp",
    help="Stemwijzer-style voting advice: take the quiz, match answers, study the methods.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(show: bool) -> None:
    if show:
        from .. import __version__

        typer.echo(f"stemhulp {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Stemwijzer-style voting advice: take the quiz, match answers, study the methods."""


@app.command()
@handles_errors
def match(
    source: SourceArg = None,
    answers: Annotated[Path, typer.Option("--answers", "-a", help="Answers file (YAML or JSON).")] = ...,  # type: ignore[assignment]
    method: MethodOpt = DEFAULT_METHOD_CHOICE,
    missing: MissingOpt = DEFAULT_MISSING_CHOICE,
    salience: SalienceOpt = False,
    json: JsonOpt = False,
    layout: FromOpt = None,
) -> None:
    """Score an answers file against the parties and print the ranking."""
    from ..answers import read_answers
    from ..api import match as run_match
    from .render import print_ranking

    quiz = load_source(source, layout)
    answer_set = read_answers(answers, quiz)
    result = run_match(quiz, answer_set.answers, important=answer_set.important,
                       parties=answer_set.parties, method=value(method), missing=value(missing),
                       salience=salience)
    if json:
        print_json(result.to_dict())
    else:
        print_ranking(quiz, result)


@app.command()
@handles_errors
def export(
    source: SourceArg = None,
    json: Annotated[bool, typer.Option("--json", help="Print the stemhulp/1 JSON document (the default).")] = True,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead.")] = None,
    layout: FromOpt = None,
) -> None:
    """Print the quiz as one stemhulp/1 JSON document (for web front-ends and round trips)."""
    import json as json_module

    from ..atomic import write_text_atomic
    from ..exchange import quiz_to_exchange

    document = quiz_to_exchange(load_source(source, layout))
    if out is None:
        print_json(document)
    else:
        write_text_atomic(out, json_module.dumps(document, ensure_ascii=False, indent=2) + "\n")


@app.command()
@handles_errors
def validate(
    source: SourceArg = None,
    sources: Annotated[Path | None, typer.Option(
        "--sources", help="Folder of programme texts: every quote must be found verbatim.")] = None,
    layout: FromOpt = None,
) -> None:
    """Check a quiz (and with --sources every quote); list every problem at once."""
    from ..loading import validate as run_validate
    from .common import fail

    problems = run_validate(source, sources=sources, layout=layout.value if layout else None)
    if problems:
        fail([*problems, f"{len(problems)} problem(s) found"])
    quiz = load_source(source, layout)
    stances = sum(1 for p in quiz.positions if p.position is not None)
    checked = f"; all quotes found in {sources}" if sources else ""
    typer.echo(f"ok: {quiz.id}: {len(quiz.statements)} statements (+{len(quiz.tiebreak_statements)} "
               f"tie-break), {len(quiz.parties)} parties, {stances} coded stances{checked}")


@app.command(name="import")
@handles_errors
def import_quiz(
    source: Annotated[Path, typer.Argument(help="Wahl-O-Mat directory or StemWijzer JSON file.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write the native YAML quiz into.")],
    layout: FromOpt = None,
) -> None:
    """Convert a Wahl-O-Mat or StemWijzer data set into a native YAML quiz."""
    from ..native import write_native

    quiz = load_source(source, layout)
    write_native(quiz, out)
    typer.echo(f"wrote {out}: {len(quiz.statements)} statements, {len(quiz.parties)} parties")


SCHEMAS = ("quiz", "statements", "party", "exchange", "answers")


@app.command()
@handles_errors
def schema(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(SCHEMAS)}.")],
) -> None:
    """Print a JSON Schema, for editors that validate the YAML/JSON files while you type."""
    from importlib.resources import files

    from .common import fail

    if name not in SCHEMAS:
        fail([f"unknown schema {name!r}; choose one of {list(SCHEMAS)}"])
    typer.echo(files("stemhulp").joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8"), nl=False)


@app.command()
def methods(json: JsonOpt = False) -> None:
    """List the matching methods and missing-stance policies."""
    from .render import print_methods

    print_methods(as_json=json)


def _register() -> None:
    from . import quiz

    app.command(name="quiz")(quiz.quiz)


_register()


from . import research  # noqa: E402  (numpy-free at import)

app.command()(research.simulate)
app.command()(research.plot)

from . import sweep as sweep_command  # noqa: E402  (Dask-free at import)

app.command(name="sweep")(sweep_command.sweep)

from . import subsets as subsets_command  # noqa: E402  (numpy-free at import)

app.command(name="subsets")(subsets_command.subsets)


def main() -> None:
    """Console-script entry point."""
    app()

from . import distances as distances_command  # noqa: E402  (numpy-free at import)

app.command(name="distances")(distances_command.distances)
