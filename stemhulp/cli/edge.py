"""The CLI's one edge: every error ends as `error: …` lines on stderr and a non-zero exit.

`handles_errors` (on each command) turns a `StemhulpError` and any `OSError` (permissions, a full
disk, a full or closed standard output) into located messages; `run` (the console script) makes
the standard streams encodable and reports an output that fails only when it is flushed at exit.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import Any


def describe_os_error(error: OSError) -> str:
    """'FILE: reason' for a file, 'standard output: reason' for a failed write to the terminal/pipe."""
    reason = error.strerror or str(error)
    if error.filename is not None:
        return f"{os.fsdecode(error.filename)}: {reason}"
    return f"standard output: cannot write ({reason})"


_silenced = False


def _identity(fd: int) -> tuple[int, int, int] | None:
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_rdev


def silence_stdout() -> None:
    """Point standard output at /dev/null so that nothing fails again at exit (see Python's
    note on SIGPIPE); the error has been reported once."""
    global _silenced
    _silenced = True
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def report(lines: list[str]) -> None:
    with contextlib.suppress(OSError, ValueError):
        for line in lines:
            sys.stderr.write(f"error: {line}\n")
        sys.stderr.flush()


def encodable_streams() -> None:
    """Text that cannot be encoded for this terminal is escaped instead of crashing; undecodable
    input bytes become U+FFFD instead of crashing."""
    for stream, errors in ((sys.stdout, "backslashreplace"), (sys.stderr, "backslashreplace"), (sys.stdin, "replace")):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors=errors)  # type: ignore[union-attr]


def _reopen_closed(fd: int, flags: int) -> None:
    """Give a closed standard descriptor /dev/null, so that reading or writing it is harmless."""
    if _identity(fd) is None:
        with contextlib.suppress(OSError):
            opened = os.open(os.devnull, flags)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)


def run(app: Callable[[], Any]) -> None:
    """Run the Typer app; flush standard output here, where a failure can still be reported."""
    _reopen_closed(0, os.O_RDONLY)  # a closed standard input reads as empty
    _reopen_closed(2, os.O_WRONLY)
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None or _identity(1) is None:  # started with standard output closed
        report(["standard output is closed; nothing can be shown"])
        sys.exit(1)
    encodable_streams()
    original, before = sys.stdout, _identity(1)
    code: Any = 0
    try:
        app()
    except SystemExit as exit_:
        code = exit_.code
    except OSError as error:  # raised outside a command (help text, usage errors)
        if error.filename is None:
            silence_stdout()
        report([describe_os_error(error)])
        code = 1
    # Click (replacing sys.stdout) and Rich (pointing fd 1 at /dev/null) swallow a broken pipe.
    if sys.stdout is not original or (not _silenced and _identity(1) != before):
        sys.stdout = original
        silence_stdout()
        report(["standard output: cannot write (Broken pipe)"])
        code = code or 1
    try:
        sys.stdout.flush()
    except OSError as error:
        silence_stdout()
        report([describe_os_error(error)])
        code = code or 1
    except ValueError:  # stdout was closed
        pass
    sys.exit(code)
