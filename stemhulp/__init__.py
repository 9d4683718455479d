"""stemhulp: Stemwijzer-style voting advice you can read, embed and study.

`load` a quiz, `match` one person's answers, `match_many` a batch of coded answers; a `Matcher`
prepares one quiz's tables once for many `match` calls (a server).
Heavy modules (numpy) are imported on first use, so `import stemhulp` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import AnswersError, MatchError, QuizError, SimulationError, StemhulpError
from .loading import load, validate
from .methods import DEFAULT_METHOD, DEFAULT_MISSING

__version__ = "0.1.0"

# Exported on first use, so that `import stemhulp` does not import numpy: name -> module.
_LAZY = {
    "match": "api",
    "match_many": "api",
    "Matcher": "matcher",
    "check": "quality",
    "sweep": "sweeps",
    "estimate_axes": "axes",
    "party_distances": "distances",
}

__all__ = [
    "DEFAULT_METHOD",
    "DEFAULT_MISSING",
    "AnswersError",
    "MatchError",
    "Matcher",
    "QuizError",
    "SimulationError",
    "StemhulpError",
    "check",
    "estimate_axes",
    "load",
    "match",
    "match_many",
    "party_distances",
    "sweep",
    "validate",
    "__version__",
]

if TYPE_CHECKING:
    from .api import match, match_many
    from .axes import estimate_axes
    from .distances import party_distances
    from .matcher import Matcher
    from .quality import check
    from .sweeps import sweep


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'stemhulp' has no attribute {name!r}")
