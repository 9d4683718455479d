"""Respondent models: who answers the quiz in a simulation, and how.

Every model turns a random generator and a count into coded answers (respondents × statements,
0 … k-1, -1 = skipped), like the codes `match_many` takes. Models hold plain numbers and numpy
arrays only (no quiz), so they travel to worker processes unchanged.

- `uniform`: every statement answered, uniformly at random over the scale; nothing important.
  The null model: a quiz that favours no party gives each party 1/parties of the top advice.
- `party`: a respondent copies one party's stances (chosen uniformly or by `shares`) and moves
  each answer to another option, uniformly among the others, with probability `eps`; where that
  party has no stance the respondent skips. Several `eps` values share the same random numbers
  (common random numbers), so their recovery rates are directly comparable.
- `spatial`: positions theta ~ N(0, I) on the quiz's axes; statement s with loadings lambda_s
  is answered by an ordered logit: eta = discrimination · (lambda_s · theta),
  P(code <= c) = logistic(threshold_c - eta). Statements without loadings have eta = 0.
- `empirical`: respondents are drawn with replacement from real answer sets.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from ..errors import SimulationError, StemhulpError
from ..formats.answers import answer_set_from_mapping, read_answers
from ..formats.numbers import is_whole_number, shown
from ..formats.reading import parse_json, read_text
from ..formats.where import Where
from ..limits import MAX_WEIGHT
from ..matching.tables import party_codes
from ..quiz.model import Quiz
from .respondents import DEFAULT_DISCRIMINATION, DEFAULT_EPS, RESPONDENT_MODELS, ModelOptions, get_model, model_names

MODELS = model_names()  # the registry: stemhulp.simulate.respondents


@attrs.frozen
class Draw:
    """One block of simulated respondents.

    `variants` holds the coded answers, one array per eps value for the party model (the first
    is the main sample) and a single array otherwise. `origin` is the party index a `party`
    respondent copied, `source` the answer-set index an `empirical` respondent was drawn from,
    `latent` the `spatial` positions (respondents × axes).
    """

    variants: tuple[NDArray[np.int8], ...]
    important: NDArray[np.bool_] | None = None
    origin: NDArray[np.int64] | None = None
    source: NDArray[np.int64] | None = None
    latent: NDArray[np.float64] | None = None

    @property
    def codes(self) -> NDArray[np.int8]:
        return self.variants[0]


@attrs.frozen
class UniformModel:
    """Every statement answered uniformly at random over the k options; nothing important."""

    statements: int
    scale_size: int
    name = "uniform"

    @classmethod
    def for_quiz(cls, quiz: Quiz, options: ModelOptions) -> UniformModel:
        return cls(len(quiz.statements), quiz.scale.size)

    def parameters(self) -> dict[str, Any]:
        return {}

    def draw(self, rng: np.random.Generator, n: int) -> Draw:
        codes = rng.integers(0, self.scale_size, size=(n, self.statements), dtype=np.int8)
        return Draw((codes,))


@attrs.frozen
class PartyModel:
    """Copy a party's stances, then move each answer to another option with probability eps."""

    stances: NDArray[np.int64] = attrs.field(eq=False)  # (statements, parties), -1 = no stance
    scale_size: int
    eps: tuple[float, ...] = (DEFAULT_EPS,)
    shares: NDArray[np.float64] | None = attrs.field(default=None, eq=False)
    party_ids: tuple[str, ...] = ()
    name = "party"

    @classmethod
    def for_quiz(cls, quiz: Quiz, options: ModelOptions) -> PartyModel:
        return cls(
            stance_matrix(quiz),
            quiz.scale.size,
            options.eps,
            _shares(quiz, options.shares),
            tuple(p.id for p in quiz.parties),
        )

    def parameters(self) -> dict[str, Any]:
        shares = None
        if self.shares is not None:
            shares = {p: float(s) for p, s in zip(self.party_ids, self.shares, strict=True)}
        return {"eps": list(self.eps), "shares": shares}

    def draw(self, rng: np.random.Generator, n: int) -> Draw:
        statements, parties = self.stances.shape
        uniform = self.shares is None
        origin = rng.integers(0, parties, size=n) if uniform else rng.choice(parties, size=n, p=self.shares)
        base = self.stances.T[origin]  # (n, statements)
        flip = rng.random((n, statements))
        # Another option, uniform over the k-1 options other than the party's.
        other = rng.integers(0, self.scale_size - 1, size=(n, statements))
        other = other + (other >= base)
        variants = []
        for eps in self.eps:
            codes = np.where(flip < eps, other, base)
            codes[base < 0] = -1
            variants.append(codes.astype(np.int8))
        return Draw(tuple(variants), origin=origin.astype(np.int64))


@attrs.frozen
class SpatialModel:
    """Ordered-logit answers from standard-normal positions on the quiz's axes."""

    loadings: NDArray[np.float64] = attrs.field(eq=False)  # (statements, axes)
    axis_ids: tuple[str, ...]
    discrimination: float = DEFAULT_DISCRIMINATION
    thresholds: tuple[float, ...] = ()
    name = "spatial"

    @classmethod
    def for_quiz(cls, quiz: Quiz, options: ModelOptions) -> SpatialModel:
        return _spatial(quiz, options.discrimination, options.thresholds)

    def parameters(self) -> dict[str, Any]:
        return {"axes": list(self.axis_ids), "discrimination": self.discrimination, "thresholds": list(self.thresholds)}

    def draw(self, rng: np.random.Generator, n: int) -> Draw:
        theta = rng.standard_normal((n, len(self.axis_ids)))
        u = rng.random((n, self.loadings.shape[0]))
        eta = self.discrimination * (theta @ self.loadings.T)  # (n, statements)
        codes = np.zeros(eta.shape, dtype=np.int8)
        for threshold in self.thresholds:  # code = number of cumulative probabilities below u
            codes += u > 1.0 / (1.0 + np.exp(eta - threshold))
        return Draw((codes,), latent=theta)


@attrs.frozen
class EmpiricalModel:
    """Bootstrap: respondents drawn with replacement from real answer sets."""

    pool: NDArray[np.int8] = attrs.field(eq=False)  # (answer sets, statements)
    pool_important: NDArray[np.bool_] | None = attrs.field(default=None, eq=False)
    origin_name: str = ""
    name = "empirical"

    @classmethod
    def for_quiz(cls, quiz: Quiz, options: ModelOptions) -> EmpiricalModel:
        if options.answers is None:
            raise SimulationError(
                "the 'empirical' model needs answers: an answers file, a "
                "directory or JSON list of them, or a CSV of codes (--answers)"
            )
        pool, important = load_answer_pool(options.answers, quiz)
        return cls(pool, important, str(options.answers))

    def parameters(self) -> dict[str, Any]:
        return {"answers": self.origin_name, "answer_sets": int(self.pool.shape[0])}

    def draw(self, rng: np.random.Generator, n: int) -> Draw:
        index = rng.integers(0, self.pool.shape[0], size=n)
        important = None if self.pool_important is None else self.pool_important[index]
        return Draw((self.pool[index],), important=important, source=index.astype(np.int64))


RespondentModel = UniformModel | PartyModel | SpatialModel | EmpiricalModel


def default_thresholds(scale_size: int) -> tuple[float, ...]:
    """k-1 thresholds one logit apart, centred on 0: (-0.5, 0.5) on 3 points, (-1.5 … 1.5) on 5."""
    return tuple(c - (scale_size - 2) / 2 for c in range(scale_size - 1))


def stance_matrix(quiz: Quiz) -> NDArray[np.int64]:
    """(statements, parties) option indices of the main statements, -1 = no stance."""
    return party_codes(quiz, quiz.statements, [p.id for p in quiz.parties])


def make_model(
    quiz: Quiz,
    name: str,
    *,
    eps: float | Sequence[float] = DEFAULT_EPS,
    shares: Mapping[str, float] | None = None,
    discrimination: float = DEFAULT_DISCRIMINATION,
    thresholds: Sequence[float] | None = None,
    answers: str | os.PathLike[str] | None = None,
) -> RespondentModel:
    """Build the respondent model called `name` (see `stemhulp.simulate.respondents`) for `quiz`,
    checking its parameters."""
    options = ModelOptions(
        _eps_values(eps), discrimination, shares=shares, thresholds=thresholds, answers=answers
    )  # eps is checked for every model
    return build_model(quiz, name, options)


def _eps_values(eps: float | Sequence[float]) -> tuple[float, ...]:
    values = (eps,) if isinstance(eps, (int, float)) else tuple(eps)
    if not values:
        raise SimulationError("eps needs at least one value")
    for value in values:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
            raise SimulationError(f"eps must be a probability in [0, 1], got {value!r}")
    return tuple(float(v) for v in values)


def _shares(quiz: Quiz, shares: Mapping[str, float] | None) -> NDArray[np.float64] | None:
    if shares is None:
        return None
    problems = [f"shares: unknown party id {p!r}" for p in shares if str(p) not in quiz.party_by_id]
    values = []
    for party in quiz.parties:
        value = shares.get(party.id, 0.0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_WEIGHT:
            problems.append(f"shares: {party.id}: must be a number from 0 to {MAX_WEIGHT:g}, got {value!r}")
            value = 0.0
        values.append(float(value))
    if not problems and sum(values) <= 0:
        problems.append("shares: at least one party needs a positive share")
    if problems:
        raise SimulationError(problems)
    array = np.array(values)
    return array / array.sum()


def quiz_axes(quiz: Quiz) -> list[str]:
    """Axis ids with at least one non-zero statement loading, in the quiz's order."""
    declared = [a.id for a in quiz.axes]
    used = {axis for s in quiz.statements for axis, value in s.axes.items() if value != 0}
    return [a for a in declared if a in used] + sorted(used - set(declared))


def _spatial(quiz: Quiz, discrimination: float, thresholds: Sequence[float] | None) -> SpatialModel:
    axes = quiz_axes(quiz)
    if not axes:
        declared = ", ".join(a.id for a in quiz.axes) or "none"
        raise SimulationError(
            f"the 'spatial' model needs axis loadings, and quiz {quiz.id!r} has none: no statement "
            f"has an `axes: {{axis_id: loading}}` entry (axes declared in statements/quiz.yaml: "
            f"{declared}); add loadings in [-1, 1] to the statements, estimate them from the party "
            "positions (--estimate-axes, or stemhulp.estimate_axes(quiz)), or use another model"
        )
    if not np.isfinite(discrimination) or discrimination < 0:
        raise SimulationError(f"discrimination must be a non-negative number, got {discrimination!r}")
    k = quiz.scale.size
    cuts = default_thresholds(k) if thresholds is None else tuple(float(t) for t in thresholds)
    if len(cuts) != k - 1 or any(b <= a for a, b in zip(cuts, cuts[1:], strict=False)) or not all(np.isfinite(cuts)):
        raise SimulationError(f"a {k}-point scale needs {k - 1} increasing thresholds, got {list(cuts)}")
    loadings = np.array([[s.axes.get(a, 0.0) for a in axes] for s in quiz.statements], dtype=float)
    return SpatialModel(loadings, tuple(axes), float(discrimination), cuts)


# --- empirical answer pools -------------------------------------------------------------------


def load_answer_pool(path: str | os.PathLike[str], quiz: Quiz) -> tuple[NDArray[np.int8], NDArray[np.bool_] | None]:
    """Answer sets as codes (sets × main statements) and important flags (None when none).

    `path` is an answers file (YAML or JSON), a JSON file holding a list of answers documents,
    a directory of answers files (*.json, *.yaml, *.yml, in name order) or a CSV with one column
    per statement id (cells: option index, option word, or empty/-1/skip for skipped; an optional
    `important` column lists ids separated by spaces, commas or semicolons; columns `id` and
    `respondent` are ignored). Answers to tie-break statements are not used.
    """
    path = Path(path)
    if not path.exists():
        raise SimulationError(f"{path}: no such file or directory")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".json", ".yaml", ".yml"))
        if not files:
            raise SimulationError(f"{path}: no answers files (*.json, *.yaml, *.yml) in this directory")
        sets = [read_answers(f, quiz) for f in files]
    elif path.suffix.lower() == ".csv":
        return _csv_pool(path, quiz)
    elif path.suffix.lower() == ".json":
        try:
            data = parse_json(read_text(path), str(path))
        except StemhulpError as error:
            raise SimulationError(error.problems) from None
        if isinstance(data, list):
            sets = [answer_set_from_mapping(item, quiz, Where(str(path)) / i) for i, item in enumerate(data)]
        else:
            sets = [read_answers(path, quiz)]
    else:
        sets = [read_answers(path, quiz)]
    if not sets:
        raise SimulationError(f"{path}: holds no answer sets")
    index = {s.id: i for i, s in enumerate(quiz.statements)}
    codes = np.full((len(sets), len(index)), -1, dtype=np.int8)
    important = np.zeros(codes.shape, dtype=bool)
    for row, answer_set in enumerate(sets):
        for statement, word in answer_set.answers.items():
            code = quiz.scale.parse_answer(word)
            if statement in index and code is not None:
                codes[row, index[statement]] = code
        for statement in answer_set.important:
            if statement in index:
                important[row, index[statement]] = True
    important &= codes >= 0
    return codes, (important if important.any() else None)


_IGNORED_COLUMNS = {"id", "respondent"}


def _csv_pool(path: Path, quiz: Quiz) -> tuple[NDArray[np.int8], NDArray[np.bool_] | None]:
    try:
        rows = list(csv.reader(io.StringIO(read_text(path), newline="")))
    except StemhulpError as error:
        raise SimulationError(error.problems) from None
    except csv.Error as error:
        raise SimulationError(f"{path}: cannot read CSV: {error}") from None
    if len(rows) < 2:
        raise SimulationError(f"{path}: a CSV of codes needs a header of statement ids and at least one row")
    header = [h.strip() for h in rows[0]]
    index = {s.id: i for i, s in enumerate(quiz.statements)}
    problems = [
        f"{path}: column {h!r} is not a statement id of quiz {quiz.id!r}"
        for h in header
        if h not in index and h not in quiz.statement_by_id and h not in _IGNORED_COLUMNS and h != "important"
    ]
    counts = Counter(header)
    problems += [f"{path}:1: column {h!r} appears more than once" for h, n in counts.items() if n > 1]
    k = quiz.scale.size
    codes = np.full((len(rows) - 1, len(index)), -1, dtype=np.int8)
    important = np.zeros(codes.shape, dtype=bool)
    for r, row in enumerate(rows[1:]):
        if len(row) != len(header):
            problems.append(f"{path}:{r + 2}: {len(row)} cells; the header has {len(header)}")
            continue
        for name, cell in zip(header, row, strict=True):
            cell = cell.strip()
            if name == "important":
                for statement in re.split(r"[\s,;]+", cell):
                    if statement and statement not in quiz.statement_by_id:
                        problems.append(f"{path}:{r + 2}: important: unknown statement id {statement!r}")
                    elif statement in index:
                        important[r, index[statement]] = True
                continue
            if name not in index:
                continue
            code = _csv_code(cell, quiz, k)
            if isinstance(code, str):
                problems.append(f"{path}:{r + 2}: {name}: {code}")
            else:
                codes[r, index[name]] = code
    if problems:
        raise SimulationError(problems)
    important &= codes >= 0
    return codes, (important if important.any() else None)


def _csv_code(cell: str, quiz: Quiz, k: int) -> int | str:
    if cell in ("", "-1"):
        return -1
    if cell[:1].isdigit() or cell[:1] == "-":  # a code: ASCII digits only, bounded (`２`, 5,000 digits refused)
        if not is_whole_number(cell):
            return f"code {shown(cell)} is not a whole number (digits 0-9)"
        return int(cell) if int(cell) < k else f"code {cell} is outside 0 … {k - 1}"
    try:
        code = quiz.scale.parse_answer(cell)
    except (ValueError, StemhulpError) as error:
        return str(error)
    return -1 if code is None else code


def build_model(quiz: Quiz, name: str, options: ModelOptions) -> RespondentModel:
    """The model called `name` for `quiz`; an option the model does not read is an error."""
    info = get_model(name)
    if options.answers is not None and "answers" not in info.parameters:
        users = " or ".join(repr(m.name) for m in RESPONDENT_MODELS if "answers" in m.parameters)
        raise SimulationError(f"answers are only used by the {users} model, not {name!r}")
    model: type[RespondentModel] = globals()[info.model_class]
    return model.for_quiz(quiz, options)
