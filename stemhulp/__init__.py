"""stemhulp: Stemwijzer-style voting advice you can read, embed and study.

`load` a quiz, `match` one person's answers, `match_many` a batch of coded answers.
Heavy modules (numpy) are imported on first use, so `import stemhulp` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import AnswersError, MatchError, QuizError, SimulationError, StemhulpError
from .loading import load, validate
from .methods import DEFAULT_METHOD, DEFAULT_MISSING

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_METHOD", "DEFAULT_MISSING", "AnswersError", "MatchError", "QuizError",
    "SimulationError", "StemhulpError", "estimate_axes", "load", "match", "match_many", "party_distances", "sweep",
    "validate",
    "__version__",
]

if TYPE_CHECKING:
    from .api import match, match_many
    from .axes import estimate_axes
    from .distances import party_distances
    from .sweeps import sweep


def __getattr__(name: str) -> Any:
    if name in ("match", "match_many"):
        from . import api

        return getattr(api, name)
    if name == "estimate_axes":
        from .axes import estimate_axes

        return estimate_axes
    if name == "party_distances":
        from .distances import party_distances

        return party_distances
    if name == "sweep":
        from .sweeps import sweep

        return sweep
    raise AttributeError(f"module 'stemhulp' has no attribute {name!r}")
