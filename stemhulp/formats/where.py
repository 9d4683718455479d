"""Locations in source files, so every message names the file, the line or key, and the value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

Path = tuple[Any, ...]


def format_key_path(path: Path) -> str:
    """Render ('statements', 3, 'id') as 'statements[3].id'."""
    text = ""
    for key in path:
        if isinstance(key, int):
            text += f"[{key}]"
        else:
            text += f".{key}" if text else str(key)
    return text


@attrs.frozen
class Where:
    """A place in a document: a file plus a key path; YAML documents also know line numbers."""

    file: str
    path: Path = ()
    lines: Mapping[Path, int] | None = attrs.field(default=None, eq=False, repr=False)
    raw: Mapping[Path, str] | None = attrs.field(default=None, eq=False, repr=False)

    def __truediv__(self, key: Any) -> Where:
        return Where(self.file, self.path + (key,), self.lines, self.raw)  # not attrs.evolve: this is hot

    def line(self) -> int | None:
        """The line of this path, or of its nearest ancestor that has one."""
        if self.lines is None:
            return None
        path = self.path
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def raw_text(self) -> str | None:
        """The scalar exactly as written in YAML, when it did not load as a string."""
        return None if self.raw is None else self.raw.get(self.path)

    def __str__(self) -> str:
        if self.lines is not None:
            line = self.line()
            return f"{self.file}:{line}" if line else self.file
        return f"{self.file}: {format_key_path(self.path)}" if self.path else self.file
