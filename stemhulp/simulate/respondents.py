"""The respondent models of `stemhulp simulate`: one table, and everything derives from it.

The CLI's `--model` choices, `make_model`, `stemhulp.simulate.MODELS` and the docs' model table
all read `RESPONDENT_MODELS`. numpy-free, so the CLI can list the names at start-up: each entry's
`model_class` names its class in `stemhulp.simulate.models`, which builds it (`build_model`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import attrs

from ..errors import SimulationError


@attrs.frozen
class ModelOptions:
    """The simulation options a model may read (each model reads only the ones it names)."""

    eps: tuple[float, ...]
    discrimination: float
    shares: Mapping[str, float] | None = None
    thresholds: Sequence[float] | None = None
    answers: str | os.PathLike[str] | None = None


DEFAULT_EPS = 0.1  # the party model: chance each copied answer moves to another option
DEFAULT_DISCRIMINATION = 2.0  # the spatial model: how strongly positions drive answers


@attrs.frozen
class RowRecord:
    """What a model adds to each per-respondent row (the `model` column group): the `Draw` field
    holding it and its column. A 2-D field gives one column per quiz axis (`column` then holds
    `{axis}`); `parties` says the values are party indices, written as party ids."""

    field: str  # a `Draw` attribute: origin, source or latent
    column: str
    kind: str  # a row-file column kind: str, int or float
    parties: bool = False

    def columns(self, axes: Sequence[str]) -> list[tuple[str, str]]:
        """(name, kind) of its columns for a quiz with these axes."""
        names = [self.column.format(axis=a) for a in axes] if "{axis}" in self.column else [self.column]
        return [(name, self.kind) for name in names]


@attrs.frozen
class RespondentModelInfo:
    """One respondent model: its name, how it is built for a quiz, and how it is explained.

    `summary` says who the respondents are and `help` which options the model reads (both
    Markdown, for the docs table); `parameters` names the `simulate` keywords it reads.
    """

    name: str
    model_class: str  # the class in `simulate.models` that draws its answers (its `for_quiz` builds it)
    summary: str
    help: str
    parameters: tuple[str, ...] = ()
    record: RowRecord | None = None  # its per-respondent columns; None: none


RESPONDENT_MODELS: tuple[RespondentModelInfo, ...] = (
    RespondentModelInfo(
        "uniform",
        "UniformModel",
        "answer every statement uniformly at random over the scale options; nothing marked important. "
        "The null model: a quiz that favours no party gives each party 1/parties of the top advice.",
        "—",
    ),
    RespondentModelInfo(
        "party",
        "PartyModel",
        "pick a party (uniformly, or by `--shares rood=2,groen=1`), copy its stances, and move each answer "
        "to one of the other options (uniformly) with probability ε; where that party has no stance the "
        "respondent skips. Each respondent's origin party is recorded.",
        f"`--eps` (default {DEFAULT_EPS}); a list such as `--eps 0,0.1,0.2,0.3` reports recovery for every value on "
        "the same respondents (common random numbers); the first value drives the other diagnostics",
        ("eps", "shares"),
        RowRecord("origin", "origin", "str", parties=True),
    ),
    RespondentModelInfo(
        "spatial",
        "SpatialModel",
        "positions θ ~ N(0, I) on the quiz's axes (those with statement loadings); statement s with "
        "loadings λ_s is answered by an ordered logit: η = discrimination · (λ_s · θ), P(answer ≤ option c) "
        "= logistic(threshold_c − η). Statements without loadings get η = 0. A quiz without axis loadings "
        "is an error that says so.",
        f"`--discrimination` (default {DEFAULT_DISCRIMINATION}), `--thresholds` (k−1 increasing cut "
        "points; default one logit apart and centred: −0.5, 0.5 on 3 points; −1.5 … 1.5 on 5)",
        ("discrimination", "thresholds"),
        RowRecord("latent", "theta_{axis}", "float"),
    ),
    RespondentModelInfo(
        "empirical",
        "EmpiricalModel",
        "drawn with replacement (bootstrap) from real answer sets",
        "`--answers`: an answers file (YAML/JSON), a JSON file holding a list of answers documents, a "
        "directory of answers files, or a CSV with one column per statement id (cells: option index, "
        "option word, or empty/-1/skip; optional `important` column of ids)",
        ("answers",),
        RowRecord("source", "answer_set", "int"),
    ),
)

DEFAULT_MODEL = "uniform"


def model_names() -> tuple[str, ...]:
    return tuple(info.name for info in RESPONDENT_MODELS)


def get_model(name: str) -> RespondentModelInfo:
    """The respondent model called `name`, or a `SimulationError` listing the valid names."""
    for info in RESPONDENT_MODELS:
        if info.name == name:
            return info
    raise SimulationError(f"unknown respondent model {name!r}; choose one of {list(model_names())}")
