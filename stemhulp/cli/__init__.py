"""The `stemhulp` command line: a thin Typer layer over the library."""

from __future__ import annotations

import sys


def main() -> None:
    """The `stemhulp` command (console script and `python -m stemhulp`). Importing the program
    takes most of its start-up; Ctrl-C during it ends the program as Ctrl-C does later (one word
    on stderr, exit code 130), never with a traceback."""
    try:
        from .app import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        raise SystemExit(130) from None
    run()
