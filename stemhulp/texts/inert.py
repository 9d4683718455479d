"""One rule for a quiz's text in every output it reaches: it is data from someone else, so it must
never control the reader's terminal or browser.

- terminal (and any pipe): control characters are shown as visible escapes (`ESC[2J` prints as
  `\\x1b[2J`); line breaks and tabs stay. `visible` is applied to every printed segment of text by
  `cli.console.InertConsole` and to plain lines by `cli.common.echo`;
- Markdown: `markdown` escapes HTML and the Markdown punctuation that makes links, images,
  emphasis or table cells, then applies `visible`;
- HTML: Jinja2's autoescaping and `html.escape` in `report.py`;
- JSON download: `application/json`, `nosniff` and an attachment disposition (web/pages.py).

`validate` and `check` warn about control characters and markup in a quiz's texts (`text_warnings`):
they warn rather than refuse, because real imported data holds some (the Utrecht guide has U+0092,
a Windows-1252 quote decoded as Latin-1), and every output above shows them inertly anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import attrgetter
from typing import Any

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides that can make
# text read differently from what it is (U+202A…U+202E, U+2066…U+2069).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|\]\(|javascript:", re.IGNORECASE)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#|~!<>&])")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written out as an escape (`\\x1b`), inert in a terminal."""
    return CONTROL.sub(_shown, text) if CONTROL.search(text) else text


def one_line(text: str) -> str:
    """`visible`, with line breaks and tabs escaped too: a log line that cannot forge another."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def markdown(text: str) -> str:
    """`text` as literal Markdown: HTML and Markdown punctuation escaped, controls visible, one line."""
    escaped = _MARKDOWN_SPECIAL.sub(lambda m: _ENTITIES.get(m.group(1), "\\" + m.group(1)), text)
    return " ".join(visible(escaped).split())


_STATEMENT_FIELDS = ("id", "theme", "text", "text_en", "theme_en", "explanation", "explanation_en", "pro", "con")
_PARTY_FIELDS = ("id", "name", "full_name", "municipality")
_POSITION_FIELDS = ("quote", "explanation", "note")


def _texts(quiz: Any) -> Iterator[tuple[str, str]]:
    """(place, text) for every text of a quiz a front end shows."""
    yield "title", quiz.title
    for statement in (*quiz.statements, *quiz.tiebreak_statements):
        for field in _STATEMENT_FIELDS:
            value = getattr(statement, field, None)
            if isinstance(value, str):
                yield f"statement {statement.id!r} {field}", value
    for party in quiz.parties:
        for field in _PARTY_FIELDS:
            value = getattr(party, field, None)
            if isinstance(value, str):
                yield f"party {party.id!r} {field}", value
    for position in quiz.positions:
        for field in _POSITION_FIELDS:
            value = getattr(position, field, None)
            if isinstance(value, str):
                yield f"party {position.party!r} on {position.statement!r} {field}", value


def _all_texts(quiz: Any) -> str:
    """The texts of `_texts` in one string, a line break between two: one search of it says whether
    any text may hold something (a long quiz has hundreds of thousands of texts)."""
    records = (
        ((*quiz.statements, *quiz.tiebreak_statements), _STATEMENT_FIELDS),
        (quiz.parties, _PARTY_FIELDS),
        (quiz.positions, _POSITION_FIELDS),
    )
    texts = [quiz.title]
    for items, fields in records:
        for field in fields:
            texts.extend(filter(None, map(attrgetter(field), items)))  # each text, or None
    return "\n".join(texts)


def text_warnings(quiz: Any, limit: int = 20) -> list[str]:
    """Warnings for control characters and markup in a quiz's texts (shown inertly everywhere)."""
    everything = _all_texts(quiz)
    if CONTROL.search(everything) is None and MARKUP.search(everything) is None:
        return []  # markup found only across two texts sends the texts through one by one
    warnings: list[str] = []
    for place, text in _texts(quiz):
        control = CONTROL.search(text)
        if control is not None:
            warnings.append(
                f"{place}: holds the control character {_shown(control)} (shown as that escape, "
                "never obeyed: it could otherwise move the cursor, hide text or retitle a terminal)"
            )
        markup = MARKUP.search(text)
        if markup is not None:
            warnings.append(
                f"{place}: holds markup {visible(markup.group())[:40]!r} (shown as plain text, never as HTML or a link)"
            )
        if len(warnings) >= limit:
            warnings.append("… more texts hold control characters or markup; only the first are listed")
            break
    return warnings
