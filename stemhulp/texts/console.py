"""The Rich console every terminal output uses: quiz text in it is shown inertly (`inert.visible`).

Rich writes text segments as they are, escape sequences included; this console rewrites the text
of each segment (never Rich's own styling, which it adds afterwards) so that a quiz's `ESC[2J`,
`ESC]0;title` or `ESC[8m` is printed as visible characters, on a terminal and to a pipe alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from .inert import CONTROL, visible


class InertConsole(Console):
    """A `rich.console.Console` whose printed text can never control the terminal: strings are made
    visible before Rich measures them (table widths stay right), and every segment once more on output."""

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(visible(text), **options)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            Segment(visible(text), style, control) if not control and CONTROL.search(text) else segment
            for segment in buffer
            for text, style, control in (segment,)
        )
