"""Simulated respondents and VAA diagnostics: bias, ties, method sensitivity, statement influence.

    from stemhulp.simulate import simulate
    result = simulate(quiz, 100_000, model="uniform", seed=1, methods=["cityblock", "stemwijzer"])
    result.top_share, result.tie_rate, result.to_dict()

Models live in `models`, the measures in `diagnostics`, the block loop in `runner`, the report,
row files and terminal summary in `output`. numpy is imported here, so import this module only
where a simulation runs.
"""

from __future__ import annotations

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
