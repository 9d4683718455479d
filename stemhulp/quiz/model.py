"""The domain: a quiz of statements, parties and their coded positions. Small frozen records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, overload

import attrs
from attrs import validators as v

from .scale import Scale

if TYPE_CHECKING:
    from .cells import Cells

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value)) if value else _EMPTY  # one shared empty mapping: positions are many


def _identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Non-empty text (one check, not two: a long quiz has hundreds of thousands of ids)."""
    if type(value) is not str and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be text, got {value!r}")
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def _text_or_none(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be text or None, got {value!r}")


FIRST_YEAR, LAST_YEAR = 1800, 2200  # an election year outside these is a typing error


def _year_or_none(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if type(value) is not int:
        raise TypeError(f"{attribute.name} must be a whole year or None, got {value!r}")
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValueError(f"{attribute.name} {value} is outside {FIRST_YEAR}-{LAST_YEAR}")


# Validators shared between attributes; each attribute has its own `attrs.field` call (a shared
# field object would make every constructor call an error for type checkers).
_ID = _identifier
_TEXT = v.instance_of(str)
_OPTIONAL_TEXT = _text_or_none


def _axis_loadings(instance: Any, attribute: attrs.Attribute[Any], value: Mapping[str, float]) -> None:
    for axis, loading in value.items():
        if not -1.0 <= loading <= 1.0:
            raise ValueError(f"axis loading {axis}={loading} is outside [-1, 1]")


@attrs.frozen
class Statement:
    """One proposition a voter agrees or disagrees with."""

    id: str = attrs.field(validator=_ID)
    theme: str = attrs.field(validator=_TEXT)
    text: str = attrs.field(validator=_TEXT)
    text_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    theme_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    explanation: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    explanation_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    pro: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    con: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    pro_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    con_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    axes: Mapping[str, float] = attrs.field(factory=dict, converter=_frozen_mapping, validator=_axis_loadings)
    extra: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, eq=False, repr=False)

    @overload
    def localized(self, field: Literal["text", "theme"], lang: str) -> str: ...

    @overload
    def localized(self, field: str, lang: str) -> str | None: ...

    def localized(self, field: str, lang: str) -> str | None:
        """`field` in `lang`, falling back to Dutch where the English is missing."""
        if lang == "en":
            english: str | None = getattr(self, f"{field}_en", None)
            if english:
                return english
        own: str | None = getattr(self, field)
        return own


@attrs.frozen
class Party:
    """A party, or a programme treated as one."""

    id: str = attrs.field(validator=_ID)
    name: str = attrs.field(validator=_ID)
    full_name: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    municipality: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    election: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    source: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    source_title: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    election_year: int | None = attrs.field(default=None, validator=_year_or_none)  # of the programme
    extra: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, eq=False, repr=False)

    def label(self) -> str:
        """The name as front ends show it: with the programme's election year when it is known."""
        return f"{self.name} ({self.election_year})" if self.election_year is not None else self.name


@attrs.frozen
class Position:
    """A party's coded stance on one statement, with its salience and evidence. `note` (and
    `note_en`) is for voters; `coding_note` is the coder's trail, which no front end shows."""

    party: str = attrs.field(validator=_ID)
    statement: str = attrs.field(validator=_ID)
    position: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    weight: float = attrs.field(default=1.0, converter=float, validator=v.ge(0.0))
    quote: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    source: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    note: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    explanation: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    note_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    coding_note: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    extra: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, eq=False, repr=False)

    def localized_note(self, lang: str) -> str | None:
        """The voter-facing note in `lang`, falling back to Dutch where the English is missing."""
        return (self.note_en or self.note) if lang == "en" else self.note


# Each field's own slot setter (a member descriptor's `__set__`): a frozen record's field set in C.
(
    _set_party,
    _set_statement,
    _set_position,
    _set_weight,
    _set_quote,
    _set_source,
    _set_note,
    _set_explanation,
    _set_note_en,
    _set_coding_note,
    _set_extra,
) = (Position.__dict__[field.name].__set__ for field in attrs.fields(Position))
_new = object.__new__


def checked_position(
    party: str,
    statement: str,
    position: str | None,
    weight: float,
    quote: str | None,
    source: str | None,
    note: str | None,
    explanation: str | None,
    note_en: str | None,
    coding_note: str | None,
) -> Position:
    """A `Position` whose fields the caller has already checked by the validators' own rules (ids
    non-empty text, texts text or None, weight a float ≥ 0), made without running them again:
    a long quiz loads hundreds of thousands. `build.plain_position` is its one caller."""
    made = _new(Position)
    _set_party(made, party)
    _set_statement(made, statement)
    _set_position(made, position)
    _set_weight(made, weight)
    _set_quote(made, quote)
    _set_source(made, source)
    _set_note(made, note)
    _set_explanation(made, explanation)
    _set_note_en(made, note_en)
    _set_coding_note(made, coding_note)
    _set_extra(made, _EMPTY)
    return made


@attrs.frozen
class Axis:
    """A dimension of the political-landscape map."""

    id: str = attrs.field(validator=_ID)
    name: str = attrs.field(validator=_TEXT)
    name_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    negative: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    positive: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    negative_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    positive_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)


def _optional_texts(items: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if items is None else tuple(items)


@attrs.frozen
class Acceptance:
    """A threshold crossing the quiz's authors accept (`check.accepted` in the quiz header):
    `stemhulp check` reports the crossing as accepted, with `reason`, as long as the measured value
    is no worse than `value` (at most it for a max-threshold, at least it for a min-threshold) and,
    when `items` is given, the crossing involves no statement, party or pattern outside it."""

    threshold: str = attrs.field(validator=_ID)
    value: float = attrs.field(converter=float)
    reason: str = attrs.field(validator=_ID)
    items: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_texts)  # None: any item


# Typed converters: `converter=tuple` would make mypy reject a list argument.
def _statements(items: Iterable[Statement]) -> tuple[Statement, ...]:
    return tuple(items)


def _parties(items: Iterable[Party]) -> tuple[Party, ...]:
    return tuple(items)


def _positions(items: Iterable[Position]) -> tuple[Position, ...]:
    return tuple(items)


def _axes(items: Iterable[Axis]) -> tuple[Axis, ...]:
    return tuple(items)


def _acceptances(items: Iterable[Acceptance]) -> tuple[Acceptance, ...]:
    return tuple(items)


@attrs.frozen
class Quiz:
    """A complete voting-advice quiz. Build it with `stemhulp.load`; it is immutable."""

    id: str = attrs.field(validator=_ID)
    title: str = attrs.field(validator=_TEXT)
    scale: Scale = attrs.field(validator=v.instance_of(Scale))
    statements: tuple[Statement, ...] = attrs.field(converter=_statements)
    parties: tuple[Party, ...] = attrs.field(converter=_parties)
    positions: tuple[Position, ...] = attrs.field(converter=_positions, repr=False)
    tiebreak_statements: tuple[Statement, ...] = attrs.field(default=(), converter=_statements)
    axes: tuple[Axis, ...] = attrs.field(default=(), converter=_axes)
    title_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    description: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    description_en: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    accepted: tuple[Acceptance, ...] = attrs.field(default=(), converter=_acceptances, repr=False)
    extra: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, eq=False, repr=False)

    @cached_property
    def statement_by_id(self) -> Mapping[str, Statement]:
        """Main and tie-break statements by id."""
        return {s.id: s for s in (*self.statements, *self.tiebreak_statements)}

    @cached_property
    def party_by_id(self) -> Mapping[str, Party]:
        return {p.id: p for p in self.parties}

    @cached_property
    def _position_index(self) -> Mapping[tuple[str, str], Position]:
        return {(p.party, p.statement): p for p in self.positions}

    @cached_property
    def fingerprint(self) -> str:
        """'sha256:' and the SHA-256 of the quiz as canonical stemhulp/1 JSON (see `provenance`)."""
        from .canonical import quiz_fingerprint

        return quiz_fingerprint(self)

    @cached_property
    def cells(self) -> Cells:
        """Every (statement, party) cell as arrays: stance codes, salience, positions."""
        from .cells import build_cells

        return build_cells(self)

    def position(self, party: str, statement: str) -> Position | None:
        """The coded position of `party` on `statement`, or None when nothing is coded."""
        return self._position_index.get((party, statement))

    def stance_code(self, party: str, statement: str) -> int:
        """The party's option index on the statement, or -1 for no stance."""
        position = self.position(party, statement)
        if position is None or position.position is None:
            return -1
        return self.scale.code(position.position)

    def localized_title(self, lang: str) -> str:
        return (self.title_en or self.title) if lang == "en" else self.title
