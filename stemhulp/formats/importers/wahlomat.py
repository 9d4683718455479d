"""Wahl-O-Mat data in the qual-o-mat-data layout: one directory of JSON files per election.

Files: `answer.json`, `party.json`, `statement.json`, `opinion.json`, `overview.json` (required),
`category.json` and `comment.json` (optional). Mapping:

- answers by meaning, from the message in answer.json ("Stimme zu" → agree, "Stimme nicht zu"
  → disagree, "Neutral" → neutral): the ids are not ordinal (0 = agree, 1 = disagree,
  2 = neutral) and are never guessed, so answer.json is required;
- the first category of a statement is its theme (all labels go to `categories` when there
  are several); no category, or no category.json, gives the theme "Allgemein";
- a comment becomes the position's `explanation`, without wrapping quote marks; empty comments
  and placeholders (`PLACEHOLDER`) give none.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...errors import QuizError
from ...quiz.model import Party, Position, Quiz, Statement
from ..build import Problems, assemble, build_party, build_position, build_statement
from ..where import Where
from .common import (
    UNREADABLE,
    by_id,
    describe,
    id_field,
    listed_ids,
    read_json_file,
    records,
    scalars,
    slug,
    text_field,
)

REQUIRED_FILES = ("answer.json", "party.json", "statement.json", "opinion.json", "overview.json")
OPTIONAL_FILES = ("category.json", "comment.json")
SCALE = ("disagree", "neutral", "agree")
DEFAULT_THEME = "Allgemein"
ANSWER_MEANINGS = {"stimme zu": "agree", "stimme nicht zu": "disagree", "neutral": "neutral"}

PLACEHOLDER = re.compile(
    r"""(?:
        # "keine Begründung (vorgelegt)", "Es liegt keine Begründung zur Position … vor"
        (?:(?:es\s+liegt|die\s+partei\s+hat|zu\s+dieser\s+these\s+hat\s+die\s+partei)\s+)?
        keine\s+begründung(?:\s+\w+){0,5}
        # "Die Begründung der Partei … wird nachgereicht, da …"
      | (?:die\s+)?begründung\b[^.!?]*?\bnachgereicht\b.*
        # bare "no data" markers
      | keine\s+angaben?|k\.\s*a\.?|n/a
        # nothing left: only quote marks, dashes, dots and spaces
      |
    )""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
r"""What a comment that only says there is no explanation is, once wrapping quotes and the
punctuation around it are gone (`is_placeholder`).

Only whole comments match: a real explanation that happens to contain "keine Begründung"
mid-sentence is kept, and so are pointers such as "… verweist auf ihr Regierungsprogramm".
The pattern is matched against the trimmed text as a whole (no leading or trailing `\W*` in it),
so it runs in linear time on any comment: 200,000 dashes and an `x` take milliseconds.
"""


def is_placeholder(text: str) -> bool:
    """True for a comment that is only a placeholder (see PLACEHOLDER)."""
    return PLACEHOLDER.fullmatch(_trim_non_word(text)) is not None


def _trim_non_word(text: str) -> str:
    r"""`text` without the characters around it that are not word characters (regex `\W`), in one pass."""
    start, end = 0, len(text)
    while start < end and not (text[start].isalnum() or text[start] == "_"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    return text[start:end]


QUOTE_PAIRS = {
    '"': '"',
    "'": "'",
    "„": "“”",
    "“": "”",
    "”": "”",
    "‚": "‘’",
    "‘": "’",
    "»": "«",
    "«": "»",
    "›": "‹",
    "‹": "›",
}


def load_wahlomat(path: Path) -> Quiz:
    """Read a qual-o-mat-data election directory into a quiz, reporting every problem at once."""
    if not path.is_dir():
        raise QuizError(f"{path}: a Wahl-O-Mat data set is a directory with {', '.join(REQUIRED_FILES)}")
    problems = Problems()
    files = _read_files(path, problems)
    problems.raise_if_any()
    answers = _answers(*files["answer.json"], problems)
    categories = _labels(files.get("category.json"), "label", problems, "category")
    comments = _comments(files.get("comment.json"), problems)
    header, header_where = _header(*files["overview.json"], problems)
    statements = _statements(*files["statement.json"], categories, problems)
    parties = _parties(*files["party.json"], header.get("title"), problems)
    positions = _positions(*files["opinion.json"], answers, comments, problems)
    broken = listed_ids(files["party.json"][0]) - {p.id for p, _ in parties} | listed_ids(
        files["statement.json"][0]
    ) - {s.id for s, _ in statements}
    positions = _in_native_order(positions, parties, statements, broken)
    return assemble(header, header_where, statements, [], parties, positions, problems)


def _read_files(path: Path, problems: Problems) -> dict[str, tuple[Any, Where]]:
    """Every file of the data set that exists (all required ones must), parsed, with its place."""
    files = {}
    for name in (*REQUIRED_FILES, *OPTIONAL_FILES):
        file = path / name
        if name in OPTIONAL_FILES and not os.path.lexists(file):  # a dangling link or a folder is reported
            continue
        data = read_json_file(file, problems)
        if data is not UNREADABLE:
            files[name] = (data, Where(str(file)))
    return files


def _answers(data: Any, where: Where, problems: Problems) -> dict[str, str | None]:
    """Answer id → scale option, by the meaning of each answer's message (None: not understood,
    reported here once rather than at every opinion)."""
    result: dict[str, str | None] = {}
    for answer_id, (record, at) in by_id(records(data, where, problems, "answer"), problems, "answer").items():
        message = text_field(record, "message", at, problems, f"answer {answer_id!r}")
        meaning = message and ANSWER_MEANINGS.get(" ".join(message.casefold().rstrip(".").split()))
        if message and meaning is None:
            problems.add(
                at / "message", f"unknown answer {message!r}; expected one of 'Stimme zu', 'Stimme nicht zu', 'Neutral'"
            )
        result[answer_id] = meaning
    return result


def _labels(file: tuple[Any, Where] | None, key: str, problems: Problems, what: str) -> dict[str, str] | None:
    """Id → label of an optional file (None when the file is absent)."""
    if file is None:
        return None
    result = {}
    for ident, (record, at) in by_id(records(*file, problems, what), problems, what).items():
        label = text_field(record, key, at, problems, f"{what} {ident!r}")
        if label is not None:
            result[ident] = label
    return result


def _comments(file: tuple[Any, Where] | None, problems: Problems) -> dict[str, str | None] | None:
    """Comment id → explanation (None for empty comments and placeholders)."""
    if file is None:
        return None
    result = {}
    for ident, (record, at) in by_id(records(*file, problems, "comment"), problems, "comment").items():
        if "text" not in record:
            problems.add(at / "text", f"comment {ident!r}: missing required key 'text'")
        elif record["text"] is not None and not isinstance(record["text"], str):
            problems.add(at / "text", f"comment {ident!r}: text must be text, got {describe(record['text'])}")
        else:
            result[ident] = clean_comment(record["text"])
    return result


def strip_quotes(text: str) -> str:
    """The text without the quote marks wrapping all of it ("…", „…“, ‚…‘, »…«, '…')."""
    start, end = 0, len(text)  # indices, not copies: linear in the number of quote marks
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start >= 2 and text[end - 1] in QUOTE_PAIRS.get(text[start], ""):
        start, end = start + 1, end - 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return text[start:end]


def clean_comment(text: str | None) -> str | None:
    """A party's comment as an explanation: unquoted, or None when empty or a placeholder."""
    if text is None:
        return None
    text = strip_quotes(text)
    return None if is_placeholder(text) else text


def _header(data: Any, where: Where, problems: Problems) -> tuple[dict[str, Any], Where]:
    """Quiz id, title and origin from overview.json ('Landtagswahl Bayern', 2003-09-21 →
    id 'wahlomat-landtagswahl-bayern-2003', title 'Landtagswahl Bayern 2003')."""
    header: dict[str, Any] = {"id": "wahlomat", "title": "Wahl-O-Mat", "scale": list(SCALE)}
    if not isinstance(data, Mapping):
        problems.add(where, f"overview must be a mapping, got {describe(data)}")
        return header, where
    title = text_field(data, "title", where, problems, "overview")
    date = text_field(data, "date", where, problems, "overview", required=False)
    year = None
    if date:
        try:
            year = str(datetime.date.fromisoformat(date[:10]).year)
        except ValueError:
            problems.add(where / "date", f"overview: date {date[:40]!r} is not a real date (YYYY-MM-DD)")
    if title and year and year not in title:
        title = f"{title} {year}"
    if title:
        header.update(id=f"wahlomat-{slug(title) or 'quiz'}", title=title)
    header["origin"] = {"layout": "wahlomat", **scalars(data)}
    return header, where


def _theme(raw: Any, where: Where, categories: dict[str, str] | None, problems: Problems) -> list[str]:
    """The category labels of a statement (an id, a list of ids, or null)."""
    ids = raw if isinstance(raw, list) else [] if raw is None else [raw]
    labels = []
    for index, value in enumerate(ids):
        at = where / index if isinstance(raw, list) else where
        ident = problems.id_value(value, at, "statement: category")
        if ident is None or categories is None:
            continue
        if ident not in categories:
            problems.add(
                at, f"unknown category {value!r}; category.json defines {', '.join(sorted(categories, key=_natural))}"
            )
        else:
            labels.append(categories[ident])
    return labels


def _statements(
    data: Any, where: Where, categories: dict[str, str] | None, problems: Problems
) -> list[tuple[Statement, Where]]:
    """The theses, in file order."""
    result = []
    for record, at in records(data, where, problems, "statement"):
        ident = id_field(record, "id", at, problems, "statement")
        text = text_field(record, "text", at, problems, f"statement {ident!r}")
        label = text_field(record, "label", at, problems, f"statement {ident!r}", required=False)
        labels = _theme(record.get("category"), at / "category", categories, problems)
        if ident is None or text is None:
            continue
        raw: dict[str, Any] = {"id": ident, "theme": labels[0] if labels else DEFAULT_THEME, "text": text}
        if label and label != text:
            raw["label"] = label
        if len(labels) > 1:
            raw["categories"] = labels
        statement = build_statement(raw, at, problems)
        if statement is not None:
            result.append((statement, at))
    return result


def _parties(data: Any, where: Where, election: str | None, problems: Problems) -> list[tuple[Party, Where]]:
    """The parties: short name as name, long name as full name."""
    result = []
    for record, at in records(data, where, problems, "party"):
        ident = id_field(record, "id", at, problems, "party")
        name = text_field(record, "name", at, problems, f"party {ident!r}")
        full_name = text_field(record, "longname", at, problems, f"party {ident!r}", required=False)
        if ident is None or name is None:
            continue
        party = build_party({"id": ident, "name": name, "full_name": full_name, "election": election}, at, problems)
        if party is not None:
            result.append((party, at))
    return result


def _positions(
    data: Any, where: Where, answers: dict[str, str | None], comments: dict[str, str | None] | None, problems: Problems
) -> list[tuple[Position, Where]]:
    """One position per opinion; unknown party or statement ids are caught by `assemble`."""
    result = []
    for record, at in by_id(records(data, where, problems, "opinion"), problems, "opinion").values():
        party = id_field(record, "party", at, problems, "opinion")
        statement = id_field(record, "statement", at, problems, "opinion")
        word = _answer(record, at, answers, problems)
        explanation = _explanation(record.get("comment"), at / "comment", comments, problems)
        if party is None or statement is None or word is None:
            continue
        raw = {"position": word, "quote": None, "source": None, "explanation": explanation}
        position = build_position(raw, at, problems, party, statement)
        if position is not None:
            result.append((position, at))
    return result


def _answer(record: Mapping[str, Any], where: Where, answers: dict[str, str | None], problems: Problems) -> str | None:
    """The scale option an opinion's answer id stands for."""
    answer = id_field(record, "answer", where, problems, "opinion")
    if answer is None:
        return None
    if answer not in answers:
        problems.add(
            where / "answer",
            f"unknown answer id {record['answer']!r}; answer.json defines {', '.join(sorted(answers, key=_natural))}",
        )
        return None
    return answers[answer]


def _explanation(raw: Any, where: Where, comments: dict[str, str | None] | None, problems: Problems) -> str | None:
    """The cleaned comment an opinion points at (None without comment.json or a comment id)."""
    if raw is None or comments is None:
        return None
    ident = problems.id_value(raw, where, "opinion: comment")
    if ident is not None and ident not in comments:
        problems.add(where, f"unknown comment id {raw!r}; not in comment.json")
        return None
    return comments.get(ident) if ident is not None else None


def _in_native_order(
    positions: list[tuple[Position, Where]],
    parties: list[tuple[Party, Where]],
    statements: list[tuple[Statement, Where]],
    broken: set[str],
) -> list[tuple[Position, Where]]:
    """Positions party by party, in statement order (as native files hold them), leaving out
    those whose party or statement is listed but invalid (that problem is reported already)."""
    order = {(p.id, s.id): (i, j) for i, (p, _) in enumerate(parties) for j, (s, _) in enumerate(statements)}
    usable = [item for item in positions if item[0].party not in broken and item[0].statement not in broken]
    return sorted(usable, key=lambda item: order.get((item[0].party, item[0].statement), (len(parties), 0)))


def _natural(ident: str) -> tuple[int, str]:
    """Sort numeric ids by number, others after them by text."""
    return (int(ident), "") if ident.isdigit() else (1 << 30, ident)
