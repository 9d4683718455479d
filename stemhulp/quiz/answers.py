"""A person's answers: statement id → option word (or skip), important statements, chosen parties,
deal-breakers.

Reading, checking and writing the answers file is `formats.answers`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

SKIP = "skip"


def _ids(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _optional_ids(items: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if items is None else tuple(items)


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@attrs.frozen
class AnswerSet:
    """A person's answers: statement id → option name (or 'skip'), important ids, chosen parties,
    and the deal-breakers (statements where a party on the other side is excluded)."""

    answers: Mapping[str, str] = attrs.field(converter=_frozen)
    important: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    parties: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_ids)
    extra: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen, eq=False)
    dealbreakers: tuple[str, ...] = attrs.field(default=(), converter=_ids)

    def to_dict(self) -> dict[str, Any]:
        """The answers-file document (extra keys such as `quiz` first; `dealbreakers` only when any)."""
        data: dict[str, Any] = dict(self.extra)
        data["answers"] = dict(self.answers)
        data["important"] = list(self.important)
        if self.dealbreakers:
            data["dealbreakers"] = list(self.dealbreakers)
        if self.parties is not None:
            data["parties"] = list(self.parties)
        return data
