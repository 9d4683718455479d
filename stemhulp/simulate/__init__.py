"""Simulated respondents and VAA diagnostics: bias, ties, method sensitivity, statement influence.

    from stemhulp.simulate import simulate
    result = simulate(quiz, 100_000, model="uniform", seed=1, methods=["cityblock", "stemwijzer"])
    result.top_share, result.tie_rate, result.to_dict()

Models live in `models`, the measures in `diagnostics`, the block loop in `runner`, the report,
row files and terminal summary in `output`. The names are imported on first use, so that the
numpy-free `respondents` table can be read at the command line's start-up.
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
    "print_summary": "output",
    "BLOCK": "runner",
    "simulate": "runner",
    "synthetic_quiz": "synthetic",
}

__all__ = [
    "BLOCK",
    "MODELS",
    "EmpiricalModel",
    "PartyModel",
    "SimulationResult",
    "SpatialModel",
    "UniformModel",
    "load_answer_pool",
    "make_model",
    "print_summary",
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
    from .output import SimulationResult, print_summary
    from .runner import BLOCK, simulate
    from .synthetic import synthetic_quiz


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'stemhulp.simulate' has no attribute {name!r}")
