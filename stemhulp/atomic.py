"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .errors import StemhulpError


def write_atomic(path: str | os.PathLike[str], write: Callable[[IO[bytes]], object]) -> None:
    """Call `write` on a temporary file beside `path`, flush it to disk, then rename over `path`.

    A file system error (no such folder, no permission, disk full) is a `StemhulpError` naming
    the file; the old file, if any, is left as it was.
    """
    target = Path(path)
    try:
        _write(target, write)
    except OSError as error:
        raise StemhulpError(f"{target}: cannot write ({error.strerror or error})") from None


def _write(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    write_atomic(path, lambda stream: stream.write(text.encode("utf-8")))
