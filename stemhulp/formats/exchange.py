"""The `stemhulp/1` exchange format: one JSON document holding a whole quiz."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import QuizError
from ..quiz.model import Party, Position, Quiz, Statement
from .build import (
    AXIS_FIELDS,
    PARTY_FIELDS,
    POSITION_NOTE_FIELDS,
    QUIZ_FIELDS,
    STATEMENT_TEXT_FIELDS,
    Place,
    Problems,
    assemble,
    build_party,
    build_position,
    build_statement,
    plain_position,
)
from .reading import parse_json
from .safeyaml import read_text
from .where import Where

FORMAT = "stemhulp/1"
REQUIRED_POSITION_KEYS = ("party", "statement", "position", "weight", "quote", "source")
_REQUIRED = frozenset(REQUIRED_POSITION_KEYS)


def read_json(path: Path) -> Any:
    """Parse a JSON file; syntax errors name the file, line and column."""
    return parse_json(read_text(path), str(path))


def quiz_from_exchange(data: Any, where: Where) -> Quiz:
    """Build a quiz from a parsed `stemhulp/1` document, reporting every problem at once."""
    problems = Problems()
    if not isinstance(data, Mapping):
        raise QuizError(f"{where}: a stemhulp/1 document must be a JSON object")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise QuizError(f"{where / 'format'}: unknown format {fmt!r}; expected {FORMAT!r}")
    for key in ("statements", "parties", "positions"):
        if key not in data:
            problems.add(where, f"missing required key {key!r}")
    statements = _statements(data.get("statements"), where / "statements", problems)
    tiebreaks = _statements(data.get("tiebreak_statements"), where / "tiebreak_statements", problems)
    parties = []
    for index, raw in enumerate(problems.sequence(data.get("parties"), where / "parties", "parties")):
        party = build_party(raw, where / "parties" / index, problems)
        if party is not None:
            parties.append((party, where / "parties" / index))
    positions: list[tuple[Position, Place]] = []
    base = where / "positions"
    for index, raw in enumerate(problems.sequence(data.get("positions"), base, "positions")):
        plain = plain_position(raw, _REQUIRED)
        if plain is not None:
            positions.append((plain, index))  # its place is built only if a message needs it
            continue
        at = base / index
        if problems.mapping(raw, at, "a position") is None:
            continue
        party_id = problems.identifier(raw, "party", at, "position")
        statement_id = problems.identifier(raw, "statement", at, "position")
        if party_id is None or statement_id is None:
            continue
        position = build_position(raw, at, problems, party_id, statement_id, required=REQUIRED_POSITION_KEYS)
        if position is not None:
            positions.append((position, at))
    return assemble(
        data,
        where,
        statements,
        tiebreaks,
        parties,
        positions,
        problems,
        header_known=("statements", "tiebreak_statements", "parties", "positions"),
        positions_at=base,
    )


def _statements(data: Any, where: Where, problems: Problems) -> list[tuple[Statement, Where]]:
    result = []
    for index, raw in enumerate(problems.sequence(data, where, where.path[-1])):
        statement = build_statement(raw, where / index, problems)
        if statement is not None:
            result.append((statement, where / index))
    return result


def _fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names if getattr(obj, name) is not None}


def statement_to_dict(statement: Statement) -> dict[str, Any]:
    data: dict[str, Any] = {"id": statement.id, "theme": statement.theme, "text": statement.text}
    data.update(_fields(statement, STATEMENT_TEXT_FIELDS))
    if statement.axes:
        data["axes"] = dict(statement.axes)
    data.update(statement.extra)
    return data


def party_to_dict(party: Party) -> dict[str, Any]:
    data: dict[str, Any] = {"id": party.id, "name": party.name}
    data.update(_fields(party, PARTY_FIELDS))
    data.update(party.extra)
    return data


def position_to_dict(position: Position) -> dict[str, Any]:
    data: dict[str, Any] = {
        "party": position.party,
        "statement": position.statement,
        "position": position.position,
        "weight": position.weight,
        "quote": position.quote,
        "source": position.source,
    }
    data.update(_fields(position, POSITION_NOTE_FIELDS))
    data.update(position.extra)
    return data


def check_to_dict(quiz: Quiz) -> dict[str, Any]:
    """The quiz header's `check` key (the crossings its authors accept), or nothing if it has none."""
    if not quiz.accepted:
        return {}
    accepted = [
        {
            "threshold": a.threshold,
            "value": a.value,
            "reason": a.reason,
            **({} if a.items is None else {"items": list(a.items)}),
        }
        for a in quiz.accepted
    ]
    return {"check": {"accepted": accepted}}


def quiz_to_exchange(quiz: Quiz) -> dict[str, Any]:
    """The quiz as a `stemhulp/1` document (what `stemhulp export --json` prints)."""
    data: dict[str, Any] = {"format": FORMAT, "id": quiz.id, "title": quiz.title}
    data.update(_fields(quiz, QUIZ_FIELDS))
    data["scale"] = list(quiz.scale.options)
    if quiz.axes:
        data["axes"] = [{"id": a.id, "name": a.name, **_fields(a, AXIS_FIELDS)} for a in quiz.axes]
    data.update(check_to_dict(quiz))
    data["statements"] = [statement_to_dict(s) for s in quiz.statements]
    if quiz.tiebreak_statements:
        data["tiebreak_statements"] = [statement_to_dict(s) for s in quiz.tiebreak_statements]
    data["parties"] = [party_to_dict(p) for p in quiz.parties]
    data["positions"] = [position_to_dict(p) for p in quiz.positions]
    data.update(quiz.extra)
    return data
