"""The answers file the quiz saves to: only ever a file handed over for answers, one writer at a time.

`claim_save_file` is called before the first question. It refuses a target that is the quiz
itself, that is not a regular file, or that already holds something other than this quiz's
answers being resumed, and it takes an exclusive lock (`filelock`, on `.NAME.lock` beside the file)
for as long as the quiz runs, so that a second quiz saving to the same file is told plainly
instead of silently overwriting the first one's answers.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import AnswersError, StemhulpError
from ..quiz.model import Quiz
from .atomic import kind


def _same_or_inside(target: Path, source: Path) -> bool:
    """True for the quiz file itself, or a path inside a native quiz's statements/ or
    party_positions/ (a new file there would be read as part of the quiz). Other files beside a
    quiz are protected by the rule for existing files."""
    source = Path(os.path.realpath(source))
    if target == source:
        return True
    return source.is_dir() and any(target.is_relative_to(source / part) for part in ("statements", "party_positions"))


def check_save_target(path: Path, quiz: Quiz, *, source: Path | None = None, resume: Path | None = None) -> None:
    """Refuse a save target that would destroy something: the quiz, a non-regular file, or an
    existing file that is not the answers file being resumed (an empty file is fine)."""
    from .answers import read_answers

    target = Path(os.path.realpath(path))
    if source is not None and _same_or_inside(target, source):
        raise AnswersError(f"{path}: is part of the quiz itself; choose another file to save your answers to")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as error:
        raise AnswersError(f"{path}: cannot use as answers file ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise AnswersError(f"{path}: is {kind(info.st_mode)}, not a file; choose a file to save your answers to")
    if resume is not None and os.path.exists(resume) and os.path.samefile(target, resume):
        return
    if info.st_size == 0:
        return
    try:
        read_answers(path, quiz)
    except StemhulpError:
        raise AnswersError(
            f"{path}: already exists and is not an answers file for quiz {quiz.id!r}; "
            "it is left alone: choose another file to save your answers to"
        ) from None
    raise AnswersError(
        f"{path}: already holds answers; continue them with --resume {path}, or choose another file to save to"
    )


def lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def save_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the answers file at `path` (its link target) while saving: a
    `filelock.FileLock` on `.NAME.lock` beside it (flock on POSIX, msvcrt on Windows)."""
    from filelock import FileLock, Timeout

    target = Path(os.path.realpath(path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(lock_path(target), blocking=False, thread_local=False)
        lock.acquire()
    except Timeout:
        raise AnswersError(
            f"{path}: another stemhulp quiz is saving to this file right now; "
            "finish that one first, or choose another file"
        ) from None
    except (FileExistsError, NotADirectoryError):
        raise AnswersError(f"{path}: cannot write (a part of the folder path is a file, not a folder)") from None
    except OSError as error:
        raise AnswersError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        _remove_leftovers(target)
        yield
    finally:
        lock.release()


def _remove_leftovers(target: Path) -> None:
    """Temporary files of a run that was killed mid-rename (we hold the lock: nobody else writes)."""
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def claim_save_file(
    path: Path | None, quiz: Quiz, *, source: Path | None = None, resume: Path | None = None
) -> Iterator[Path | None]:
    """Check and lock the quiz's save file for the length of a run (nothing to do for None)."""
    if path is None:
        yield None
        return
    with save_lock(path):
        check_save_target(path, quiz, source=source, resume=resume)
        yield path
