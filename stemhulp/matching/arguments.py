"""Checks of the public API's arguments: a wrong type or shape is a `StemhulpError` naming the
argument, never a TypeError from deep inside numpy or a silently guessed meaning.

`api.py` and `loading.py` call these first; they only check and normalise, they never compute.
numpy is imported inside the functions that need it (`loading` must stay numpy-free).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import AnswersError, MatchError
from ..formats.numbers import real_within, shown
from ..limits import MAX_WEIGHT

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

    from ..quiz.model import Quiz


def _kind(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def check_quiz(quiz: Any) -> None:
    from ..quiz.model import Quiz

    if not isinstance(quiz, Quiz):
        raise MatchError(f"quiz must be a Quiz (from stemhulp.load), got {_kind(quiz)}")


def _name(value: Any, argument: str) -> None:
    if not isinstance(value, str):
        raise MatchError(f"{argument} must be a name (text), got {_kind(value)}")


def _flag(value: Any, argument: str) -> None:
    if not (isinstance(value, bool) or type(value).__name__ == "bool_"):  # Python or numpy booleans
        raise MatchError(f"{argument} must be True or False, got {shown(value)}")


def id_list(value: Any, argument: str, *, none_means: list[str] | None = None) -> list[str] | None:
    """A list of ids from any iterable of text; a single string is refused (not split into letters)."""
    if value is None:
        return none_means
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise AnswersError(f"{argument} must be a list of ids, got {_kind(value)} {value!r:.60}")
    items = list(value)
    wrong = [item for item in items if not isinstance(item, str)]
    if wrong:
        raise AnswersError(f"{argument}: every id must be text, got {_kind(wrong[0])} {wrong[0]!r:.60}")
    return items


def check_match_arguments(
    quiz: Any, answers: Any, important: Any, weights: Any, parties: Any, method: Any, missing: Any, salience: Any
) -> tuple[list[str], list[str] | None]:
    """Every argument of `match`; returns `important` and `parties` as lists (parties None = all)."""

    check_quiz(quiz)
    if not isinstance(answers, Mapping):
        raise AnswersError(f"answers must be a mapping of statement id to answer word, got {_kind(answers)}")
    for key, word in answers.items():
        if not isinstance(key, str):
            raise AnswersError(f"answers: statement ids must be text, got {_kind(key)} {key!r:.60}")
        if word is not None and not isinstance(word, str):
            raise AnswersError(f"answers: {key}: an answer must be a word, got {_kind(word)} {word!r:.60}")
    if weights is not None and not isinstance(weights, Mapping):
        raise MatchError(f"weights must be a mapping of statement id to a number, got {_kind(weights)}")
    for key, value in (weights or {}).items():
        if not real_within(value, 0, MAX_WEIGHT):
            raise MatchError(
                f"weights: {key}: weight must be a non-negative number of at most {MAX_WEIGHT:g}, got {shown(value)}"
            )
    _name(method, "method")
    _name(missing, "missing")
    _flag(salience, "salience")
    return id_list(important, "important", none_means=[]) or [], id_list(parties, "parties")


def check_many_arguments(
    quiz: Any, codes: Any, important: Any, weights: Any, method: Any, missing: Any, salience: Any, chunk_size: Any
) -> tuple[Any, Any, Any]:
    """Every argument of `match_many`; returns codes, important and weights as checked arrays."""
    import numpy as np

    check_quiz(quiz)
    _name(method, "method")
    _name(missing, "missing")
    _flag(salience, "salience")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise MatchError(f"chunk_size must be a whole number of at least 1, got {chunk_size!r}")
    codes_array = check_codes(quiz, _array(codes, "codes"))
    important_array = None
    if important is not None:
        important_array = _array(important, "important")
        if important_array.shape != codes_array.shape:
            raise MatchError(f"important has shape {important_array.shape}; expected {codes_array.shape}")
        important_array = _booleans(important_array)
    weights_array = None
    if weights is not None:
        weights_array = _array(weights, "weights")
        if weights_array.shape != (codes_array.shape[1],):
            raise MatchError(
                f"weights has shape {weights_array.shape}; expected ({codes_array.shape[1]},): one per statement"
            )
        if not (
            np.issubdtype(weights_array.dtype, np.number) and not np.issubdtype(weights_array.dtype, np.complexfloating)
        ):
            raise MatchError(f"weights must be numbers, got dtype {weights_array.dtype}")
        weights_array = weights_array.astype(float)
        if not np.all(np.isfinite(weights_array)) or np.any(weights_array < 0):
            raise MatchError("weights must be finite and non-negative")
        if np.any(weights_array > MAX_WEIGHT):
            raise MatchError(f"weights must be at most {MAX_WEIGHT:g}")
    return codes_array, important_array, weights_array


def _array(value: Any, argument: str) -> NDArray[Any]:
    import numpy as np

    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as error:  # ragged nested lists and the like
        raise MatchError(f"{argument} is not a rectangular array: {error}") from None
    if array.dtype == object:
        raise MatchError(f"{argument} must be an array of numbers, got mixed or nested values")
    return array


def _booleans(array: NDArray[Any]) -> NDArray[Any]:
    import numpy as np

    if array.dtype == bool:
        return array
    if np.issubdtype(array.dtype, np.integer) and np.isin(array, (0, 1)).all():
        return array.astype(bool)
    raise MatchError(f"important must be booleans (or 0/1), got dtype {array.dtype}")


def check_codes(quiz: Quiz, codes: ArrayLike) -> NDArray[np.integer]:
    """Codes as a 2-D integer array with one column per main statement, values in [-1, k-1]."""
    import numpy as np

    array = np.asarray(codes)
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or array.shape[1] != len(quiz.statements):
        raise MatchError(
            f"codes have shape {array.shape}; expected (respondents, {len(quiz.statements)}) "
            "with one column per statement"
        )
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise MatchError(f"codes must be integers (-1 = skipped), got dtype {array.dtype}")
    if array.size and (array.min() < -1 or array.max() >= quiz.scale.size):
        bad = array[(array < -1) | (array >= quiz.scale.size)][0]
        raise MatchError(f"code {int(bad)} is outside -1 … {quiz.scale.size - 1} for a {quiz.scale.size}-point scale")
    return array
