"""One reading of the whole numbers people type or send (web fields, the JSON API, CSV pools, the CLI):
ASCII digits only, at most MAX_DIGITS of them, so `²`, `①`, `２` or 5,000 digits are a clear error.

`int()` alone accepts any Unicode digit and fails with a ValueError past 4,300 digits; `str.isdigit`
says True for `²`, which `int()` then refuses. Every caller goes through `whole_number` instead.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import StemhulpError

MAX_DIGITS = 18  # fits an int64; far beyond every count, index and seed stemhulp takes
_WHOLE = re.compile(rf"-?[0-9]{{1,{MAX_DIGITS}}}", re.ASCII)


def is_whole_number(text: Any, *, negative: bool = False) -> bool:
    """True when `text` is a whole number as `whole_number` reads it (range aside)."""
    return isinstance(text, str) and _WHOLE.fullmatch(text) is not None and (negative or not text.startswith("-"))


def whole_number(
    text: Any,
    what: str,
    *,
    low: int | None = 0,
    high: int | None = None,
    error: type[StemhulpError] = StemhulpError,
) -> int:
    """`text` (surrounding spaces allowed) as an int in low…high; an `error` naming `what` otherwise."""
    stripped = text.strip() if isinstance(text, str) else text
    if not is_whole_number(stripped, negative=low is None or low < 0):
        long = isinstance(stripped, str) and stripped.isascii() and stripped.lstrip("-").isdigit()
        why = f"at most {MAX_DIGITS} digits" if long else "digits 0-9"
        raise error(f"{what}: expected a whole number{_range(low, high)} ({why}), got {shown(text)}")
    number = int(stripped)
    if (low is not None and number < low) or (high is not None and number > high):
        raise error(f"{what}: expected a whole number{_range(low, high)}, got {number}")
    return number


def whole_numbers(text: Any, what: str, *, low: int | None = 0, high: int | None = None, **kw: Any) -> list[int]:
    """Comma-separated whole numbers (blank parts are an error; an all-blank text is no numbers)."""
    if not isinstance(text, str):
        raise kw.get("error", StemhulpError)(f"{what}: expected comma-separated whole numbers, got {shown(text)}")
    if not text.strip():
        return []
    return [whole_number(part, what, low=low, high=high, **kw) for part in text.split(",")]


_DECIMAL = re.compile(rf"-?[0-9]{{1,{MAX_DIGITS}}}(\.[0-9]{{1,{MAX_DIGITS}}})?", re.ASCII)


def decimal_number(text: Any) -> float | None:
    """A plain decimal number typed by a person (`2`, `0.25`; ASCII digits, bounded), else None."""
    stripped = text.strip() if isinstance(text, str) else None
    if stripped is None or _DECIMAL.fullmatch(stripped) is None:
        return None
    return float(stripped)


def real_within(value: Any, low: float, high: float) -> bool:
    """True for a real number (not a bool) with low <= value <= high; safe for any int, however
    large (no conversion to float, so no OverflowError), NaN and infinities are outside."""
    import numbers

    if isinstance(value, bool) or not isinstance(value, numbers.Real) or type(value).__name__ == "bool_":
        return False
    try:
        return bool(low <= value <= high)  # type: ignore[operator]
    except (TypeError, ValueError, OverflowError):
        return False


def _range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" of at least {low}"
    if high is not None:
        return f" of at most {high}"
    return ""


def shown(value: Any) -> str:
    """A short repr for a message, safe for ints of any size (repr fails past 4,300 digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_DIGITS:
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value)
    return text if len(text) <= 42 else text[:40] + "…"
