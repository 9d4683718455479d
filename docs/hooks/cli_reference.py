"""MkDocs hook: the command-line reference, written at build time from the Typer app itself
(`typer.main.get_command` and the parameters' own help records), so it never drifts from `stemhulp --help`.
A page holding `<!-- cli-reference -->` gets one section per command in its place."""

from __future__ import annotations

from typing import Any

import typer
import typer.main

MARKER = "<!-- cli-reference -->"


def _cell(text: str) -> str:
    """One table cell: one line, pipes escaped, brackets escaped (`[default: 1]` is no link)."""
    return " ".join(text.split()).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def _parameter_rows(command: Any, context: typer.Context) -> list[str]:
    rows = []
    for parameter in command.get_params(context):
        record = parameter.get_help_record(context)
        if record is None:  # hidden
            continue
        names, help_text = record
        rows.append(f"| `{_cell(names)}` | {parameter.param_type_name} | {_cell(help_text)} |")
    return rows


def _section(command: Any, context: typer.Context, path: str) -> list[str]:
    usage = " ".join(command.collect_usage_pieces(context))
    lines = [f"## `{path}`", ""]
    if command.help:
        lines += [typer_text(command.help), ""]
    lines += ["```text", f"{path} {usage}".rstrip(), "```", ""]
    rows = _parameter_rows(command, context)
    if rows:
        lines += ["| name | kind | meaning |", "|---|---|---|", *rows, ""]
    return lines


def typer_text(text: str) -> str:
    """A docstring as Markdown: click's `\\b` no-rewrap markers dropped, paragraphs kept."""
    return "\n".join(line for line in text.strip().splitlines() if line.strip() != "\b")


def cli_reference() -> str:
    """Markdown for `stemhulp` and every one of its commands, in the order of `stemhulp --help`."""
    from stemhulp.cli.app import app

    root = typer.main.get_command(app)
    root_context = typer.Context(root, info_name="stemhulp")
    lines = _section(root, root_context, "stemhulp")
    for name in root.list_commands(root_context):
        command = root.get_command(root_context, name)
        if command is None or command.hidden:
            continue
        context = typer.Context(command, info_name=name, parent=root_context)
        lines += _section(command, context, f"stemhulp {name}")
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return markdown.replace(MARKER, cli_reference()) if MARKER in markdown else markdown
