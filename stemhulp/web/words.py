"""The web pages' words: the one text table of `i18n` (kept as a module for its callers)."""

from __future__ import annotations

from ..texts.i18n import LANGUAGES as LANGS
from ..texts.i18n import MESSAGES

__all__ = ["LANGS", "words"]


def words(lang: str) -> dict[str, str]:
    """The words of `lang` (Dutch when unknown)."""
    return MESSAGES.get(lang, MESSAGES["nl"])
