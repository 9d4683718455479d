"""Quote checking: every quote must stand verbatim (fragments split on '…', in order) in its source."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import StemhulpError
from ..quiz.model import Quiz
from .safeyaml import read_text

_WHITESPACE = re.compile(r"\s+")  # str patterns match every Unicode space, NBSP included
_ELLIPSIS = re.compile(r"…|\.\.\.")


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace (line breaks, non-breaking spaces) becomes one space."""
    return _WHITESPACE.sub(" ", text)


def quote_fragments(quote: str) -> list[str]:
    """The pieces of a quote between ellipses, whitespace collapsed, empty pieces dropped."""
    pieces = (collapse_whitespace(piece).strip() for piece in _ELLIPSIS.split(quote))
    return [piece for piece in pieces if piece]


def missing_fragment(quote: str, document: str) -> str | None:
    """The first fragment of `quote` not found in `document` after the previous one, or None."""
    text = collapse_whitespace(document)
    start = 0
    for fragment in quote_fragments(quote):
        found = text.find(fragment, start)
        if found < 0:
            return fragment
        start = found + len(fragment)
    return None


def check_quotes(quiz: Quiz, sources: Path) -> list[str]:
    """Problems with the evidence of `quiz` against the documents in `sources`."""
    problems: list[str] = []
    documents: dict[str, str | None] = {}
    for position in quiz.positions:
        where = f"party {position.party!r}, statement {position.statement!r}"
        if position.quote is None:
            if position.position is not None:
                problems.append(f"{where}: has stance {position.position!r} but no quote")
            continue
        if position.source is None:
            problems.append(f"{where}: quote has no source document")
            continue
        if position.source not in documents:
            try:
                documents[position.source] = read_text(sources / position.source)
            except StemhulpError as error:
                problems.extend(error.problems)
                documents[position.source] = None
        document = documents[position.source]
        if document is None:
            continue
        if not quote_fragments(position.quote):
            problems.append(f"{where}: quote is empty")
            continue
        fragment = missing_fragment(position.quote, document)
        if fragment is not None:
            problems.append(f"{where}: quote fragment {fragment!r} not found in {sources / position.source}")
    return problems
