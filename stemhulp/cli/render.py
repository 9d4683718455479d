"""Rich output for the plain commands (match, methods)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..methods import DEFAULT_METHOD, DEFAULT_MISSING, METHODS, MISSING_POLICIES
from .common import print_json


def bar(score: float | None, width: int = 20) -> str:
    """A text bar for a 0–100 score."""
    if score is None:
        return ""
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def print_ranking(quiz: Any, result: Any, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"{escape(quiz.title)} — {result.method}, missing: {result.missing}")
    table.add_column("#", justify="right")
    table.add_column("party")
    table.add_column("score", justify="right")
    table.add_column("")
    table.add_column("stances", justify="right")
    for entry in result.ranking:
        score = "—" if entry.score is None else f"{entry.score:.1f}%"
        rank = "—" if entry.rank is None else str(entry.rank)
        cover = f"{entry.coverage.with_stance}/{entry.coverage.answered}"
        table.add_row(rank, escape(entry.name), score, bar(entry.score), cover)
    console.print(table)


def print_methods(as_json: bool = False) -> None:
    if as_json:
        print_json({
            "default_method": DEFAULT_METHOD, "default_missing": DEFAULT_MISSING,
            "methods": [{"name": m.name, "summary": m.summary, "source": m.source,
                         "three_point_only": m.three_point_only} for m in METHODS],
            "missing": [{"name": p.name, "summary": p.summary} for p in MISSING_POLICIES],
        })
        return
    console = Console()
    table = Table(title="Matching methods (--method)")
    table.add_column("name")
    table.add_column("what it computes")
    table.add_column("source")
    for m in METHODS:
        name = f"{m.name} (default)" if m.name == DEFAULT_METHOD else m.name
        table.add_row(name, m.summary, m.source)
    console.print(table)
    table = Table(title="When a party has no stance (--missing)")
    table.add_column("name")
    table.add_column("meaning")
    for p in MISSING_POLICIES:
        table.add_row(f"{p.name} (default)" if p.name == DEFAULT_MISSING else p.name, p.summary)
    console.print(table)
