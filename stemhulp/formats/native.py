"""The native quiz layout people author: YAML under `statements/` and `party_positions/`."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

import attrs
import yaml

from ..errors import QuizError
from ..quiz.canonical import (
    AXIS_FIELDS,
    PARTY_FIELDS,
    POSITION_NOTE_FIELDS,
    QUIZ_FIELDS,
    check_to_dict,
    statement_to_dict,
)
from ..quiz.canonical import fields_of as _fields
from ..quiz.model import Quiz, Statement
from .atomic import kind
from .build import (
    Problems,
    assemble,
    build_party,
    build_position,
    build_statement,
    plain_party_position,
)
from .safeyaml import load_yaml_file
from .where import Where

QUIZ_FILE = "quiz.yaml"


def is_native(path: Path) -> bool:
    return (path / "statements" / QUIZ_FILE).is_file()


def party_files(root: Path) -> dict[str, Path]:
    """Each party's file in the native quiz directory `root`, by party id: for messages that name
    the file a problem is in. A file that cannot be read or has no id is left out."""
    found: dict[str, Path] = {}
    for path in _yaml_files(root / "party_positions", Problems()):
        try:
            data, _, problems = load_yaml_file(path)
        except QuizError:
            continue
        if not problems and isinstance(data, dict) and isinstance(data.get("id"), str):
            found.setdefault(data["id"], path)
    return found


def _natural_key(path: Path) -> list[object]:
    """Sort '2-x.yaml' before '10-y.yaml': digit runs compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def _yaml_files(folder: Path, problems: Problems) -> list[Path]:
    """The YAML files of a folder in natural name order (that order is the quiz order); an entry
    named *.yaml that is not a readable regular file (a directory, a FIFO, a dangling or looping
    link) is a problem, never silently skipped."""
    try:
        entries = sorted((p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")), key=_natural_key)
    except OSError as error:
        problems.add(str(folder), f"cannot list this folder ({error.strerror})")
        return []
    files = []
    for path in entries:
        try:
            mode = path.stat().st_mode
        except OSError as error:
            problems.add(str(path), f"cannot read ({error.strerror}; a dangling or looping link?)")
            continue
        if stat.S_ISREG(mode):
            files.append(path)
        else:
            problems.add(str(path), f"is {kind(mode)}, expected a YAML file")
    return files


def _load_file(path: Path, problems: Problems) -> tuple[Any, Where] | None:
    """One YAML file's data, its problems recorded; an unreadable file is one problem, not the end."""
    try:
        data, where, load_problems = load_yaml_file(path)
    except QuizError as error:
        problems.extend(error.problems)
        return None
    problems.extend(load_problems)
    return data, where


def load_native(root: Path) -> Quiz:
    """Read a native quiz directory, reporting every problem in every file at once."""
    problems = Problems()
    statements_dir, parties_dir = root / "statements", root / "party_positions"
    if not (statements_dir / QUIZ_FILE).is_file():
        raise QuizError(f"{root}: not a stemhulp quiz directory (no statements/{QUIZ_FILE})")
    header, header_where, load_problems = load_yaml_file(statements_dir / QUIZ_FILE)
    problems.extend(load_problems)
    if not isinstance(header, dict):
        problems.add(header_where, "quiz.yaml must be a mapping with id, title and scale")
        header = {}

    statements: list[tuple[Statement, Where]] = []
    tiebreaks: list[tuple[Statement, Where]] = []
    for path in _yaml_files(statements_dir, problems):
        if path.name == QUIZ_FILE:
            continue
        loaded = _load_file(path, problems)
        if loaded is None:
            continue
        data, where = loaded
        data = problems.mapping(data, where, "a statements file")
        if data is None:
            continue
        unknown = set(data) - {"statements", "tiebreak_statements"}
        for key in sorted(unknown):
            problems.add(where / key, f"unknown key {key!r}; expected 'statements' or 'tiebreak_statements'")
        for key, target in (("statements", statements), ("tiebreak_statements", tiebreaks)):
            for index, raw in enumerate(problems.sequence(data.get(key), where / key, key)):
                at = where / key / index
                statement = build_statement(raw, at, problems)
                if statement is not None:
                    target.append((statement, at))

    parties, positions = [], []
    if not parties_dir.is_dir():
        problems.add(str(root), "no party_positions/ directory")
    else:
        for path in _yaml_files(parties_dir, problems):
            loaded = _load_file(path, problems)
            if loaded is None:
                continue
            data, where = loaded
            data = problems.mapping(data, where, "a party file")
            if data is None:
                continue
            party = build_party(data, where, problems, known=("positions",))
            raw_positions = data.get("positions")
            if raw_positions is None:
                problems.add(where, "missing required key 'positions'")
                raw_positions = {}
            if problems.mapping(raw_positions, where / "positions", "positions") is None or party is None:
                continue
            parties.append((party, where))
            for statement_id, raw in raw_positions.items():
                # A clean entry becomes its Position directly, its place built only for a message.
                plain = plain_party_position(raw, party, statement_id)
                if plain is not None:
                    positions.append((plain, (where, statement_id)))
                    continue
                at = where / "positions" / statement_id
                position = build_position(raw, at, problems, party.id, str(statement_id))
                if position is not None:
                    if "source" not in raw:
                        position = attrs.evolve(position, source=party.source)
                    positions.append((position, at))
    return assemble(header, header_where, statements, tiebreaks, parties, positions, problems)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: the same text, many times faster


def _dump(data: Any, path: Path) -> None:
    text = yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    path.write_text(text, encoding="utf-8")


def _file_name(identifier: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", identifier).strip("-.") or "party"
    return f"{name}.yaml"


def write_native(quiz: Quiz, root: Path) -> None:
    """Write `quiz` as a native YAML directory (statements/, party_positions/) into a new or
    empty `root`; party files are numbered so that reading them back keeps the party order."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise QuizError(f"{root}: already exists and is not empty; choose a new or empty directory")
    statements_dir, parties_dir = root / "statements", root / "party_positions"
    statements_dir.mkdir(parents=True, exist_ok=True)
    parties_dir.mkdir(parents=True, exist_ok=True)
    header: dict[str, Any] = {"id": quiz.id, "title": quiz.title, **_fields(quiz, QUIZ_FIELDS)}
    header["scale"] = list(quiz.scale.options)
    if quiz.axes:
        header["axes"] = [{"id": a.id, "name": a.name, **_fields(a, AXIS_FIELDS)} for a in quiz.axes]
    header.update(check_to_dict(quiz))
    header.update(quiz.extra)
    _dump(header, statements_dir / QUIZ_FILE)
    body: dict[str, Any] = {"statements": [statement_to_dict(s) for s in quiz.statements]}
    if quiz.tiebreak_statements:
        body["tiebreak_statements"] = [statement_to_dict(s) for s in quiz.tiebreak_statements]
    _dump(body, statements_dir / "statements.yaml")
    digits = len(str(len(quiz.parties)))
    for number, party in enumerate(quiz.parties, start=1):
        data: dict[str, Any] = {"id": party.id, "name": party.name, **_fields(party, PARTY_FIELDS)}
        data.update(party.extra)
        entries: dict[str, Any] = {}
        for position in quiz.positions:
            if position.party != party.id:
                continue
            entry: dict[str, Any] = {"position": position.position, "weight": position.weight, "quote": position.quote}
            if position.source != party.source:
                entry["source"] = position.source
            entry.update(_fields(position, POSITION_NOTE_FIELDS))
            entry.update(position.extra)
            entries[position.statement] = entry
        data["positions"] = entries
        _dump(data, parties_dir / f"{number:0{digits}d}-{_file_name(party.id)}")
