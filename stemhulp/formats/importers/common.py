"""Pieces both importers use: reading JSON into a problem list, typed fields, ids, slugs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...errors import QuizError
from ..build import Problems, describe
from ..exchange import read_json
from ..where import Where

Record = tuple[Mapping[str, Any], Where]
UNREADABLE = object()
"""What `read_json_file` returns for a file it could not read or parse."""

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def read_json_file(path: Path, problems: Problems) -> Any:
    """The parsed file, or `UNREADABLE` after recording why it could not be read."""
    try:
        return read_json(path)
    except QuizError as error:
        problems.extend(error.problems)
        return UNREADABLE


def records(data: Any, where: Where, problems: Problems, what: str) -> list[Record]:
    """The mappings in a JSON list, each with its place; anything else is a located problem."""
    if not isinstance(data, list):
        problems.add(where, f"expected a list of {plural(what)}, got {describe(data)}")
        return []
    found = []
    for index, item in enumerate(data):
        if isinstance(item, Mapping):
            found.append((item, where / index))
        else:
            problems.add(where / index, f"a {what} must be a mapping, got {describe(item)}")
    return found


def plural(noun: str) -> str:
    """'party' → 'parties', 'statement' → 'statements'."""
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def id_field(record: Mapping[str, Any], key: str, where: Where, problems: Problems, what: str) -> str | None:
    """A required id (text or number) as text, or None after recording the problem."""
    if key not in record:
        problems.add(where / key, f"{what}: missing required key {key!r}")
        return None
    return problems.id_value(record[key], where / key, f"{what}: {key}")


def text_field(
    record: Mapping[str, Any], key: str, where: Where, problems: Problems, what: str, *, required: bool = True
) -> str | None:
    """A text value, stripped; absent, null or blank is None (and a problem when required)."""
    value = record.get(key)
    if key not in record or (value is None and not required):
        if required:
            problems.add(where / key, f"{what}: missing required key {key!r}")
        return None
    if not isinstance(value, str):
        problems.add(where / key, f"{what}: {key} must be text, got {describe(value)}")
        return None
    if required and not value.strip():
        problems.add(where / key, f"{what}: {key} must not be empty")
    return value.strip() or None


def by_id(found: list[Record], problems: Problems, what: str) -> dict[str, Record]:
    """Records keyed by their `id` as text; a missing or repeated id is a located problem."""
    result: dict[str, Record] = {}
    for record, where in found:
        ident = id_field(record, "id", where, problems, what)
        if ident is None:
            continue
        if ident in result:
            problems.add(where / "id", f"duplicate {what} id {ident!r} (first at {result[ident][1]})")
        else:
            result[ident] = (record, where)
    return result


def listed_ids(*lists: Any) -> set[str]:
    """Every id the given JSON lists hold (whether or not its record is valid), as text."""
    return {
        str(item["id"])
        for items in lists
        if isinstance(items, list)
        for item in items
        if isinstance(item, Mapping) and "id" in item
    }


def scalars(data: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of a mapping whose values are plain scalars (for a quiz's `origin`)."""
    return {str(k): v for k, v in data.items() if v is None or isinstance(v, (str, int, float))}


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ('Landtagswahl Bayern' → 'landtagswahl-bayern')."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def one_line(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())
