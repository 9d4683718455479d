"""`stemhulp`: match, quiz, export, validate, import, methods, simulate, plot."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..formats.jsonschemas import schema_names, schema_text
from .common import (
    DEFAULT_METHOD_CHOICE,
    DEFAULT_MIN_COVERAGE_CHOICE,
    DEFAULT_MISSING_CHOICE,
    FromOpt,
    JsonOpt,
    Layout,
    MethodOpt,
    MinCoverageOpt,
    MissingOpt,
    SalienceOpt,
    SourceArg,
    echo,
    handles_errors,
    json_text,
    load_source,
    method_name,
    policy_name,
    print_json,
    warn_about_texts,
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
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Stemwijzer-style voting advice: take the quiz, match answers, study the methods."""


def _register() -> None:
    from . import quiz, serve

    app.command(
        name="quiz",
        short_help="Take the quiz in the terminal: one statement at a time, then your ranked result and why.",
    )(quiz.quiz)
    app.command(name="serve", short_help=(serve.serve.__doc__ or "").strip().splitlines()[0])(serve.serve)


_register()  # first in `stemhulp --help`


@app.command(short_help="Score an answers file against the parties and print the ranking.")
@handles_errors
def match(
    source: SourceArg = None,
    answers: Annotated[Path, typer.Option("--answers", "-a", help="Answers file (YAML or JSON).")] = ...,  # type: ignore[assignment]
    method: MethodOpt = DEFAULT_METHOD_CHOICE,
    missing: MissingOpt = DEFAULT_MISSING_CHOICE,
    salience: SalienceOpt = False,
    min_coverage: MinCoverageOpt = DEFAULT_MIN_COVERAGE_CHOICE,
    json: JsonOpt = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language of the table: nl or en. [default: the answers file's, else nl]", show_default=False
        ),
    ] = None,
    layout: FromOpt = None,
) -> None:
    """Score an answers file against the parties and print the ranking.

    --json prints {"quiz", "method", "missing", "salience", "results": [...], "dealbreakers", "excluded"}:
    "salience" is true when statements were weighed by each party's own salience (--salience); a
    party on the other side of one of the answers file's "dealbreakers" is in "excluded" and has
    the statements in its "excluded_by".
    """
    from ..formats.answers import read_answers
    from ..matching.facade import match as run_match
    from .render import print_ranking

    quiz = load_source(source, layout)
    answer_set = read_answers(answers, quiz)
    result = run_match(
        quiz,
        answer_set.answers,
        important=answer_set.important,
        dealbreakers=answer_set.dealbreakers,
        parties=answer_set.parties,
        method=method_name(method),
        missing=policy_name(missing),
        salience=salience,
        min_coverage=min_coverage,
    )
    if json:
        print_json(result.to_dict())
    else:
        chosen = lang or answer_set.extra.get("lang") or "nl"
        print_ranking(quiz, result, lang=chosen if chosen in ("nl", "en") else "nl")


@app.command(short_help="Print the quiz as one stemhulp/1 JSON document (for web front-ends and round trips).")
@handles_errors
def export(
    source: SourceArg = None,
    json: Annotated[
        bool,
        typer.Option("--json", help="Print the stemhulp/1 JSON document (what it always does).", show_default=False),
    ] = True,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead.")] = None,
    layout: FromOpt = None,
) -> None:
    """Print the quiz as one stemhulp/1 JSON document (for web front-ends and round trips)."""
    from ..formats.atomic import write_text_atomic
    from ..formats.exchange import quiz_to_exchange
    from ..formats.outputs import check_outputs

    check_outputs({"--out": out}, {"the quiz": source})
    document = quiz_to_exchange(load_source(source, layout))
    if out is None:
        print_json(document)
    else:
        write_text_atomic(out, json_text(document))


@app.command(short_help="Check a quiz (and with --sources every quote); list every problem at once.")
@handles_errors
def validate(
    source: SourceArg = None,
    sources: Annotated[
        Path | None, typer.Option("--sources", help="Folder of programme texts: every quote must be found verbatim.")
    ] = None,
    layout: FromOpt = None,
) -> None:
    """Check a quiz (and with --sources every quote); list every problem at once."""
    from ..formats.loading import inspect
    from .common import fail

    quiz, problems = inspect(source, sources=sources, layout=layout.value if layout else None)
    if problems or quiz is None:
        fail([*problems, f"{len(problems)} problem(s) found"])
    warn_about_texts(quiz)
    stances = sum(1 for p in quiz.positions if p.position is not None)
    checked = f"; all quotes found in {sources}" if sources else ""
    echo(
        f"ok: {quiz.id}: {len(quiz.statements)} statements (+{len(quiz.tiebreak_statements)} "
        f"tie-break), {len(quiz.parties)} parties, {stances} coded stances{checked}"
    )


@app.command(
    name="import", short_help="Convert Wahl-O-Mat, StemWijzer or municipal-vote-guide data into a native YAML quiz."
)
@handles_errors
def import_quiz(
    source: Annotated[
        Path,
        typer.Argument(
            help="Wahl-O-Mat directory, StemWijzer JSON file, municipal-vote-guide folder, or a data "
            "folder of municipal-vote-guide folders (one native quiz per municipality)."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write the native YAML quiz into.")],
    layout: Annotated[
        Layout | None,
        typer.Option("--from", help="Force the source layout: wahlomat or stemwijzer (native and stemhulp work too)."),
    ] = None,
) -> None:
    """Convert a Wahl-O-Mat, StemWijzer or municipal-vote-guide data set into a native YAML quiz."""
    from ..formats.importers.municipal import import_data_folder, is_data_folder
    from ..formats.native import write_native
    from .common import fail

    if (layout is None or layout.value == "municipal") and is_data_folder(source):
        done = import_data_folder(source, out)
        typer.echo(f"wrote {out}: {len(done.written)} quizzes, one per municipality")
        if done.problems:
            fail([*done.problems, f"{len(done.problems)} problem(s): those municipalities were not imported"])
        return
    quiz = load_source(source, layout)
    write_native(quiz, out)
    typer.echo(f"wrote {out}: {len(quiz.statements)} statements, {len(quiz.parties)} parties")


@app.command(short_help="Print a JSON Schema, for editors that validate the YAML/JSON files while you type.")
@handles_errors
def schema(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(schema_names())}.")],
) -> None:
    """Print a JSON Schema, for editors that validate the YAML/JSON files while you type."""
    typer.echo(schema_text(name), nl=False)


@app.command(short_help="List the matching methods and missing-stance policies.")
def methods(json: JsonOpt = False) -> None:
    """List the matching methods and missing-stance policies."""
    from .render import print_methods

    print_methods(as_json=json)


from . import research  # noqa: E402  (numpy-free at import)

for _command in (research.simulate, research.plot):  # the whole first line in `stemhulp --help`
    app.command(short_help=(_command.__doc__ or "").strip().splitlines()[0])(_command)

from . import check as check_command  # noqa: E402  (each numpy-free at import)
from . import distances as distances_command  # noqa: E402
from . import publish as publish_command  # noqa: E402
from . import subsets as subsets_command  # noqa: E402
from . import sweep as sweep_command  # noqa: E402

for _name, _later in (
    ("subsets", subsets_command.subsets),
    ("distances", distances_command.distances),
    ("sweep", sweep_command.sweep),
    ("check", check_command.check),
    ("publish", publish_command.publish),
):
    app.command(name=_name, short_help=(_later.__doc__ or "").strip().splitlines()[0])(_later)


def main() -> None:
    """Console-script entry point: one message and a non-zero exit for any error (cli/edge.py)."""
    from .edge import run

    run(app)
