"""stemhulp: Stemwijzer-style voting advice you can read, embed and study.

`load` a quiz, `match` one person's answers, `match_many` a batch of coded answers; a `Matcher`
prepares one quiz's tables once for many `match` calls (a server); `next_statement` picks the
adaptive quiz's next statement and says when it may stop.
Everything but the errors is imported on first use, so `import stemhulp` stays fast (and the
`stemhulp` command can take over Ctrl-C before its imports start: `cli.main`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._moved import install_moved_modules
from ._version import __version__
from .errors import (
    AnswersError,
    CheckError,
    GridError,
    MatchError,
    OtherQuizError,
    QuizError,
    SimulationError,
    StemhulpError,
    SweepError,
    UnknownPartyError,
)

# Exported on first use, so that `import stemhulp` imports neither numpy nor YAML: name -> module.
_LAZY = {
    "load": "formats.loading",
    "validate": "formats.loading",
    "DEFAULT_METHOD": "matching.methods",
    "DEFAULT_MISSING": "matching.methods",
    "match": "matching.facade",
    "match_many": "matching.facade",
    "excluded_many": "matching.facade",
    "Matcher": "matching.matcher",
    "check": "analysis.quality",
    "sweep": "sweeps",
    "estimate_axes": "analysis.axes",
    "party_distances": "analysis.distances",
    "next_statement": "matching.adaptive",
}

__all__ = [
    "DEFAULT_METHOD",
    "DEFAULT_MISSING",
    "AnswersError",
    "CheckError",
    "GridError",
    "MatchError",
    "Matcher",
    "OtherQuizError",
    "QuizError",
    "SimulationError",
    "StemhulpError",
    "SweepError",
    "UnknownPartyError",
    "check",
    "estimate_axes",
    "excluded_many",
    "load",
    "match",
    "match_many",
    "next_statement",
    "party_distances",
    "sweep",
    "validate",
    "__version__",
]

if TYPE_CHECKING:
    from .analysis.axes import estimate_axes
    from .analysis.distances import party_distances
    from .analysis.quality import check
    from .formats.loading import load, validate
    from .matching.adaptive import next_statement
    from .matching.facade import excluded_many, match, match_many
    from .matching.matcher import Matcher
    from .matching.methods import DEFAULT_METHOD, DEFAULT_MISSING
    from .sweeps import sweep

install_moved_modules()


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'stemhulp' has no attribute {name!r}")
