"""Rich output for the plain commands (match, methods)."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from ..matching.methods import (
    DEFAULT_METHOD,
    DEFAULT_MIN_COVERAGE,
    DEFAULT_MISSING,
    METHODS,
    MISSING_POLICIES,
)
from ..matching.results import MatchResult
from ..quiz.model import Quiz
from ..texts.console import InertConsole as Console
from .common import print_json


def bar(score: float | None, width: int = 20) -> str:
    """A text bar for a 0–100 score."""
    if score is None:
        return ""
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def print_ranking(quiz: Quiz, result: MatchResult, console: Console | None = None, lang: str = "nl") -> None:
    """The ranking as a table, in the quiz's language."""
    from ..dialogue.notes import unranked_reason
    from ..matching.methods import get_method, missing_phrase
    from ..texts.i18n import text

    console = console or Console()
    method = get_method(result.method).label(lang)
    table = Table(
        title=text(
            lang,
            "match_title",
            title=escape(quiz.localized_title(lang)),
            method=method,
            missing=missing_phrase(lang, result.missing),
        )
    )
    table.add_column(text(lang, "col_rank"), justify="right")
    table.add_column(text(lang, "col_party"))
    table.add_column(text(lang, "col_score"), justify="right")
    table.add_column("")
    table.add_column(text(lang, "col_stances"), justify="right")
    for entry in result.ranking:
        if entry.excluded_by:
            continue  # listed apart, below
        score = "—" if entry.score is None else f"{entry.score:.1f}%"
        rank = "—" if entry.rank is None else str(entry.rank)
        cover = f"{entry.coverage.with_stance}/{entry.coverage.answered}"
        if not entry.ranked:
            cover += f" ({unranked_reason(entry, lang)})"
        table.add_row(rank, escape(entry.name), score, bar(entry.score), cover)
    console.print(table)
    from ..dialogue.notes import excluded_lines, result_notes

    if result.excluded:
        console.print(text(lang, "excluded_title"), style="bold", markup=False)
        for line in excluded_lines(quiz, result, lang):
            console.print(f"  {line}", markup=False)
    for note in result_notes(quiz, result, lang):
        console.print(note, markup=False)


def print_methods(as_json: bool = False) -> None:
    from ..formats.provenance import record

    if as_json:
        print_json(
            {
                "default_method": DEFAULT_METHOD,
                "default_missing": DEFAULT_MISSING,
                "default_min_coverage": DEFAULT_MIN_COVERAGE,
                "methods": [
                    {
                        "name": m.name,
                        "formula": m.formula,
                        "summary": m.summary,
                        "summary_nl": m.summary_nl,
                        "source": m.source,
                        "three_point_only": m.three_point_only,
                    }
                    for m in METHODS
                ],
                "missing": [
                    {"name": p.name, "summary": p.summary, "summary_nl": p.summary_nl} for p in MISSING_POLICIES
                ],
                "provenance": record(None, None),
            }
        )
        return
    console = Console()
    table = Table(title="Matching methods (--method)")
    table.add_column("name", no_wrap=True)
    table.add_column("per-statement term")
    table.add_column("what it computes")
    table.add_column("source")
    for m in METHODS:
        name = f"{m.name} (default)" if m.name == DEFAULT_METHOD else m.name
        table.add_row(name, m.formula, m.summary, m.source)
    console.print(table)
    table = Table(title="When a party has no stance (--missing)")
    table.add_column("name", no_wrap=True)
    table.add_column("meaning")
    for p in MISSING_POLICIES:
        table.add_row(f"{p.name} (default)" if p.name == DEFAULT_MISSING else p.name, p.summary)
    console.print(table)
