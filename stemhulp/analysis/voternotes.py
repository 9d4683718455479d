"""The rule `stemhulp check` applies to every note a voter sees (`note`, `note_en`): plain sentences
about the programme, with no trace of the coding — no statement id, section sign, bare code word or
coder's term. The coding trail belongs in `coding_note`, which no front end shows."""

from __future__ import annotations

import re
from typing import Any

import attrs

from ..quiz.model import Quiz

VOTER_NOTE_FIELDS = ("note", "note_en")
# Words of the coder's trade, Dutch and English, as they appear in coding notes.
CODER_TERMS = (
    r"weight",
    r"gewicht",
    r"coders?",
    r"codeurs?",
    r"codering",
    r"coding",
    r"gecodeerd",
    r"coded",
    r"reconcil\w*",
    r"reconciliatie",
    r"blinde?",
    r"impliciet",
    r"implicit",
    r"case\s*\([a-z]\)",
    r"geval\s*\([a-z]\)",
    r"\([a-c]\)",
    r"v\d+(?:\.\d+)+",
)
GENERIC_ID = r"[st]\d{1,3}"  # the bundled quiz's ids, retired ones included
SECTION_SIGN = "§"
NO_STANCE_WORDS = ("null", "none")


@attrs.frozen
class NoteProblem:
    """A voter-facing note that carries the coding trail: where it is and what gives it away."""

    party: str
    statement: str
    field: str
    found: tuple[str, ...]
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {**attrs.asdict(self), "found": list(self.found)}


def _pattern(quiz: Quiz) -> re.Pattern[str]:
    ids = sorted(
        (
            re.escape(s.id)
            for s in (*quiz.statements, *quiz.tiebreak_statements)
            if re.search(r"[^\W\d]", s.id) and re.search(r"\d", s.id)  # a bare number is ordinary text
        ),
        key=len,
        reverse=True,
    )
    words = sorted({re.escape(w) for w in (*quiz.scale.options, *NO_STANCE_WORDS)}, key=len, reverse=True)
    alternatives = [*ids, GENERIC_ID, *words, *CODER_TERMS]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)|" + SECTION_SIGN, re.IGNORECASE)


def note_problems(quiz: Quiz) -> tuple[NoteProblem, ...]:
    """Every voter-facing note of `quiz` that holds a statement id, a section sign, a bare code word
    (a scale option, null) or a coder's term, in the order of the positions."""
    pattern = _pattern(quiz)
    problems = []
    for position in quiz.positions:
        for field in VOTER_NOTE_FIELDS:
            note = getattr(position, field)
            if not note:
                continue
            found = tuple(dict.fromkeys(m.group(0) for m in pattern.finditer(note)))
            if found:
                problems.append(NoteProblem(position.party, position.statement, field, found, note))
    return tuple(problems)
