"""Simulated respondents and VAA diagnostics: bias, ties, method sensitivity, statement influence.

    from stemhulp.simulate import simulate
    result = simulate(quiz, 100_000, model="uniform", seed=1, methods=["cityblock", "stemwijzer"])
    result.top_share, result.tie_rate, result.to_dict()

Models live in `models`, the measures in `diagnostics`, the block loop in `runner`, the report's
records in `report` (built in `output`, read as `result.report`), row files in `rows`; the terminal
summary is the CLI's. The names are imported on first use, so that the numpy-free `respondents`
table can be read at the command line's start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Exported on first use: name -> module of this package.
_LAZY = {
    "MODELS": "models",
    "EmpiricalModel": "models",
    "PartyModel": "models",
    "SpatialModel": "models",
    "UniformModel": "models",
    "load_answer_pool": "models",
    "make_model": "models",
    "SimulationResult": "output",
    "SimulationReport": "report",
    "BLOCK": "runner",
    "simulate": "runner",
    "synthetic_quiz": "synthetic",
}

__all__ = [
    "BLOCK",
    "MODELS",
    "EmpiricalModel",
    "PartyModel",
    "SimulationReport",
    "SimulationResult",
    "SpatialModel",
    "UniformModel",
    "load_answer_pool",
    "make_model",
    "simulate",
    "synthetic_quiz",
]

if TYPE_CHECKING:
    from .models import (
        MODELS,
        EmpiricalModel,
        PartyModel,
        SpatialModel,
        UniformModel,
        load_answer_pool,
        make_model,
    )
    from .output import SimulationResult
    from .report import SimulationReport
    from .runner import BLOCK, simulate
    from .synthetic import synthetic_quiz


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    from .._moved import moved_name

    return moved_name(__name__, name)
