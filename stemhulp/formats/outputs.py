"""The one check of a command's output paths, made before any work: an output must not be one of the
command's own inputs (or an existing file inside an input folder), two outputs must not be one file, and each
must be writable where it points: its folder exists, it is a regular file or not there yet.

Every command that writes calls `check_outputs` with what it reads and what it writes, so
`quiz --result a.json --answers a.json` or `simulate --out quiz.json quiz.json` never replaces
the file the command is reading.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ..errors import StemhulpError
from ..texts.i18n import Phrase
from .atomic import writable_target

PathLike = str | os.PathLike[str]


def check_outputs(outputs: Mapping[str, PathLike | None], inputs: Mapping[str, PathLike | None]) -> None:
    """Refuse any output (option name → path) that names an input (name → path), another output,
    or a place that cannot be written; a `StemhulpError` naming both options otherwise."""
    problems: list[str] = []
    given = {name: Path(path) for name, path in inputs.items() if path is not None}
    seen: dict[str, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        shown = Path(path)
        try:
            target = writable_target(shown)
        except StemhulpError as error:
            problems.extend(error.problems)
            continue
        except OSError as error:  # a link that loops, a folder without permission
            problems.append(Phrase("err_cannot_write", path=f"{option} {shown}", why=error.strerror or error))
            continue
        for name, source in given.items():
            if _is_or_inside(target, source):
                problems.append(Phrase("err_output_is_input", option=option, path=shown, name=name, source=source))
        earlier = seen.get(os.path.normcase(str(target)))
        if earlier is not None:
            problems.append(Phrase("err_same_output", option=option, path=shown, earlier=earlier))
        seen[os.path.normcase(str(target))] = f"{option} {shown}"
    if problems:
        raise StemhulpError(problems)


def _is_or_inside(target: Path, source: Path) -> bool:
    """True when `target` (resolved) is `source`, the same file by another name, or a file that
    exists inside it (a new file beside a folder's files replaces none of them)."""
    real = Path(os.path.realpath(source))
    if target == real or (real in target.parents and os.path.lexists(target)):
        return True
    try:
        return os.path.samefile(target, real)  # a hard link to the input
    except OSError:
        return False
