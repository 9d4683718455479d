"""The `stemhulp/1` exchange format: one JSON document holding a whole quiz."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import QuizError
from ..quiz.canonical import FORMAT as FORMAT
from ..quiz.canonical import check_to_dict as check_to_dict
from ..quiz.canonical import party_to_dict as party_to_dict
from ..quiz.canonical import position_to_dict as position_to_dict
from ..quiz.canonical import quiz_to_exchange as quiz_to_exchange
from ..quiz.canonical import statement_to_dict as statement_to_dict
from ..quiz.model import Position, Quiz, Statement
from .build import (
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
