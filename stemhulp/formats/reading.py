"""Bounded, checked reading: bytes from the stream (never trusting st_size), strict JSON, plain data.

Every reader here stops at a limit from `limits.py` with a message naming the file, so a device
(/dev/zero), a FIFO without a writer or a huge file fails fast instead of hanging or filling memory.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import QuizError
from ..limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_CHARS
from ..texts.i18n import Phrase


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most `limit` bytes of a file, a pipe or a device; more is an error naming the file.

    A FIFO is opened without blocking, so one without a writer reads as empty instead of hanging.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise QuizError(Phrase("err_not_found", path=path)) from None
    except IsADirectoryError:
        raise QuizError(Phrase("err_is_directory", path=path)) from None
    except OSError as error:
        raise QuizError(Phrase("err_cannot_read", path=path, why=error.strerror)) from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise QuizError(Phrase("err_is_directory", path=path))
        if stat.S_ISFIFO(mode):
            os.set_blocking(handle, True)  # a writer is there, or the next read is end of file
        chunks, size = [], 0
        while size <= limit:
            try:
                chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            except BlockingIOError:  # a FIFO whose writer has not written yet
                os.set_blocking(handle, True)
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise QuizError(Phrase("err_cannot_read", path=path, why=error.strerror)) from None
    finally:
        os.close(handle)
    if size > limit:
        raise QuizError(Phrase("err_too_big", path=path, limit=f"{limit:,}"))
    return b"".join(chunks)


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file (a byte-order mark is dropped), read within `limit` bytes."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise QuizError(Phrase("err_not_utf8", path=path, why=error.reason, at=error.start)) from None


class _Refused(Exception):
    """A JSON value strict parsing refuses; `.message` says why."""

    def __init__(self, message: str, token: str | None = None) -> None:
        super().__init__(message)
        self.message, self.token = message, token


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"duplicate key {key!r}", json.dumps(key))
            seen.add(key)
    return result


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number", name)


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(f"number {text[:12]}… has more than {MAX_NUMBER_CHARS} characters", text)
    return int(text)


def _float(text: str) -> float:
    value = float(text) if len(text) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise _Refused(f"number {text[:12]}{'…' if len(text) > 12 else ''} is too large or too long", text)
    return value


def parse_json(text: str, file: str) -> Any:
    """Strict JSON: no duplicate keys, no NaN/Infinity, no huge numbers, bounded nesting, text
    that is valid Unicode. Every refusal names the file and, where it can, the line."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_int, parse_float=_float)
    except json.JSONDecodeError as error:
        raise QuizError(
            Phrase("err_invalid_json", path=f"{file}:{error.lineno}", problem=f"{error.msg} (column {error.colno})")
        ) from None
    except _Refused as refused:
        raise QuizError(
            Phrase("err_invalid_json", path=f"{file}{_line_of(text, refused.token)}", problem=refused.message)
        ) from None
    except RecursionError:
        raise QuizError(
            Phrase("err_invalid_json", path=file, problem=f"nested deeper than {MAX_DEPTH} levels")
        ) from None
    if _needs_walk(text):
        problems = plain_problems(data, file)
        if problems:
            raise QuizError(problems)
    return data


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _needs_walk(text: str) -> bool:
    """False when parsed JSON text cannot break `plain_problems`' rules: no escaped surrogate, and
    fewer brackets open at any point than MAX_DEPTH (counted in the raw text, strings included, so an
    upper bound). The parse hooks already refused bad numbers, so most documents skip the walk."""
    if _SURROGATE_ESCAPE.search(text):
        return True
    if len(text) < 1_000_000:  # fewer brackets than MAX_DEPTH cannot nest that deep (a request's answers)
        return text.count("[") + text.count("{") >= MAX_DEPTH
    import numpy as np

    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    steps = ((raw == 91) | (raw == 123)).view(np.int8) - ((raw == 93) | (raw == 125)).view(np.int8)
    steps = steps[steps != 0]  # the brackets alone: a short array to sum (fresh large ones cost page faults)
    return int(np.cumsum(steps, dtype=np.int32).max(initial=0)) > MAX_DEPTH


def _line_of(text: str, token: str | None) -> str:
    if not token:
        return ""
    match = re.search(re.escape(token), text)
    return "" if match is None else f":{text.count(chr(10), 0, match.start()) + 1}"


def plain_problems(data: Any, where: str, *, limit: int = 10) -> list[str]:
    """Problems that make `data` unusable as a document: nesting deeper than MAX_DEPTH, text that
    is not valid Unicode (lone surrogates), keys that are not text, values that are not JSON-like.
    Walked without recursion, so any input is safe to check; places are named only on a problem."""
    problems: list[str] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack and len(problems) < limit:
        value, path = stack.pop()
        if isinstance(value, Mapping):
            items: Any = value.items()
        elif isinstance(value, (list, tuple)):
            items = enumerate(value)
        else:
            _scalar(value, path, where, problems)
            continue
        if len(path) >= MAX_DEPTH:
            problems.append(f"{_at(where, path)}: nested deeper than {MAX_DEPTH} levels")
            continue
        mapping = isinstance(value, Mapping)
        for key, item in items:
            if mapping and (type(key) is not str or not (key.isascii() or _encodable(key))):
                why = "is not text" if not isinstance(key, str) else "is not valid Unicode (a lone surrogate)"
                problems.append(f"{_at(where, path)}: key {key!r:.40} {why}")
                continue
            kind = type(item)
            if kind is str:
                if not (item.isascii() or _encodable(item)):
                    _scalar(item, path + (key,), where, problems)
            elif kind is dict or kind is list or not (kind is int or kind is float or kind is bool or item is None):
                stack.append((item, path + (key,)))
            elif kind is int and not -_HUGE < item < _HUGE or kind is float and not math.isfinite(item):
                _scalar(item, path + (key,), where, problems)
    return problems[:limit]


_HUGE = 10**MAX_NUMBER_CHARS


def _at(where: str, path: tuple[Any, ...]) -> str:
    from .where import format_key_path

    return f"{where}: {format_key_path(path)}" if path else where


def _scalar(value: Any, path: tuple[Any, ...], where: str, problems: list[str]) -> None:
    """The problem with one scalar, if any."""
    if isinstance(value, str):
        if not _encodable(value):
            problems.append(f"{_at(where, path)}: text {value[:40]!r} is not valid Unicode (a lone surrogate)")
    elif isinstance(value, bool) or value is None:
        pass
    elif isinstance(value, int):
        if not -_HUGE < value < _HUGE:
            problems.append(f"{_at(where, path)}: number has more than {MAX_NUMBER_CHARS} digits")
    elif isinstance(value, float):
        if not math.isfinite(value):
            problems.append(f"{_at(where, path)}: {value!r} is not a usable number")
    else:
        problems.append(f"{_at(where, path)}: {type(value).__name__} is not a JSON value (text, number, list, mapping)")


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
