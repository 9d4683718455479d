"""The domain: a quiz of statements, parties and their coded positions. Small frozen records."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any

import attrs
from attrs import validators as v

from .scale import Scale

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value)) if value else _EMPTY  # one shared empty mapping: positions are many


def _non_empty(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def _identifier(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    """Non-empty text (one check, not two: a long quiz has hundreds of thousands of ids)."""
    if type(value) is not str and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be text, got {value!r}")
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def _text_or_none(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be text or None, got {value!r}")


_id = attrs.field(validator=_identifier)
_text = attrs.field(validator=v.instance_of(str))
_optional_text = attrs.field(default=None, validator=_text_or_none)
_extra = attrs.field(factory=dict, converter=_frozen_mapping, eq=False, repr=False)


def _axis_loadings(instance: Any, attribute: attrs.Attribute, value: Mapping[str, float]) -> None:
    for axis, loading in value.items():
        if not -1.0 <= loading <= 1.0:
            raise ValueError(f"axis loading {axis}={loading} is outside [-1, 1]")


@attrs.frozen
class Statement:
    """One proposition a voter agrees or disagrees with."""

    id: str = _id
    theme: str = _text
    text: str = _text
    text_en: str | None = _optional_text
    theme_en: str | None = _optional_text
    explanation: str | None = _optional_text
    explanation_en: str | None = _optional_text
    pro: str | None = _optional_text
    con: str | None = _optional_text
    pro_en: str | None = _optional_text
    con_en: str | None = _optional_text
    axes: Mapping[str, float] = attrs.field(
        factory=dict, converter=_frozen_mapping, validator=_axis_loadings
    )
    extra: Mapping[str, Any] = _extra

    def localized(self, field: str, lang: str) -> str | None:
        """`field` in `lang`, falling back to Dutch where the English is missing."""
        if lang == "en":
            english = getattr(self, f"{field}_en", None)
            if english:
                return english
        return getattr(self, field)


@attrs.frozen
class Party:
    """A party, or a programme treated as one."""

    id: str = _id
    name: str = attrs.field(validator=[v.instance_of(str), _non_empty])
    full_name: str | None = _optional_text
    municipality: str | None = _optional_text
    election: str | None = _optional_text
    source: str | None = _optional_text
    source_title: str | None = _optional_text
    extra: Mapping[str, Any] = _extra


@attrs.frozen
class Position:
    """A party's coded stance on one statement, with its salience and evidence."""

    party: str = _id
    statement: str = _id
    position: str | None = _optional_text
    weight: float = attrs.field(default=1.0, converter=float, validator=v.ge(0.0))
    quote: str | None = _optional_text
    source: str | None = _optional_text
    note: str | None = _optional_text
    explanation: str | None = _optional_text
    extra: Mapping[str, Any] = _extra


@attrs.frozen
class Axis:
    """A dimension of the political-landscape map."""

    id: str = _id
    name: str = _text
    name_en: str | None = _optional_text
    negative: str | None = _optional_text
    positive: str | None = _optional_text
    negative_en: str | None = _optional_text
    positive_en: str | None = _optional_text


@attrs.frozen
class Quiz:
    """A complete voting-advice quiz. Build it with `stemhulp.load`; it is immutable."""

    id: str = _id
    title: str = _text
    scale: Scale = attrs.field(validator=v.instance_of(Scale))
    statements: tuple[Statement, ...] = attrs.field(converter=tuple)
    parties: tuple[Party, ...] = attrs.field(converter=tuple)
    positions: tuple[Position, ...] = attrs.field(converter=tuple, repr=False)
    tiebreak_statements: tuple[Statement, ...] = attrs.field(default=(), converter=tuple)
    axes: tuple[Axis, ...] = attrs.field(default=(), converter=tuple)
    title_en: str | None = _optional_text
    description: str | None = _optional_text
    description_en: str | None = _optional_text
    extra: Mapping[str, Any] = _extra

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
