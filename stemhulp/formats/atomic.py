"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Only regular files are replaced, in a folder that exists (none is made silently): a symbolic link
is written through (the link stays, its target gets the new content) and a device, FIFO or
directory is refused. The temporary file (`.NAME.XXXX.tmp`) is removed on any error; one left by
a killed process is removed by the next quiz that saves to the same file (`savefile.save_lock`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ..errors import StemhulpError
from ..texts.i18n import Phrase


def write_atomic(path: str | os.PathLike[str], write: Callable[[IO[bytes]], object]) -> None:
    """Call `write` on a temporary file beside `path`, flush it to disk, then rename over `path`.

    A file system error (no such folder, no permission, disk full) is a `StemhulpError` naming
    the file; the old file, if any, is left as it was.
    """
    shown = Path(path)
    try:
        target = writable_target(shown)
        _write(target, write)
    except (FileExistsError, NotADirectoryError):
        raise StemhulpError(Phrase("err_part_is_file", path=shown)) from None
    except OSError as error:
        raise StemhulpError(Phrase("err_cannot_write", path=shown, why=error.strerror or error)) from None


def writable_target(path: Path) -> Path:
    """The file a write to `path` replaces: links resolved; refused unless it is a regular file
    or does not exist yet."""
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except NotADirectoryError:
        raise StemhulpError(Phrase("err_part_is_file", path=path)) from None
    except FileNotFoundError:
        if not target.parent.is_dir():
            via = Phrase("err_folder_link", path=path) if os.path.islink(path) else ""
            raise StemhulpError(Phrase("err_folder_missing", path=path, folder=target.parent, via=via)) from None
        return target
    if not stat.S_ISREG(mode):
        raise StemhulpError(Phrase("err_not_regular", path=path, kind=kind(mode)))
    return target


def kind(mode: int) -> str:
    """'a directory', 'a FIFO', … for a file mode."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a regular file" if stat.S_ISREG(mode) else "a special file"


def _write(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            if hasattr(os, "fchmod"):  # POSIX; on Windows a new file keeps the folder's defaults
                os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    write_atomic(path, lambda stream: stream.write(text.encode("utf-8")))
