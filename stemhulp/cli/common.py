"""Shared pieces of the CLI: option types, error handling, consoles."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ..errors import StemhulpError
from ..methods import DEFAULT_METHOD, DEFAULT_MISSING, METHODS, MISSING_POLICIES

MethodName = Enum("MethodName", {m.name: m.name for m in METHODS}, type=str)  # type: ignore[misc]
MissingName = Enum("MissingName", {p.name: p.name for p in MISSING_POLICIES}, type=str)  # type: ignore[misc]


class Layout(StrEnum):
    native = "native"
    stemhulp = "stemhulp"
    wahlomat = "wahlomat"
    stemwijzer = "stemwijzer"


SourceArg = Annotated[
    Path | None,
    typer.Argument(help="Quiz: native directory, stemhulp/1 JSON, Wahl-O-Mat directory or "
                   "StemWijzer JSON. Default: the bundled quiz.", show_default=False),
]
FromOpt = Annotated[Layout | None, typer.Option("--from", help="Force the source layout.")]
MethodOpt = Annotated[MethodName, typer.Option("--method", "-m", help="Matching method (see `stemhulp methods`).")]
MissingOpt = Annotated[MissingName, typer.Option("--missing", help="What a party's missing stance counts as.")]
SalienceOpt = Annotated[bool, typer.Option("--salience", help="Weigh statements by each party's salience.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

DEFAULT_METHOD_CHOICE = MethodName(DEFAULT_METHOD)
DEFAULT_MISSING_CHOICE = MissingName(DEFAULT_MISSING)

F = TypeVar("F", bound=Callable[..., Any])
MAX_SHOWN = 200  # problems printed; the rest are counted


def fail(problems: list[str], code: int = 1) -> None:
    """Print each problem (the first MAX_SHOWN of them) on stderr and exit non-zero."""
    for problem in problems[:MAX_SHOWN]:
        typer.echo(f"error: {problem}", err=True)
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


def load_source(source: Path | None, layout: Layout | None) -> Any:
    from ..loading import load

    return load(source, layout=layout.value if layout else None)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def value(choice: Enum | str) -> str:
    return choice.value if isinstance(choice, Enum) else choice
