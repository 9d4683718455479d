"""Turn parsed data (YAML or JSON) into domain objects, collecting every problem with its place."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import QuizError
from ..limits import MAX_CELLS, MAX_OPTIONS, MAX_PARTIES, MAX_STATEMENTS, MAX_WEIGHT
from ..quiz.canonical import (
    AXIS_FIELDS,
    PARTY_FIELDS,
    PARTY_TEXT_FIELDS,
    POSITION_FIELDS,
    POSITION_TEXT_FIELDS,
    QUIZ_FIELDS,
    STATEMENT_TEXT_FIELDS,
)
from ..quiz.model import FIRST_YEAR, LAST_YEAR, Acceptance, Axis, Party, Position, Quiz, Statement, checked_position
from ..quiz.scale import Scale
from .where import Where

CHECK_KEYS = ("accepted",)
ACCEPTED_KEYS = ("threshold", "value", "reason", "items")


class Problems:
    """Collects located problems; `raise_if_any` turns them into one `QuizError`."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: Where | str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def extend(self, messages: Iterable[str]) -> None:
        self.items.extend(messages)

    def raise_if_any(self) -> None:
        if self.items:
            raise QuizError(self.items)

    # Field readers: each returns a clean value or None after recording the problem.

    def mapping(self, data: Any, where: Where, what: str) -> Mapping[str, Any] | None:
        if isinstance(data, Mapping):
            return data
        self.add(where, f"{what} must be a mapping, got {describe(data)}")
        return None

    def sequence(self, data: Any, where: Where, what: str) -> list[Any]:
        if data is None:
            return []
        if isinstance(data, list):
            return data
        self.add(where, f"{what} must be a list, got {describe(data)}")
        return []

    def identifier(self, data: Mapping[str, Any], key: str, where: Where, what: str) -> str | None:
        if key not in data:
            self.add(where, f"{what}: missing required key {key!r}")
            return None
        return self.id_value(data[key], where / key, f"{what} {key}")

    def id_value(self, value: Any, where: Where, what: str) -> str | None:
        raw = where.raw_text()  # YAML: `id: 007` or `no` mean the text as written
        if raw is not None:
            value = raw
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
            self.add(where, f"{what} must be text or a number, got {describe(value)}")
            return None
        text = str(value).strip()
        if not text:
            self.add(where, f"{what} must not be empty")
            return None
        return text

    def text(self, data: Mapping[str, Any], key: str, where: Where, what: str) -> str | None:
        if key not in data:
            self.add(where, f"{what}: missing required key {key!r}")
            return None
        return self.optional_text(data, key, where, what, required=True)

    def optional_text(
        self, data: Mapping[str, Any], key: str, where: Where, what: str, *, required: bool = False
    ) -> str | None:
        value = data.get(key)
        if value is None and not required:
            return None
        if isinstance(value, str) and (value.strip() or not required):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return where.__truediv__(key).raw_text() or str(value)
        self.add(where / key, f"{what} {key} must be non-empty text, got {describe(value)}")
        return None

    def year(self, data: Mapping[str, Any], key: str, where: Where, what: str) -> int | None:
        """An optional whole year (an election year) in the model's range."""
        value = data.get(key)
        if value is None:
            return None
        if type(value) is not int or not FIRST_YEAR <= value <= LAST_YEAR:
            span = f"{FIRST_YEAR} to {LAST_YEAR}"
            self.add(where / key, f"{what} {key} must be a year from {span}, got {describe(value)}")
            return None
        return value

    def weight(self, value: Any, where: Where, what: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(where, f"{what} must be a number, got {describe(value)}")
            return None
        if not math.isfinite(value) or value < 0:
            self.add(where, f"{what} must be a non-negative number, got {value!r}")
            return None
        if value > MAX_WEIGHT:
            self.add(where, f"{what} must be at most {MAX_WEIGHT:g}, got {value!r}")
            return None
        return float(value)


def describe(value: Any) -> str:
    """A value as a message shows it: lists and mappings by kind, scalars by repr."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{value!r}"


def _extra(data: Mapping[str, Any], known: Iterable[str]) -> dict[str, Any]:
    known = set(known)
    return {key: value for key, value in data.items() if key not in known}


def build_scale(data: Any, where: Where, problems: Problems) -> Scale | None:
    """A scale from a list of option names."""
    if not isinstance(data, list):
        problems.add(where, f"scale must be a list of option names, got {describe(data)}")
        return None
    options = []
    for index, option in enumerate(data):
        option = problems.id_value(option, where / index, "scale option")
        if option is not None:
            options.append(option)
    if len(options) < 2:
        problems.add(where, f"scale needs at least two options, got {data!r}")
        return None
    if len(options) > MAX_OPTIONS:
        problems.add(where, f"scale has {len(options)} options; at most {MAX_OPTIONS} are supported")
        return None
    try:
        return Scale(tuple(options))
    except ValueError as error:
        problems.add(where, str(error))
        return None


def build_statement(data: Any, where: Where, problems: Problems) -> Statement | None:
    """A statement from its mapping; axes are `{axis_id: loading in [-1, 1]}`."""
    data = problems.mapping(data, where, "a statement")
    if data is None:
        return None
    statement_id = problems.identifier(data, "id", where, "statement")
    what = f"statement {statement_id!r}" if statement_id else "statement"
    theme = problems.text(data, "theme", where, what)
    text = problems.text(data, "text", where, what)
    fields = {key: problems.optional_text(data, key, where, what) for key in STATEMENT_TEXT_FIELDS if key in data}
    axes: dict[str, float] = {}
    raw_axes = data.get("axes") or {}
    axes_at = where / "axes"
    if problems.mapping(raw_axes, axes_at, f"{what} axes") is not None:
        for axis, loading in raw_axes.items():
            number = problems.weight(
                abs(loading) if _is_number(loading) else loading, axes_at / axis, f"{what} axis {axis!r} loading"
            )
            if number is not None and number > 1:
                problems.add(axes_at / axis, f"{what} axis {axis!r} loading must be in [-1, 1], got {loading!r}")
            elif number is not None:
                axes[str(axis)] = float(loading)
    if statement_id is None or theme is None or text is None:
        return None
    known = ("id", "theme", "text", "axes", *STATEMENT_TEXT_FIELDS)
    return Statement(statement_id, theme, text, axes=axes, extra=_extra(data, known), **fields)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def build_party(data: Any, where: Where, problems: Problems, *, known: Iterable[str] = ()) -> Party | None:
    """A party from its mapping (`id`, `name` required)."""
    data = problems.mapping(data, where, "a party")
    if data is None:
        return None
    party_id = problems.identifier(data, "id", where, "party")
    what = f"party {party_id!r}" if party_id else "party"
    name = problems.text(data, "name", where, what)
    fields = {key: problems.optional_text(data, key, where, what) for key in PARTY_TEXT_FIELDS}
    year = problems.year(data, "election_year", where, what)
    if party_id is None or name is None or (year is None and data.get("election_year") is not None):
        return None
    extra = _extra(data, ("id", "name", *PARTY_FIELDS, *known))
    return Party(party_id, name, election_year=year, extra=extra, **fields)


# Where a position is: a place, or (built only when a message needs it) an index under
# `assemble`'s `positions_at`, or (a party file's place, statement id) for `positions.<id>`.
Place = Where | int | tuple[Where, str]


def build_position(
    data: Any,
    where: Where,
    problems: Problems,
    party: str,
    statement: str,
    *,
    required: Iterable[str] = ("position",),
) -> Position | None:
    """A coded position; its word is checked against the scale later, in `assemble`."""
    data = problems.mapping(data, where, f"position of {party!r} on {statement!r}")
    if data is None:
        return None
    what = f"position of {party!r} on {statement!r}"
    ok = True
    for key in required:
        if key not in data:
            problems.add(where, f"{what}: missing required key {key!r}")
            ok = False
    word = data.get("position")
    if word is not None:
        word = problems.id_value(word, where / "position", f"{what}: position")
        ok = ok and word is not None
    weight = problems.weight(data.get("weight", 1), where / "weight", f"{what}: weight")
    texts = {key: problems.optional_text(data, key, where, what) for key in POSITION_TEXT_FIELDS}
    if not ok or weight is None:
        return None
    extra = _extra(data, ("party", "statement", *POSITION_FIELDS))
    return Position(party, statement, word, weight, extra=extra, **texts)


_PLAIN_POSITION_KEYS = frozenset(("party", "statement", *POSITION_FIELDS))
_PARTY_FILE_POSITION_KEYS = frozenset(POSITION_FIELDS)


def plain_position(data: Any, required: frozenset[str]) -> Position | None:
    """The position of a clean mapping (every key known and present, ids and words already trimmed
    text, weight a number in range) without building any location; None sends the mapping through
    `build_position`, which reports every problem. Long quizzes have hundreds of thousands."""
    if type(data) is not dict or not data.keys() <= _PLAIN_POSITION_KEYS or not data.keys() >= required:
        return None
    return _clean_position(data.get("party"), data.get("statement"), data, data.get("source"))


def plain_party_position(data: Any, party: Party, statement: Any) -> Position | None:
    """`plain_position` for an entry `statement: {position: …}` of a party file's `positions`
    (no party or statement key; the party's source unless it names its own)."""
    if type(data) is not dict or not data.keys() <= _PARTY_FILE_POSITION_KEYS or "position" not in data:
        return None
    return _clean_position(party.id, statement, data, data.get("source", party.source))


def _clean_position(party: Any, statement: Any, data: dict[str, Any], source: Any) -> Position | None:
    """The checks of `Position`'s validators (and the loaders' own: trimmed ids and words, weight
    at most MAX_WEIGHT) in one expression, and the position made without running them again."""
    get = data.get
    word, weight, quote, note = get("position"), get("weight", 1), get("quote"), get("note")
    explanation, note_en, coding_note = get("explanation"), get("note_en"), get("coding_note")
    if (
        type(party) is not str
        or type(statement) is not str
        or not party
        or not statement
        or party.strip() != party
        or statement.strip() != statement
        or (word is not None and (type(word) is not str or not word or word.strip() != word))
        or type(weight) not in (int, float)
        or not 0 <= weight <= MAX_WEIGHT
        or (quote is not None and type(quote) is not str)
        or (source is not None and type(source) is not str)
        or (note is not None and type(note) is not str)
        or (explanation is not None and type(explanation) is not str)
        or (note_en is not None and type(note_en) is not str)
        or (coding_note is not None and type(coding_note) is not str)
    ):
        return None
    return checked_position(
        party, statement, word, float(weight), quote, source, note, explanation, note_en, coding_note
    )


def build_axis(data: Any, where: Where, problems: Problems) -> Axis | None:
    data = problems.mapping(data, where, "an axis")
    if data is None:
        return None
    axis_id = problems.identifier(data, "id", where, "axis")
    name = problems.text(data, "name", where, f"axis {axis_id!r}")
    fields = {key: problems.optional_text(data, key, where, "axis") for key in AXIS_FIELDS}
    if axis_id is None or name is None:
        return None
    return Axis(axis_id, name, **fields)


def build_check(data: Any, where: Where, problems: Problems) -> list[Acceptance]:
    """The quiz header's `check` settings for `stemhulp check`: `accepted`, the threshold crossings
    the authors accept, each `{threshold, value, reason}` (a known threshold, at most once; the
    worst value accepted, a number in the threshold's range; a non-empty reason)."""
    from ..quiz.thresholds import THRESHOLD_BY_NAME

    if data is None:
        return []
    if problems.mapping(data, where, "check") is None:
        return []
    for key in data:
        if key not in CHECK_KEYS:
            problems.add(where / key, f"check: unknown key {key!r}; expected {_listing(CHECK_KEYS)}")
    result: list[Acceptance] = []
    seen: dict[str, Where] = {}
    for index, raw in enumerate(problems.sequence(data.get("accepted"), where / "accepted", "check.accepted")):
        at = where / "accepted" / index
        what = f"check.accepted[{index}]"
        if problems.mapping(raw, at, what) is None:
            continue
        for key in raw:
            if key not in ACCEPTED_KEYS:
                problems.add(at / key, f"{what}: unknown key {key!r}; expected {_listing(ACCEPTED_KEYS)}")
        name = problems.identifier(raw, "threshold", at, what)
        threshold = None
        if name is not None:
            threshold = THRESHOLD_BY_NAME.get(name)
            if threshold is None:
                problems.add(
                    at / "threshold", f"{what}: unknown threshold {name!r}; choose one of {list(THRESHOLD_BY_NAME)}"
                )
            elif name in seen:
                problems.add(at / "threshold", f"{what}: threshold {name!r} is listed twice (first at {seen[name]})")
                threshold = None
            else:
                seen[name] = at
        value = None
        if "value" not in raw:
            problems.add(at, f"{what}: missing required key 'value'")
        else:
            value = _accepted_value(raw["value"], at / "value", what, threshold, problems)
        reason = problems.text(raw, "reason", at, what)
        items, items_ok = _accepted_items(raw.get("items"), at / "items", what, problems)
        if threshold is not None and value is not None and reason is not None and items_ok:
            result.append(Acceptance(threshold.name, value, reason, items))
    return result


def _accepted_value(raw: Any, where: Where, what: str, threshold: Any, problems: Problems) -> float | None:
    """The accepted value: a finite number, non-negative, and at most 1 for a share."""
    if not _is_number(raw):
        problems.add(where, f"{what} value must be a number, got {describe(raw)}")
        return None
    try:
        number = float(raw)
    except OverflowError:
        number = math.inf
    share = threshold is not None and threshold.share
    if not math.isfinite(number) or number < 0 or (share and number > 1):
        kind = "a share between 0 and 1" if share else "a finite, non-negative number"
        problems.add(where, f"{what} value must be {kind}, got {raw!r:.40}")
        return None
    return number


def _accepted_items(raw: Any, where: Where, what: str, problems: Problems) -> tuple[list[str] | None, bool]:
    """The optional `items` of an accepted crossing: the statement ids, party ids or answer patterns
    it may involve (None: any), each non-empty text, at most once. Also whether it is usable."""
    if raw is None:
        return None, True
    if not isinstance(raw, list):
        problems.add(where, f"{what} items must be a list of ids, got {describe(raw)}")
        return None, False
    items: list[str] = []
    ok = True
    for index, item in enumerate(raw):
        if not isinstance(item, str) or not item.strip():
            problems.add(where / index, f"{what} items[{index}] must be an id (text), got {item!r:.40}")
            ok = False
        elif item in items:
            problems.add(where / index, f"{what} items: {item!r} is listed twice")
            ok = False
        else:
            items.append(item)
    return items, ok


def _listing(keys: Iterable[str]) -> str:
    names = [repr(key) for key in keys]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def assemble(
    header: Mapping[str, Any],
    header_where: Where,
    statements: list[tuple[Statement, Where]],
    tiebreaks: list[tuple[Statement, Where]],
    parties: list[tuple[Party, Where]],
    positions: Sequence[tuple[Position, Place]],
    problems: Problems,
    *,
    header_known: Iterable[str] = (),
    positions_at: Where | None = None,
) -> Quiz:
    """Cross-check the pieces (ids, references, scale words, coverage) and build the `Quiz`.

    A position's place may be given lazily (`Place`: built only when a message needs it: a long
    quiz has hundreds of thousands of positions)."""
    quiz_id = problems.identifier(header, "id", header_where, "quiz")
    title = problems.text(header, "title", header_where, "quiz")
    scale = None
    if "scale" not in header:
        problems.add(header_where, "quiz: missing required key 'scale'")
    else:
        scale = build_scale(header["scale"], header_where / "scale", problems)
    fields = {key: problems.optional_text(header, key, header_where, "quiz") for key in QUIZ_FIELDS}
    axes = []
    for index, raw_axis in enumerate(problems.sequence(header.get("axes"), header_where / "axes", "axes")):
        axis = build_axis(raw_axis, header_where / "axes" / index, problems)
        if axis is not None:
            axes.append(axis)
    accepted = build_check(header.get("check"), header_where / "check", problems)
    count = len(statements) + len(tiebreaks)
    if count > MAX_STATEMENTS or len(parties) > MAX_PARTIES or count * len(parties) > MAX_CELLS:
        raise QuizError(
            f"{header_where}: {count:,} statements and {len(parties):,} parties; at most "
            f"{MAX_STATEMENTS:,} statements, {MAX_PARTIES:,} parties and {MAX_CELLS:,} statements × "
            "parties are supported"
        )

    seen_statements = _check_statements(statements, tiebreaks, axes, header_where, problems)
    seen_parties = _check_parties(parties, header_where, problems)
    _check_positions(positions, positions_at, seen_statements, seen_parties, scale, problems)

    problems.raise_if_any()  # from here on, scale, quiz_id and title are set
    extra = _extra(header, ("format", "id", "title", "scale", "axes", "check", *QUIZ_FIELDS, *header_known))
    assert quiz_id is not None and title is not None and scale is not None  # raise_if_any saw to that
    return Quiz(
        quiz_id,
        title,
        scale,
        statements=[s for s, _ in statements],
        parties=[p for p, _ in parties],
        positions=[p for p, _ in positions],
        tiebreak_statements=[s for s, _ in tiebreaks],
        axes=axes,
        accepted=accepted,
        extra=extra,
        **fields,
    )


def _check_statements(
    statements: list[tuple[Statement, Where]],
    tiebreaks: list[tuple[Statement, Where]],
    axes: list[Axis],
    header_where: Where,
    problems: Problems,
) -> dict[str, Where]:
    """Statement ids are unique and name only the quiz's axes; returns where each id is."""
    axis_ids = {axis.id for axis in axes}
    seen_statements: dict[str, Where] = {}
    for statement, where in (*statements, *tiebreaks):
        if statement.id in seen_statements:
            problems.add(where, f"duplicate statement id {statement.id!r} (first at {seen_statements[statement.id]})")
        else:
            seen_statements[statement.id] = where
        for axis_id in statement.axes:
            if axes and axis_id not in axis_ids:
                problems.add(
                    where / "axes" / axis_id,
                    f"statement {statement.id!r}: unknown axis {axis_id!r}; the quiz defines {sorted(axis_ids)}",
                )
    if not statements:
        problems.add(header_where, "quiz has no statements")
    return seen_statements


def _check_parties(parties: list[tuple[Party, Where]], header_where: Where, problems: Problems) -> dict[str, Where]:
    """Party ids are unique and there is at least one party; returns where each id is."""
    seen_parties: dict[str, Where] = {}
    for party, where in parties:
        if party.id in seen_parties:
            problems.add(where, f"duplicate party id {party.id!r} (first at {seen_parties[party.id]})")
        else:
            seen_parties[party.id] = where
    if not parties:
        problems.add(header_where, "quiz has no parties")
    return seen_parties


def _check_positions(
    positions: Sequence[tuple[Position, Place]],
    positions_at: Where | None,
    seen_statements: Mapping[str, Where],
    seen_parties: Mapping[str, Where],
    scale: Scale | None,
    problems: Problems,
) -> None:
    """Positions name known parties and statements, once each, with a word on the scale; and
    every party takes at least one stance."""

    def place(at: Place) -> Where:
        if isinstance(at, Where):
            return at
        if isinstance(at, tuple):
            return at[0] / "positions" / at[1]
        assert positions_at is not None, "an index needs positions_at"
        return positions_at / at

    seen_positions: dict[str, dict[str, Place]] = {}  # party id → statement id → place
    stances: dict[str, int] = dict.fromkeys(seen_parties, 0)
    options = () if scale is None else scale.options
    words = frozenset(options)
    for position, at in positions:
        party, statement, word = position.party, position.statement, position.position
        seen = seen_positions.get(party)
        if seen is None:
            seen = seen_positions[party] = {}
        if party in stances and statement in seen_statements and statement not in seen and word in words:
            seen[statement] = at  # the usual case: a known pair, first seen, a word on the scale
            stances[party] += 1
            continue
        party_known, statement_known = party in stances, statement in seen_statements
        earlier = seen.get(statement)
        off_scale = word is not None and scale is not None and word not in words
        if not party_known or not statement_known or earlier is not None or off_scale:
            where = place(at)  # places are built only for messages
            if not party_known:
                problems.add(where, f"unknown party {party!r}")
            if not statement_known:
                problems.add(where, f"unknown statement {statement!r}")
            if earlier is not None:
                problems.add(where, f"duplicate position of {party!r} on {statement!r} (first at {place(earlier)})")
            if off_scale:
                problems.add(
                    where / "position",
                    f"position {word!r} of {party!r} on {statement!r} is not on the scale {list(options)}",
                )
        seen[statement] = at
        if word is not None and not off_scale and party_known:
            stances[party] += 1
    for party_id, count in stances.items():
        if count == 0:
            problems.add(seen_parties[party_id], f"party {party_id!r} has no positions (no stance on any statement)")
