"""Shared pieces of the CLI: option types, error handling, consoles."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from ..errors import StemhulpError
from ..formats.loading import LAYOUTS, load
from ..formats.numbers import whole_number
from ..matching.methods import (
    DEFAULT_METHOD,
    DEFAULT_MIN_COVERAGE,
    DEFAULT_MISSING,
    METHODS,
    MISSING_POLICIES,
    PolicyName,
    get_method,
    get_policy,
)
from ..matching.methods import MethodName as MethodLiteral
from ..quiz.model import Quiz
from ..texts.inert import visible

# Choices derive from the registries: adding a method, policy or layout needs no edit here.
MethodName = Enum("MethodName", {m.name: m.name for m in METHODS}, type=str)  # type: ignore[misc]
MissingName = Enum("MissingName", {p.name: p.name for p in MISSING_POLICIES}, type=str)  # type: ignore[misc]
Layout = Enum("Layout", {name: name for name in LAYOUTS}, type=str)  # type: ignore[misc]


SourceArg = Annotated[
    Path | None,
    typer.Argument(
        help="Quiz: native directory, stemhulp/1 JSON, Wahl-O-Mat directory, "
        "StemWijzer JSON or municipal-vote-guide folder. Default: the bundled quiz.",
        show_default=False,
    ),
]
FromOpt = Annotated[Layout | None, typer.Option("--from", help="Force the source layout.")]
BrandOpt = Annotated[
    Path | None,
    typer.Option(
        "--brand",
        metavar="DIR",
        help="A folder with your logo (logo.svg or logo.png), colours and logo text (brand.yaml) and privacy "
        "statement (privacy.nl.txt, privacy.en.txt).",
    ),
]
MethodOpt = Annotated[MethodName, typer.Option("--method", "-m", help="Matching method (see `stemhulp methods`).")]
MissingOpt = Annotated[MissingName, typer.Option("--missing", help="What a party's missing stance counts as.")]
SalienceOpt = Annotated[bool, typer.Option("--salience", help="Weigh statements by each party's salience.")]
MinCoverageOpt = Annotated[
    float,
    typer.Option(
        "--min-coverage",
        min=0.0,
        max=1.0,
        help="Rank a party only if it has a stance on at least this share of your answered statements.",
    ),
]
DEFAULT_MIN_COVERAGE_CHOICE = DEFAULT_MIN_COVERAGE
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def whole(low: int = 0, high: int | None = None) -> Callable[[Any], int]:
    """A parser for an integer option: `numbers.whole_number` (ASCII digits, bounded, in range)."""

    def parse(text: Any) -> int:
        if isinstance(text, int):  # a default
            return text
        try:
            return whole_number(text, "value", low=low, high=high)
        except StemhulpError as error:
            raise typer.BadParameter(error.problems[0].removeprefix("value: ")) from None

    return parse


SeedOpt = Annotated[
    int | None,
    typer.Option("--seed", parser=whole(0), metavar="INTEGER", help="Random seed (default: a fresh one, printed)."),
]

DEFAULT_METHOD_CHOICE = MethodName(DEFAULT_METHOD)
DEFAULT_MISSING_CHOICE = MissingName(DEFAULT_MISSING)

F = TypeVar("F", bound=Callable[..., Any])
MAX_SHOWN = 200  # problems printed; the rest are counted


def echo(message: str = "", *, err: bool = False) -> None:
    """A plain line on standard output (or error), quiz text in it shown inertly (`inert.visible`)."""
    typer.echo(visible(message), err=err)


def warn_about_texts(quiz: Quiz) -> None:
    """`warning: …` on stderr for each quiz text holding control characters or markup (`inert`)."""
    from ..texts.inert import text_warnings

    for warning in text_warnings(quiz):
        echo(f"warning: {warning}", err=True)


def fail(problems: list[str], code: int = 1, lang: str | None = None) -> NoReturn:
    """Print each problem (the first MAX_SHOWN of them) on stderr and exit non-zero; with `lang`, in
    that language (the quiz taker's) as far as the text table has the words (`i18n.say`)."""
    from ..texts.i18n import say, text

    prefix = "error" if lang is None else text(lang, "error_prefix")
    for problem in problems[:MAX_SHOWN]:
        echo(f"{prefix}: {problem if lang is None else say(problem, lang)}", err=True)
    if len(problems) > MAX_SHOWN:
        typer.echo(f"error: … and {len(problems) - MAX_SHOWN:,} more problems", err=True)
    raise typer.Exit(code)


def handles_errors(command: F) -> F:
    """Turn a library error into its messages and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except StemhulpError as error:
            fail(error.problems)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None
        except OSError as error:  # permissions, a full disk, a full or closed standard output
            from .edge import describe_os_error, report, silence_stdout

            if error.filename is None:
                silence_stdout()
            report([describe_os_error(error)])
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def load_source(source: Path | None, layout: Enum | None) -> Quiz:
    return load(source, layout=layout.value if layout else None)


PRETTY_JSON_LIMIT = 1_000_000  # characters; longer documents are printed on one line


def json_text(data: Any) -> str:
    """`data` as JSON indented for reading, or on one line when it is longer than PRETTY_JSON_LIMIT:
    Python indents only in its slow pure-Python encoder (seconds for a 10,000-statement quiz)."""
    compact = json.dumps(data, ensure_ascii=False)
    if len(compact) > PRETTY_JSON_LIMIT:
        return compact + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data))


def value(choice: Enum | str) -> str:
    return choice.value if isinstance(choice, Enum) else choice


def method_name(choice: Enum | str) -> MethodLiteral:
    """The chosen method's name, typed (the option's choices are the registry's names)."""
    return get_method(value(choice)).name


def policy_name(choice: Enum | str) -> PolicyName:
    """The chosen missing-stance policy's name, typed."""
    return get_policy(value(choice)).name
