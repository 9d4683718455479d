"""Where the quiz keeps answers by default, and finding an unfinished quiz to continue."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from ..quiz.model import Quiz


def data_dir() -> Path:
    """`$XDG_DATA_HOME/stemhulp`, else `~/.local/share/stemhulp`."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "stemhulp"


def default_save_path(quiz_id: str) -> Path:
    """A fresh answers file under the user's data directory."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return data_dir() / f"{quiz_id}-{stamp}.json"


def unfinished(quiz: Quiz) -> tuple[Path, int] | None:
    """The newest default save file of `quiz` that is not finished, with its number of answers.

    Files that cannot be read, belong to another quiz or hold no answer are passed over: this
    only offers a convenience, it never fails the quiz.
    """
    folder = data_dir()
    if not folder.is_dir():
        return None
    candidates = sorted(folder.glob(f"{quiz.id}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    main = {s.id for s in quiz.statements}
    for path in candidates:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or data.get("quiz") != quiz.id or data.get("finished") is True:
            continue
        answers = data.get("answers")
        if isinstance(answers, dict) and answers:
            return path, sum(1 for key in answers if key in main)
    return None
