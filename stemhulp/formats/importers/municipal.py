"""The municipal-vote-guide layout (municipal-vote-guide-nl-2026): one folder per municipality
holding `nl.json` and `en.json`, the same ids in both, the English texts in the second.

Mapping:

- each party's `positions` is a mapping from statement id to `{position, explanation,
  explanationEn}`: `agree`, `disagree`, `neither` → agree, disagree, neutral, `null` → no stance;
  the party's explanation is kept as the position's `explanation` (English in `explanation_en`);
  quote and source are null;
- statement `title`, `theme`, `moreInfo`, `pro`, `con` → `text`, `theme`, `explanation`, `pro`,
  `con`, and from en.json the same fields with `_en`; glossary terms in `titleParts` are added to
  the explanation as "term: glossary" lines;
- `shootoutStatements`, and statements marked `isShootout: true`, → the tie-break statements;
  each list in `index` order when every statement has one;
- parties with `participates: false` are left out; `hasSeats` is kept as `has_seats`.

A data folder (one municipality folder per subfolder) is imported with `import_data_folder`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ...errors import QuizError
from ...quiz.model import Party, Position, Quiz, Statement
from ..build import Problems, assemble, build_party, build_position, build_statement
from ..where import Where
from .common import (
    UNREADABLE,
    Record,
    by_id,
    describe,
    id_field,
    listed_ids,
    one_line,
    read_json_file,
    records,
    scalars,
    slug,
    text_field,
)

DUTCH, ENGLISH = "nl.json", "en.json"
SCALE = ("disagree", "neutral", "agree")
POSITION_WORDS = {"agree": "agree", "disagree": "disagree", "neither": "neutral"}
DEFAULT_THEME = "Algemeen"
STATEMENT_LISTS = ("statements", "shootoutStatements")


def is_municipality(path: Path) -> bool:
    """A municipality folder: it holds nl.json (or something by that name, such as a broken link
    or a folder, which loading then reports by name instead of passing the folder over)."""
    return os.path.lexists(path / DUTCH)


def municipality_folders(path: Path) -> list[Path]:
    """The municipality folders directly under a data folder, by name (hidden ones skipped)."""
    if not path.is_dir():
        return []
    return sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".") and is_municipality(p))


def is_data_folder(path: Path) -> bool:
    """A data folder: not a municipality itself, but holding at least one."""
    return path.is_dir() and not is_municipality(path) and bool(municipality_folders(path))


def load_municipal(path: Path) -> Quiz:
    """Read one municipality folder (nl.json, and en.json when present) into a quiz, reporting
    every problem in both files at once."""
    if not path.is_dir():
        raise QuizError(f"{path}: a municipal vote guide is a folder holding {DUTCH} and {ENGLISH}")
    problems = Problems()
    dutch = read_json_file(path / DUTCH, problems)
    english = read_json_file(path / ENGLISH, problems) if os.path.lexists(path / ENGLISH) else None
    problems.raise_if_any()
    nl_where, en_where = Where(str(path / DUTCH)), Where(str(path / ENGLISH))
    if not isinstance(dutch, Mapping):
        raise QuizError(f"{nl_where}: a municipal vote guide must be a JSON object, got {describe(dutch)}")
    for key in ("parties", "statements"):
        if key not in dutch:
            problems.add(nl_where / key, f"missing required key {key!r}")
    translation = _Translation.read(english, en_where, dutch, problems)
    main, tiebreaks = _statements(dutch, nl_where, translation, problems)
    known = listed_ids(*(dutch.get(key) for key in STATEMENT_LISTS))
    header, municipality = _header(dutch, nl_where, translation, path.name, problems)
    parties, positions = _parties(
        dutch.get("parties"), nl_where / "parties", municipality, known, translation, problems
    )
    order = {s.id: i for i, (s, _) in enumerate((*main, *tiebreaks))}
    party_order = {p.id: i for i, (p, _) in enumerate(parties)}
    positions = [item for item in positions if item[0].statement in order]
    positions.sort(key=lambda item: (party_order[item[0].party], order[item[0].statement]))
    return assemble(header, nl_where, main, tiebreaks, parties, positions, problems)


@attrs.frozen
class _Translation:
    """en.json indexed by id: statements and parties, each with its place (empty without it)."""

    statements: Mapping[str, Record] = attrs.field(factory=dict)
    parties: Mapping[str, Record] = attrs.field(factory=dict)
    name: str | None = None

    @classmethod
    def read(cls, data: Any, where: Where, dutch: Mapping[str, Any], problems: Problems) -> _Translation:
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            problems.add(where, f"en.json must be a JSON object like nl.json, got {describe(data)}")
            return cls()
        statements: dict[str, Record] = {}
        for key in STATEMENT_LISTS:
            if data.get(key) is not None:
                statements.update(by_id(records(data[key], where / key, problems, "statement"), problems, "statement"))
        parties = by_id(records(data.get("parties") or [], where / "parties", problems, "party"), problems, "party")
        for what, found, lists in (("statement", statements, STATEMENT_LISTS), ("party", parties, ("parties",))):
            dutch_ids = listed_ids(*(dutch.get(key) for key in lists))
            for ident, (_, at) in found.items():
                if ident not in dutch_ids:
                    problems.add(at / "id", f"{what} {ident!r} is not in nl.json")
        name = text_field(data, "name", where, problems, "en.json", required=False)
        return cls(statements, parties, name)


def _header(
    data: Mapping[str, Any], where: Where, translation: _Translation, folder: str, problems: Problems
) -> tuple[dict[str, Any], str]:
    """Quiz id and title ('gemeente-utrecht', 'Gemeente Utrecht' / 'Municipality of Utrecht'),
    and the municipality's name (the folder's name when nl.json has none)."""
    name = text_field(data, "name", where, problems, "municipality", required=False) or folder
    short = text_field(data, "slug", where, problems, "municipality", required=False)
    header: dict[str, Any] = {
        "id": f"gemeente-{slug(short or name) or 'quiz'}",
        "title": f"Gemeente {name}",
        "title_en": f"Municipality of {translation.name or name}",
        "scale": list(SCALE),
        "origin": {"layout": "municipal-vote-guide", **scalars(data)},
    }
    return header, name


def _statements(
    data: Mapping[str, Any], where: Where, translation: _Translation, problems: Problems
) -> tuple[list[tuple[Statement, Where]], list[tuple[Statement, Where]]]:
    """Main and tie-break statements, each list in `index` order when every one has an index."""
    main: list[tuple[int | None, Statement, Where]] = []
    tiebreaks: list[tuple[int | None, Statement, Where]] = []
    for key in STATEMENT_LISTS:
        if data.get(key) is None:
            continue
        for record, at in records(data[key], where / key, problems, "statement"):
            built = _statement(record, at, translation, problems)
            if built is None:
                continue
            statement, index, shootout = built
            (tiebreaks if key == "shootoutStatements" or shootout else main).append((index, statement, at))
    return _in_index_order(main, problems), _in_index_order(tiebreaks, problems)


def _in_index_order(
    found: list[tuple[int | None, Statement, Where]], problems: Problems
) -> list[tuple[Statement, Where]]:
    """Sort by index when every statement has one (a repeated index is a problem)."""
    seen: dict[int, Where] = {}
    for index, _, at in found:
        if index is not None and index in seen:
            problems.add(at / "index", f"index {index} repeats the index of {seen[index]}")
        elif index is not None:
            seen[index] = at
    if all(index is not None for index, _, _ in found):
        found = sorted(found, key=lambda item: item[0])  # type: ignore[arg-type, return-value]
    return [(statement, at) for _, statement, at in found]


def _statement(
    record: Mapping[str, Any], where: Where, translation: _Translation, problems: Problems
) -> tuple[Statement, int | None, bool] | None:
    """One statement, with its index and shootout mark, merged with its English record."""
    ident = id_field(record, "id", where, problems, "statement")
    what = f"statement {ident!r}"
    dutch = _texts(record, where, problems, what)
    index = record.get("index")
    if index is not None and (isinstance(index, bool) or not isinstance(index, int)):
        problems.add(where / "index", f"{what}: index must be a whole number, got {describe(index)}")
        index = None
    shootout = record.get("isShootout", False)
    if shootout is not None and not isinstance(shootout, bool):
        problems.add(where / "isShootout", f"{what}: isShootout must be true or false, got {describe(shootout)}")
    english: dict[str, str | None] = {}
    if ident is not None and ident in translation.statements:
        english = _texts(*translation.statements[ident], problems, what)
    if ident is None or dutch["text"] is None:
        return None
    raw: dict[str, Any] = {"id": ident, **{k: v for k, v in dutch.items() if v}}
    raw["theme"] = dutch["theme"] or DEFAULT_THEME
    for field, value in english.items():
        if value and value != dutch[field]:
            raw[f"{field}_en"] = value
    statement = build_statement(raw, where, problems)
    return None if statement is None else (statement, index, shootout is True)


def _texts(record: Mapping[str, Any], where: Where, problems: Problems, what: str) -> dict[str, str | None]:
    """A statement's texts in one language: text, theme, explanation (with glossary), pro, con."""
    title = text_field(record, "title", where, problems, what)
    fields = {
        field: text_field(record, key, where, problems, what, required=False)
        for field, key in (("theme", "theme"), ("explanation", "moreInfo"), ("pro", "pro"), ("con", "con"))
    }
    glossary = _glossary(record.get("titleParts"), where / "titleParts", problems, what)
    if glossary:
        fields["explanation"] = "\n\n".join(filter(None, [fields["explanation"], glossary]))
    return {"text": one_line(title) if title else None, **fields}


def _glossary(parts: Any, where: Where, problems: Problems, what: str) -> str | None:
    """The glossary of `titleParts` ([{text, glossary?}, …]) as "term: glossary" lines."""
    if parts is None:
        return None
    lines = []
    for part, at in records(parts, where, problems, "title part"):
        term = text_field(part, "text", at, problems, f"{what}: title part")
        glossary = text_field(part, "glossary", at, problems, f"{what}: title part", required=False)
        if term and glossary:
            lines.append(f"{one_line(term)}: {glossary}")
    return "\n".join(lines) or None


def _parties(
    data: Any, where: Where, municipality: str, known: set[str], translation: _Translation, problems: Problems
) -> tuple[list[tuple[Party, Where]], list[tuple[Position, Where]]]:
    """The participating parties and their positions, merged with their English records."""
    parties, positions = [], []
    for record, at in records(data if data is not None else [], where, problems, "party"):
        ident = id_field(record, "id", at, problems, "party")
        what = f"party {ident!r}"
        flags = {key: record.get(key) for key in ("participates", "hasSeats")}
        for key, flag in flags.items():
            if flag is not None and not isinstance(flag, bool):
                problems.add(at / key, f"{what}: {key} must be true or false, got {describe(flag)}")
        if flags["participates"] is False:
            continue
        name = text_field(record, "name", at, problems, what)
        full_name = text_field(record, "fullName", at, problems, what, required=False)
        if "positions" not in record:
            problems.add(at / "positions", f"{what}: missing required key 'positions'")
        if ident is None or name is None:
            continue
        raw: dict[str, Any] = {"id": ident, "name": name, "full_name": full_name, "municipality": municipality}
        if isinstance(flags["hasSeats"], bool):
            raw["has_seats"] = flags["hasSeats"]
        party = build_party(raw, at, problems)
        english = translation.parties.get(ident)
        if party is not None:
            parties.append((party, at))
            positions += _positions(record.get("positions"), at / "positions", ident, known, english, problems)
    return parties, positions


def _positions(
    data: Any, where: Where, party: str, known: set[str], english: Record | None, problems: Problems
) -> list[tuple[Position, Where]]:
    """A party's `positions` mapping (statement id → {position, explanation, explanationEn})."""
    if data is None:
        return []
    if not isinstance(data, Mapping):
        problems.add(
            where,
            f"positions of {party!r} must be a mapping from statement id to "
            f"{{position, explanation}}, got {describe(data)}",
        )
        return []
    translated = _english_positions(english, party, known, problems)
    result = []
    for key, entry in data.items():
        statement, at = str(key), where / str(key)
        what = f"position of {party!r} on {statement!r}"
        if statement not in known:
            problems.add(at, f"unknown statement {statement!r}: not in statements or shootoutStatements")
            continue
        if not isinstance(entry, Mapping):
            problems.add(at, f"{what} must be a mapping with position and explanation, got {describe(entry)}")
            continue
        word = _position_word(entry, at, what, problems)
        explanation = text_field(entry, "explanation", at, problems, what, required=False)
        explanation_en = text_field(entry, "explanationEn", at, problems, what, required=False)
        if statement in translated:
            en_entry, en_at = translated[statement]
            en_word = _position_word(en_entry, en_at, what, problems)
            if en_word is not UNREADABLE and word is not UNREADABLE and en_word != word:
                problems.add(
                    en_at / "position", f"{what}: en.json says {_word(en_entry)!r} but nl.json says {_word(entry)!r}"
                )
            explanation_en = (
                text_field(en_entry, "explanation", en_at, problems, what, required=False) or explanation_en
            )
        if word is UNREADABLE:
            continue
        raw = {"position": word, "quote": None, "source": None, "explanation": explanation}
        if explanation_en and explanation_en != explanation:
            raw["explanation_en"] = explanation_en
        position = build_position(raw, at, problems, party, statement)
        if position is not None:
            result.append((position, at))
    return result


def _english_positions(
    english: Record | None, party: str, known: set[str], problems: Problems
) -> dict[str, tuple[Mapping[str, Any], Where]]:
    """The party's en.json positions by statement id (each a mapping, for a known statement)."""
    if english is None or english[0].get("positions") is None:
        return {}
    data, where = english[0]["positions"], english[1] / "positions"
    if not isinstance(data, Mapping):
        problems.add(
            where,
            f"positions of {party!r} must be a mapping from statement id to "
            f"{{position, explanation}}, got {describe(data)}",
        )
        return {}
    result = {}
    for key, entry in data.items():
        at = where / str(key)
        if str(key) not in known:
            problems.add(at, f"unknown statement {str(key)!r}: not in nl.json")
        elif not isinstance(entry, Mapping):
            problems.add(
                at,
                f"position of {party!r} on {str(key)!r} must be a mapping with position "
                f"and explanation, got {describe(entry)}",
            )
        else:
            result[str(key)] = (entry, at)
    return result


def _word(entry: Mapping[str, Any]) -> Any:
    return entry.get("position")


def _position_word(entry: Mapping[str, Any], where: Where, what: str, problems: Problems) -> Any:
    """The scale option of a position word (None: no stance), or UNREADABLE after a problem."""
    if "position" not in entry:
        problems.add(where / "position", f"{what}: missing required key 'position'")
        return UNREADABLE
    word = entry["position"]
    if word is None:
        return None
    if not isinstance(word, str) or word.strip().lower() not in POSITION_WORDS:
        problems.add(
            where / "position", f"{what}: unknown position {word!r}; expected one of {sorted(POSITION_WORDS)} or null"
        )
        return UNREADABLE
    return POSITION_WORDS[word.strip().lower()]


@attrs.frozen
class FolderImport:
    """What `import_data_folder` did: the quizzes written (folder name, quiz) and every problem
    of the municipalities it could not import."""

    written: tuple[tuple[str, Quiz], ...]
    problems: tuple[str, ...]


def import_data_folder(source: Path, out: Path) -> FolderImport:
    """Import every municipality folder of a data folder into `out/<folder>/` as a native quiz.

    `out` must be new or empty. A municipality with problems is reported and skipped; the others
    are still written, so one broken file does not block 386 good ones (the caller exits non-zero).
    """
    from ..native import write_native

    folders = municipality_folders(source)
    if not folders:
        raise QuizError(f"{source}: no municipality folders (subfolders holding {DUTCH})")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise QuizError(f"{out}: already exists and is not empty; choose a new or empty directory")
    written: list[tuple[str, Quiz]] = []
    problems = [
        f"{entry}: a link to nothing (or to itself); expected a municipality folder"
        for entry in sorted(source.iterdir())
        if entry.is_symlink() and not entry.exists()
    ]
    for folder in folders:
        try:
            quiz = load_municipal(folder)
        except QuizError as error:
            problems += error.problems
            continue
        write_native(quiz, out / folder.name)
        written.append((folder.name, quiz))
    return FolderImport(tuple(written), tuple(problems))
