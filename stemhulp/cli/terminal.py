"""Line input and Rich output for the quiz: coloured on a terminal, plain and tidy when piped."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from rich.markup import escape

from ..texts.console import InertConsole as Console
from ..texts.i18n import text


class EndOfInput(Exception):
    """Standard input ended: show the result for what was answered."""


class Stop(Exception):
    """The user typed q."""


class StripTrailing:
    """A text stream that drops the spaces Rich pads lines with (piped output stays tidy)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.pending = stream, ""

    def write(self, data: str) -> int:
        lines = (self.pending + data).split("\n")
        self.pending = lines.pop()
        for line in lines:
            self.stream.write(line.rstrip() + "\n")
        return len(data)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return False


class Terminal:
    """Line-based input and Rich output; plain and uncoloured when not on a terminal."""

    def __init__(self, interactive: bool, lang: str) -> None:
        self.interactive = interactive
        self.lang = lang
        if interactive:
            self.out = Console(highlight=False, soft_wrap=False)
        else:
            self.out = Console(highlight=False, soft_wrap=False, file=StripTrailing(sys.stdout))  # type: ignore[arg-type]
        self.err = Console(stderr=True, highlight=False)

    def t(self, key: str, **values: Any) -> str:
        return text(self.lang, key, **values)

    def ask(self, prompt: str) -> str:
        """One line of input; raises EndOfInput at the end of the input."""
        if self.interactive:
            try:
                return self.out.input(f"[bold]{escape(prompt)}[/bold]: ")
            except EOFError:
                raise EndOfInput from None
        self.out.file.flush()
        line = sys.stdin.readline()
        if not line:
            raise EndOfInput
        line = line.rstrip("\n")
        self.out.print(f"{prompt}: {line}", markup=False)
        self.out.file.flush()
        return line

    def hint(self, message: str) -> None:
        if self.interactive:
            self.out.print(f"[yellow]{escape(message)}[/yellow]")
        else:
            self.out.file.flush()
            self.err.print(message, markup=False, soft_wrap=True)

    def path(self, message: str, path: Any, *, err: bool = True) -> None:
        """A message, then the path alone on its own line, never wrapped: it copies in one piece."""
        console = self.err if err else self.out
        console.print(message, markup=False, soft_wrap=True)
        console.print(str(path), markup=False, soft_wrap=True, highlight=False)

    def flush(self) -> None:
        self.out.file.flush()
