"""The single-key shortcuts on a statement, in one place for both front ends: the web quiz's page
(web/pages.py) and the published page (publish/data.py exports them; page.js only reads them)."""

from __future__ import annotations

from typing import Any

from ..quiz.scale import Scale
from ..texts.i18n import text

ANSWER_LETTERS = {"nl": ("e", "n", "o"), "en": ("a", "n", "d")}  # agree, neither, disagree: 3-point scales only
SKIP_KEY, BACK_KEY = "s", "b"


def shortcut_keys(scale: Scale, lang: str) -> list[tuple[str, str]]:
    """(key, label) for every shortcut in `lang`: the answers from the highest option down (3-point
    scales only: other scales have no agreed letters), then skip and back."""
    labels = [scale.label(code, lang) for code in range(scale.size)][::-1]
    letters = ANSWER_LETTERS.get(lang, ANSWER_LETTERS["en"])
    pairs = list(zip(letters, labels, strict=True)) if len(labels) == len(letters) else []
    return [*pairs, (SKIP_KEY, text(lang, "skip").lower()), (BACK_KEY, text(lang, "back").lower())]


def answer_keys(scale: Scale, lang: str) -> dict[str, int]:
    """The answer shortcuts as key → option code (empty when the scale has no letters)."""
    answers = shortcut_keys(scale, lang)[:-2]
    return {key: scale.size - 1 - n for n, (key, _) in enumerate(answers)}


def shortcut_line(scale: Scale, lang: str) -> str:
    """The line the page shows under the answers: every key with what it does."""
    keys = " · ".join(f"{key} {label}" for key, label in shortcut_keys(scale, lang))
    return text(lang, "shortcuts", keys=keys)


def shortcut_data(scale: Scale, lang: str) -> dict[str, Any]:
    """What the published page needs to offer the shortcuts in `lang`, as JSON."""
    return {
        "answers": answer_keys(scale, lang),
        "skip": SKIP_KEY,
        "back": BACK_KEY,
        "line": shortcut_line(scale, lang),
        "on": text(lang, "shortcuts_on"),
        "off": text(lang, "shortcuts_off"),
    }
