"""StemWijzer data (the raw JSON of one votematch): parties, statements, shootout statements.

Mapping:

- positions `agree`, `disagree`, `neither` → agree, disagree, neutral; a party's `explanation`
  → the position's `explanation`; its `statements` and `shootoutStatements` lists may hold any
  statement id in any order;
- parties with `participates: false` are left out (their lists are not checked);
- a `title` made of strings and glossary objects `{text, information}` is joined to plain text;
  the glossary goes to the statement's `explanation`, one "term: information" line each, after
  the `moreInfo` text;
- `moreInfo` (absent, a string, or `{text, pro, con}`) → `explanation`, `pro`, `con`;
- `shootoutStatements` → the quiz's tie-break statements;
- quiz id and title from `votematch` (`name`, `context`), else from the file name.
`accessibility` keys, logos, websites and indexes are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...errors import QuizError
from ...quiz.model import Party, Position, Quiz, Statement
from ..build import Problems, assemble, build_party, build_position, build_statement
from ..where import Where
from .common import (
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

SCALE = ("disagree", "neutral", "agree")
POSITION_WORDS = {"agree": "agree", "disagree": "disagree", "neither": "neutral"}
DEFAULT_THEME = "Algemeen"
POSITION_LISTS = ("statements", "shootoutStatements")


def load_stemwijzer(path: Path) -> Quiz:
    """Read a StemWijzer JSON file into a quiz, reporting every problem at once."""
    problems = Problems()
    data = read_json_file(path, problems)
    problems.raise_if_any()
    where = Where(str(path))
    if not isinstance(data, Mapping):
        raise QuizError(f"{where}: a StemWijzer file must be a JSON object, got {describe(data)}")
    for key in ("parties", "statements"):
        if key not in data:
            problems.add(where / key, f"missing required key {key!r}")
    statements = _statements(data.get("statements"), where / "statements", problems)
    tiebreaks = _statements(data.get("shootoutStatements"), where / "shootoutStatements", problems)
    listed = listed_ids(data.get("statements"), data.get("shootoutStatements"))
    parties, positions = _parties(data.get("parties"), where / "parties", listed, problems)
    built = {s.id: i for i, (s, _) in enumerate((*statements, *tiebreaks))}
    party_order = {p.id: i for i, (p, _) in enumerate(parties)}
    positions = [item for item in positions if item[0].statement in built]
    positions.sort(key=lambda item: (party_order[item[0].party], built[item[0].statement]))
    header = _header(data.get("votematch"), where / "votematch", path.stem, problems)
    return assemble(header, where, statements, tiebreaks, parties, positions, problems)


def _header(votematch: Any, where: Where, stem: str, problems: Problems) -> dict[str, Any]:
    """Quiz id and title: 'stemwijzer-landsmeer-2026gr', 'StemWijzer Landsmeer (2026GR)'."""
    header: dict[str, Any] = {
        "id": f"stemwijzer-{slug(stem) or 'quiz'}",
        "title": f"StemWijzer {stem}",
        "scale": list(SCALE),
    }
    if votematch is None:
        return header
    if not isinstance(votematch, Mapping):
        problems.add(where, f"votematch must be a mapping, got {describe(votematch)}")
        return header
    name = text_field(votematch, "name", where, problems, "votematch", required=False)
    context = text_field(votematch, "context", where, problems, "votematch", required=False)
    if name:
        words = [name, context] if context else [name]
        header["id"] = f"stemwijzer-{slug(' '.join(words)) or 'quiz'}"
        header["title"] = f"StemWijzer {name}" + (f" ({context})" if context else "")
    header["origin"] = {"layout": "stemwijzer", **scalars(votematch)}
    return header


def _statements(data: Any, where: Where, problems: Problems) -> list[tuple[Statement, Where]]:
    """Statements (main or shootout), in file order."""
    if data is None:
        return []
    result = []
    for record, at in records(data, where, problems, "statement"):
        ident = id_field(record, "id", at, problems, "statement")
        what = f"statement {ident!r}"
        theme = text_field(record, "theme", at, problems, what, required=False)
        text, glossary = _title(record, at, problems, what)
        info = _more_info(record.get("moreInfo"), at / "moreInfo", problems, what)
        if glossary:
            lines = "\n".join(f"{term}: {information}" for term, information in glossary)
            info["explanation"] = "\n\n".join(filter(None, [info.get("explanation"), lines]))
        if ident is None or text is None:
            continue
        raw = {"id": ident, "theme": theme or DEFAULT_THEME, "text": text, **info}
        statement = build_statement(raw, at, problems)
        if statement is not None:
            result.append((statement, at))
    return result


def _title(
    record: Mapping[str, Any], where: Where, problems: Problems, what: str
) -> tuple[str | None, list[tuple[str, str]]]:
    """A title (text, or a list of text and glossary objects) as plain text, and its glossary."""
    if "title" not in record:
        problems.add(where / "title", f"{what}: missing required key 'title'")
        return None, []
    title = record["title"]
    parts = title if isinstance(title, list) else [title]
    texts, glossary = [], []
    for index, part in enumerate(parts):
        at = where / "title" / index if isinstance(title, list) else where / "title"
        if isinstance(part, str):
            texts.append(part)
        elif isinstance(part, Mapping):
            term = text_field(part, "text", at, problems, f"{what}: glossary entry")
            information = text_field(part, "information", at, problems, f"{what}: glossary entry", required=False)
            raw = part.get("text")
            texts.append(raw if isinstance(raw, str) else "")
            if term and information:
                glossary.append((term, information))
        else:
            problems.add(
                at, f"{what}: a title must be text or a list of text and glossary objects, got {describe(part)}"
            )
    text = one_line("".join(texts))
    if not text:
        problems.add(where / "title", f"{what}: title must not be empty")
        return None, glossary
    return text, glossary


def _more_info(raw: Any, where: Where, problems: Problems, what: str) -> dict[str, str]:
    """`moreInfo` (absent, text, or {text, pro, con}) as explanation, pro and con."""
    if raw is None:
        return {}
    if isinstance(raw, str):
        return {"explanation": raw.strip()} if raw.strip() else {}
    if not isinstance(raw, Mapping):
        problems.add(where, f"{what}: moreInfo must be text or a mapping with text, pro and con, got {describe(raw)}")
        return {}
    fields = {"explanation": "text", "pro": "pro", "con": "con"}
    info = {
        field: text_field(raw, key, where, problems, f"{what}: moreInfo", required=False)
        for field, key in fields.items()
    }
    return {field: value for field, value in info.items() if value}


def _parties(
    data: Any, where: Where, known: set[str], problems: Problems
) -> tuple[list[tuple[Party, Where]], list[tuple[Position, Where]]]:
    """The participating parties and their positions from both of their lists."""
    parties, positions = [], []
    for record, at in records(data if data is not None else [], where, problems, "party"):
        ident = id_field(record, "id", at, problems, "party")
        what = f"party {ident!r}"
        participates = record.get("participates", True)
        if not isinstance(participates, bool):
            problems.add(
                at / "participates", f"{what}: participates must be true or false, got {describe(participates)}"
            )
        if participates is False:
            continue
        name = text_field(record, "name", at, problems, what)
        full_name = text_field(record, "fullName", at, problems, what, required=False)
        if ident is None or name is None:
            continue
        party = build_party({"id": ident, "name": name, "full_name": full_name}, at, problems)
        if party is not None:
            parties.append((party, at))
            positions += _positions(record, at, ident, known, problems)
    return parties, positions


def _positions(
    record: Mapping[str, Any], where: Where, party: str, known: set[str], problems: Problems
) -> list[tuple[Position, Where]]:
    """A party's positions from its `statements` and `shootoutStatements` lists."""
    result = []
    for key in POSITION_LISTS:
        raw_list = record.get(key)
        if raw_list is None:
            continue
        for entry, at in records(raw_list, where / key, problems, "position"):
            statement = id_field(entry, "id", at, problems, f"position of {party!r}")
            word = _position_word(entry, at, party, problems)
            explanation = text_field(entry, "explanation", at, problems, f"position of {party!r}", required=False)
            if statement is not None and statement not in known:
                problems.add(at / "id", f"unknown statement {entry['id']!r}: not in statements or shootoutStatements")
                continue
            if statement is None or word is None:
                continue
            raw = {"position": word, "quote": None, "source": None, "explanation": explanation}
            position = build_position(raw, at, problems, party, statement)
            if position is not None:
                result.append((position, at))
    return result


def _position_word(entry: Mapping[str, Any], where: Where, party: str, problems: Problems) -> str | None:
    """The scale option for a StemWijzer position word."""
    if "position" not in entry:
        problems.add(where / "position", f"position of {party!r}: missing required key 'position'")
        return None
    word = entry["position"]
    if not isinstance(word, str) or word.strip().lower() not in POSITION_WORDS:
        problems.add(
            where / "position",
            f"position of {party!r}: unknown position {word!r}; expected one of {sorted(POSITION_WORDS)}",
        )
        return None
    return POSITION_WORDS[word.strip().lower()]
