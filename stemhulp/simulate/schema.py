"""The JSON Schema of the `simulate --json` report and its data dictionary, both generated from the
report's records (`report`), so neither can drift from what `to_dict()` writes.

`python -m stemhulp.cli.doctables` rewrites the shipped schema
(`stemhulp/formats/schemas/simulation.schema.json`) and the data dictionary's table in
`docs/reference/data-dictionary.md` (`<!-- generated: report -->`); a test fails while either differs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..formats.records import json_schema
from .report import SimulationReport

NAME = "simulation"
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "formats" / "schemas" / f"{NAME}.schema.json"
DICTIONARY_PAGE = Path("docs") / "reference" / "data-dictionary.md"


def simulation_schema() -> dict[str, Any]:
    """The JSON Schema of `SimulationResult.to_dict()` / `stemhulp simulate --json`."""
    return json_schema(SimulationReport, "stemhulp simulation report", f"stemhulp/simulate/{NAME}.schema.json")


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(simulation_schema(), ensure_ascii=False, indent=2) + "\n"


# --- the data dictionary ----------------------------------------------------------------------------


def data_dictionary() -> str:
    """One row per key of the report, nested keys as paths (`margin.histogram[].from`), with its
    JSON type and meaning: a Markdown table."""
    schema = simulation_schema()
    rows: list[tuple[str, str, str]] = []
    _rows(schema, schema["$defs"], "", rows)
    lines = ["| key | type | meaning |", "|---|---|---|"]
    lines += [f"| `{key}` | {kind} | {_cell(meaning)} |" for key, kind, meaning in rows]
    return "\n".join(lines)


def _rows(node: dict[str, Any], definitions: dict[str, Any], prefix: str, rows: list[tuple[str, str, str]]) -> None:
    """The rows of an object schema's properties, then of each nested record under its path."""
    for key, prop in node["properties"].items():
        path = f"{prefix}{key}"
        rows.append((path, _kind(prop, definitions), prop.get("description", "")))
        record, suffix = _nested(prop, definitions)
        if record is not None:
            _rows(definitions[record], definitions, f"{path}{suffix}.", rows)


def _nested(node: dict[str, Any], definitions: dict[str, Any]) -> tuple[str | None, str]:
    """The record a property holds (directly, in a list, in a {party: …} map, or nullable) and the
    path suffix to reach it."""
    if "$ref" in node:
        return node["$ref"].rsplit("/", 1)[1], ""
    if "anyOf" in node:
        for option in node["anyOf"]:
            record, suffix = _nested(option, definitions)
            if record is not None:
                return record, suffix
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        record, suffix = _nested(node["items"], definitions)
        return record, f"[]{suffix}"
    if isinstance(node.get("additionalProperties"), dict):
        record, suffix = _nested(node["additionalProperties"], definitions)
        return record, f".<key>{suffix}"
    return None, ""


def _kind(node: dict[str, Any], definitions: dict[str, Any]) -> str:
    """A schema node as a short type: `number or null`, `[number, number]`, `{key: number}`, `object`."""
    if "$ref" in node:
        return "object"
    if "anyOf" in node:
        return " or ".join(_kind(option, definitions) for option in node["anyOf"])
    if "enum" in node:
        return " or ".join(json.dumps(v) for v in node["enum"])
    kind = node.get("type")
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "array":
        item = _kind(node.get("items", {}), definitions)
        if "minItems" in node and node.get("minItems") == node.get("maxItems"):
            return "[" + ", ".join([item] * node["minItems"]) + "]"
        return f"list of {item}"
    if kind == "object" and "additionalProperties" in node:
        value = node["additionalProperties"]
        return "{key: " + (_kind(value, definitions) if value else "any") + "}"
    return str(kind) if kind else "any"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
