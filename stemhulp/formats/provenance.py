"""Where an output came from: the stemhulp version, the seed(s), the method settings and a
fingerprint of the quiz, so a figure can be traced to the exact data and code that made it.

The fingerprint is the SHA-256 of the quiz as a `stemhulp/1` document in canonical JSON (keys
sorted, no spaces, UTF-8, positions ordered by party and statement id), so the same quiz gives the
same fingerprint whether it was loaded from YAML, JSON or an importer.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..quiz.canonical import canonical_json as canonical_json
from ..quiz.canonical import quiz_fingerprint as quiz_fingerprint

if TYPE_CHECKING:
    from ..quiz.model import Quiz


def provenance(quiz: Quiz | None, *, seed: Any = None, **settings: Any) -> dict[str, Any]:
    """The `provenance` object of an output about `quiz`: see `record`."""
    return record(None if quiz is None else quiz.id, None if quiz is None else quiz.fingerprint, seed=seed, **settings)


def record(quiz: str | None, fingerprint: str | None, *, seed: Any = None, **settings: Any) -> dict[str, Any]:
    """`{"stemhulp": version, "quiz": id, "quiz_fingerprint": "sha256:…", "seed": …, "settings": {…}}`:
    the seed(s) that make the output reproducible (None when nothing random was drawn) and the
    method settings that shaped it."""
    from .._version import __version__

    return {
        "stemhulp": __version__,
        "quiz": quiz,
        "quiz_fingerprint": fingerprint,
        "seed": seed,
        "settings": settings,
    }


def provenance_lines(origin: dict[str, Any]) -> list[str]:
    """The provenance as `# ` comment lines for the head of a CSV file (pandas: `comment="#"`)."""
    return [
        f"# stemhulp {origin['stemhulp']}",
        f"# quiz {origin['quiz']} {origin['quiz_fingerprint']}",
        f"# seed {json.dumps(origin['seed'])}",
        f"# settings {json.dumps(origin['settings'], sort_keys=True, ensure_ascii=False)}",
    ]


def png_metadata(origin: Any) -> dict[str, str]:
    """The PNG text chunks of a figure stemhulp writes: `Software`, and `stemhulp.provenance` (the
    provenance object as canonical JSON) when the figure has one."""
    from .._version import __version__

    metadata = {"Software": f"stemhulp {__version__}"}
    if origin is not None:
        metadata[PNG_KEY] = canonical_json(dict(origin)).decode("utf-8")
    return metadata


PNG_KEY = "stemhulp.provenance"  # the text chunk of every PNG figure stemhulp writes
PARQUET_KEY = b"stemhulp.provenance"  # the schema metadata key of every Parquet file stemhulp writes
