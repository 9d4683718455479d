"""Answer scales: ordered options, their coordinates in [-0.5, 0.5], and the words users may type."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, overload

import attrs

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

THREE_POINT = ("disagree", "neutral", "agree")
FIVE_POINT = ("strongly_disagree", "disagree", "neutral", "agree", "strongly_agree")
SKIP_WORDS = frozenset({"skip", "overslaan"})

# Dutch (and spelling) aliases for the built-in scales, lower case.
_ALIASES: dict[tuple[str, ...], dict[str, str]] = {
    THREE_POINT: {
        "eens": "agree",
        "oneens": "disagree",
        "neutraal": "neutral",
        "geen van beide": "neutral",
        "geen van beiden": "neutral",
    },
    FIVE_POINT: {
        "helemaal eens": "strongly_agree",
        "eens": "agree",
        "neutraal": "neutral",
        "geen van beide": "neutral",
        "geen van beiden": "neutral",
        "oneens": "disagree",
        "helemaal oneens": "strongly_disagree",
        "strongly agree": "strongly_agree",
        "strongly disagree": "strongly_disagree",
    },
}

# How the built-in options are shown to people.
LABELS = {
    "nl": {
        "strongly_disagree": "helemaal oneens",
        "disagree": "oneens",
        "neutral": "geen van beide",
        "agree": "eens",
        "strongly_agree": "helemaal eens",
    },
    "en": {
        "strongly_disagree": "strongly disagree",
        "disagree": "disagree",
        "neutral": "neither",
        "agree": "agree",
        "strongly_agree": "strongly agree",
    },
}


def _check_options(instance: Scale, attribute: attrs.Attribute, options: tuple[str, ...]) -> None:
    if len(options) < 2:
        raise ValueError(f"a scale needs at least two options, got {list(options)}")
    if len(set(options)) != len(options):
        raise ValueError(f"scale options must be distinct, got {list(options)}")
    for option in options:
        if not isinstance(option, str) or not option.strip():
            raise ValueError(f"scale options must be non-empty text, got {option!r}")
        if option.lower() in SKIP_WORDS:
            raise ValueError(f"{option!r} is reserved for skipping and cannot be a scale option")


@overload
def coordinate(code: float, scale_size: int) -> float: ...


@overload
def coordinate(code: NDArray[Any], scale_size: int) -> NDArray[np.float64]: ...


def coordinate(code: Any, scale_size: int) -> Any:
    """Option `code` (0 … k-1; a number or a numpy array of them) as a coordinate in [-0.5, 0.5]:
    c/(k-1) - 0.5, so every scale spans the same range and the middle option is 0. The one place
    answers become coordinates."""
    return code / (scale_size - 1) - 0.5


def _texts(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class Scale:
    """An ordinal answer scale, most negative option first."""

    options: tuple[str, ...] = attrs.field(converter=_texts, validator=_check_options)

    @property
    def neutral(self) -> int | None:
        """Index of the middle option on an odd scale, else None."""
        return self.size // 2 if self.size % 2 else None

    @property
    def size(self) -> int:
        return len(self.options)

    def code(self, option: str) -> int:
        """The index of an option name (exact), or ValueError."""
        try:
            return self.options.index(option)
        except ValueError:
            raise ValueError(f"{option!r} is not on the scale; expected one of {list(self.options)}") from None

    def accepted_words(self) -> list[str]:
        """Every word `parse_answer` accepts, for messages."""
        return [*self.options, *_ALIASES.get(self.options, {}), "skip", "overslaan"]

    def parse_answer(self, word: object) -> int | None:
        """A user's answer word as an option index, or None for skip; ValueError otherwise.

        Accepts the option names, 'skip'/'overslaan', and for the built-in scales the Dutch
        words; case and surrounding spaces do not matter.
        """
        if not isinstance(word, str):
            raise ValueError(f"answer {word!r} is not a word; expected one of {self.accepted_words()}")
        text = " ".join(word.strip().lower().replace("_", " ").split())
        if text in SKIP_WORDS:
            return None
        for index, option in enumerate(self.options):
            if text == " ".join(option.lower().replace("_", " ").split()):
                return index
        alias = _ALIASES.get(self.options, {}).get(text)
        if alias is not None:
            return self.options.index(alias)
        raise ValueError(f"unknown answer {word!r}; expected one of {self.accepted_words()}")

    def label(self, code: int, lang: str = "nl") -> str:
        """How option `code` is shown to a person."""
        option = self.options[code]
        return LABELS.get(lang, LABELS["en"]).get(option, option.replace("_", " "))
