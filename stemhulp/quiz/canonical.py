"""The quiz as plain data in its one canonical form (a `stemhulp/1` document), and its fingerprint.

Writers of every layout (`formats.exchange`, `formats.native`) and the provenance of every output
take their fields from here, so a field is named once. The fingerprint is the SHA-256 of this
document as canonical JSON (keys sorted, no spaces, UTF-8, positions ordered by party and
statement id): the same quiz gives the same fingerprint whether it came from YAML, JSON or an importer.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Party, Position, Quiz, Statement

FORMAT = "stemhulp/1"
STATEMENT_TEXT_FIELDS = (
    "text_en",
    "theme_en",
    "explanation",
    "explanation_en",
    "pro",
    "con",
    "pro_en",
    "con_en",
)
PARTY_TEXT_FIELDS = ("full_name", "municipality", "election", "source", "source_title")
PARTY_FIELDS = (*PARTY_TEXT_FIELDS, "election_year")
AXIS_FIELDS = ("name_en", "negative", "positive", "negative_en", "positive_en")
QUIZ_FIELDS = ("title_en", "description", "description_en")
POSITION_TEXT_FIELDS = ("quote", "source", "note", "explanation", "note_en", "coding_note")
POSITION_FIELDS = ("position", "weight", *POSITION_TEXT_FIELDS)
POSITION_NOTE_FIELDS = ("note", "note_en", "coding_note", "explanation")  # written only when set


def fields_of(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of `obj` that are set (not None)."""
    return {name: getattr(obj, name) for name in names if getattr(obj, name) is not None}


def statement_to_dict(statement: Statement) -> dict[str, Any]:
    data: dict[str, Any] = {"id": statement.id, "theme": statement.theme, "text": statement.text}
    data.update(fields_of(statement, STATEMENT_TEXT_FIELDS))
    if statement.axes:
        data["axes"] = dict(statement.axes)
    data.update(statement.extra)
    return data


def party_to_dict(party: Party) -> dict[str, Any]:
    data: dict[str, Any] = {"id": party.id, "name": party.name}
    data.update(fields_of(party, PARTY_FIELDS))
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
    data.update(fields_of(position, POSITION_NOTE_FIELDS))
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
    data.update(fields_of(quiz, QUIZ_FIELDS))
    data["scale"] = list(quiz.scale.options)
    if quiz.axes:
        data["axes"] = [{"id": a.id, "name": a.name, **fields_of(a, AXIS_FIELDS)} for a in quiz.axes]
    data.update(check_to_dict(quiz))
    data["statements"] = [statement_to_dict(s) for s in quiz.statements]
    if quiz.tiebreak_statements:
        data["tiebreak_statements"] = [statement_to_dict(s) for s in quiz.tiebreak_statements]
    data["parties"] = [party_to_dict(p) for p in quiz.parties]
    data["positions"] = [position_to_dict(p) for p in quiz.positions]
    data.update(quiz.extra)
    return data


def canonical_json(document: Any) -> bytes:
    """`document` as canonical JSON bytes: sorted keys, no spaces, UTF-8."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def quiz_fingerprint(quiz: Quiz) -> str:
    """'sha256:<hex>' of the quiz's canonical exchange JSON (what `Quiz.fingerprint` returns)."""
    document = quiz_to_exchange(quiz)
    document["positions"] = sorted(document["positions"], key=lambda p: (p["party"], p["statement"]))
    return "sha256:" + hashlib.sha256(canonical_json(document)).hexdigest()
