"""The documentation's tables of methods, missing-stance policies and respondent models, generated
from their registries, and the simulation report's data dictionary with its shipped JSON Schema,
generated from the report's records. `python -m stemhulp.cli.doctables [FILE ...]` rewrites the
tables in place wherever a page holds `<!-- generated: NAME -->` … `<!-- end: NAME -->` (default:
every docs/**/*.md) and the schema file `stemhulp schema simulation` prints; `--check` only reports
whether they are current."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..matching.methods import DEFAULT_METHOD, DEFAULT_MISSING, METHODS, MISSING_POLICIES
from ..simulate.respondents import DEFAULT_MODEL, RESPONDENT_MODELS
from ..simulate.schema import SCHEMA_FILE, data_dictionary, schema_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _name(name: str, default: str) -> str:
    return f"`{name}` **(default)**" if name == default else f"`{name}`"


def method_table() -> str:
    """One row per matching method: its term, what it computes and where it comes from."""
    rows = []
    for m in METHODS:
        term = f"`{m.formula}`" + (", score from the root of the mean" if m.root else "")
        notes = m.summary + (" 3-point scales only." if m.three_point_only else "")
        rows.append([_name(m.name, DEFAULT_METHOD), term, notes, m.source])
    return _table(["method", "per-statement term", "what it computes", "source"], rows)


def policy_table() -> str:
    """One row per missing-stance policy."""
    return _table(["policy", "meaning"], [[_name(p.name, DEFAULT_MISSING), p.summary] for p in MISSING_POLICIES])


def model_table() -> str:
    """One row per respondent model of `stemhulp simulate`."""
    return _table(
        ["model", "respondents", "parameters"],
        [[_name(m.name, DEFAULT_MODEL), m.summary, m.help] for m in RESPONDENT_MODELS],
    )


TABLES: dict[str, Callable[[], str]] = {
    "methods": method_table,
    "missing": policy_table,
    "models": model_table,
    "report": data_dictionary,
}


def tables_in(text: str) -> list[str]:
    """The names of the generated tables a page holds."""
    return [name for name in TABLES if f"<!-- generated: {name} -->" in text]


def update(text: str) -> str:
    """`text` with every generated table it holds replaced by its current version."""
    for name in tables_in(text):
        begin, end = f"<!-- generated: {name} -->", f"<!-- end: {name} -->"
        head, rest = text.split(begin, 1)
        if end not in rest:
            raise ValueError(f"{begin} is never closed by {end}")
        _, tail = rest.split(end, 1)
        text = f"{head}{begin}\n{TABLES[name]()}\n{end}{tail}"
    return text


def main(arguments: Sequence[str]) -> int:
    check = "--check" in arguments
    named = [Path(a) for a in arguments if a != "--check"]
    stale = 0
    for path in named or sorted(Path("docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        current = update(text)
        if current == text:
            continue
        stale += 1
        if check:
            print(f"{path}: tables are out of date; run python -m stemhulp.cli.doctables {path}")
        else:
            path.write_text(current, encoding="utf-8")
            print(f"{path}: tables updated")
    if SCHEMA_FILE.read_text(encoding="utf-8") != schema_text():
        stale += 1
        if check:
            print(f"{SCHEMA_FILE}: out of date; run python -m stemhulp.cli.doctables")
        else:
            SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
            print(f"{SCHEMA_FILE}: updated")
    if not stale:
        print("tables are current")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
