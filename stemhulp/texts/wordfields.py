"""The check on a registry's text fields (codes, meanings, words in each language): never empty."""

from __future__ import annotations

from typing import Any


def words(instance: Any, attribute: Any, value: Any) -> None:
    """An attrs validator: `value` is non-empty text, so a registry entry cannot lack its words."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be non-empty text, got {value!r}")


def label_in(entry: Any, lang: str) -> str:
    """A registry entry's words for quiz takers in `lang` (`label_<lang>`; Dutch when it has none)."""
    label: str = getattr(entry, f"label_{lang}", None) or entry.label_nl
    return label
