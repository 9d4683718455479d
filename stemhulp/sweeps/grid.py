"""A sweep grid: quizzes × methods × missing policies × respondent models × seeds, read from YAML.

The grid file is read with the same safe YAML loader as quizzes, so every problem names the file
and line. Expanding it gives `Task`s, each one simulation whose result depends only on its own
parameters: its random seed is derived from the quiz, the respondent model, the number of
respondents and the grid seed (not from the method or policy, so every method in a grid is
compared on the very same respondents).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import GridError, StemhulpError
from ..formats.numbers import shown
from ..formats.where import Where
from ..limits import MAX_RESPONDENTS
from ..simulate.respondents import RESPONDENT_MODELS

DEFAULT_RESPONDENTS = 100_000
MAX_TASKS = 1_000_000
MODEL_PARAMETERS: Mapping[str, tuple[str, ...]] = {info.name: info.parameters for info in RESPONDENT_MODELS}
GRID_KEYS = (
    "quizzes",
    "methods",
    "missing",
    "models",
    "seeds",
    "respondents",
    "compare",
    "salience",
    "skip",
    "important",
    "tau_sample",
)


@attrs.frozen
class QuizRef:
    """A quiz of the grid: where it was found, and the name the results call it by."""

    label: str
    path: str  # absolute path, or "" for the bundled quiz
    fingerprint: str = ""  # a hash of the loaded quiz's content (set by `sweep`), part of every task key


@attrs.frozen
class ModelSpec:
    """A respondent model and its parameters, as plain values (they go into the results table)."""

    name: str
    parameters: tuple[tuple[str, Any], ...] = ()
    where: str = attrs.field(default="", eq=False, repr=False)  # the grid's place, for messages

    @property
    def label(self) -> str:
        """'party(eps=0.2)': how the results table names this model."""
        if not self.parameters:
            return self.name
        inner = ",".join(f"{key}={json.dumps(value, sort_keys=True)}" for key, value in self.parameters)
        return f"{self.name}({inner})"


@attrs.frozen
class Task:
    """One simulation of the sweep; `key` names it in the results and for resuming."""

    quiz: QuizRef
    method: str
    missing: str
    model: ModelSpec
    seed: int
    respondents: int
    compare: tuple[str, ...] = ()
    salience: bool = False
    skip: float = 0.0
    important: float = 0.0
    tau_sample: int = 10_000

    @property
    def key(self) -> str:
        """Readable parts, then a digest of every other setting that changes the result (compared
        methods, salience, skip, important, tau_sample) and of the quiz's content: resuming after
        any of them changed finds no old task under the new key."""
        settings = (
            list(self.compare),
            self.salience,
            self.skip,
            self.important,
            self.tau_sample if self.compare else 0,
            self.quiz.fingerprint,
        )
        digest = derive_seed(*settings) & 0xFFFFFFFFFFFF
        return "|".join(
            (
                self.quiz.label,
                self.method,
                self.missing,
                self.model.label,
                str(self.seed),
                str(self.respondents),
                f"{digest:012x}",
            )
        )

    @property
    def task_seed(self) -> int:
        """The simulation seed: a hash of what defines the respondents, never of the worker or order."""
        return derive_seed(self.quiz.label, self.model.label, self.respondents, self.seed, self.skip, self.important)


def derive_seed(*parts: Any) -> int:
    """A 63-bit seed from the parts' canonical JSON: the same parts give the same seed everywhere."""
    text = json.dumps([*parts], sort_keys=True, separators=(",", ":"))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") >> 1


@attrs.frozen
class Grid:
    """A parsed grid: every axis as a tuple, ready to expand."""

    quizzes: tuple[QuizRef, ...]
    methods: tuple[str, ...]
    missing: tuple[str, ...]
    models: tuple[ModelSpec, ...]
    seeds: tuple[int, ...]
    respondents: tuple[int, ...]
    compare: tuple[str, ...] = ()
    salience: bool = False
    skip: float = 0.0
    important: float = 0.0
    tau_sample: int = 10_000

    def tasks(self) -> list[Task]:
        """Every combination, in a fixed order."""
        return [
            Task(
                quiz,
                method,
                missing,
                model,
                seed,
                n,
                self.compare,
                self.salience,
                self.skip,
                self.important,
                self.tau_sample,
            )
            for quiz in self.quizzes
            for model in self.models
            for n in self.respondents
            for seed in self.seeds
            for method in self.methods
            for missing in self.missing
        ]


def load_grid(path: str | os.PathLike[str]) -> Grid:
    """Read a grid YAML file; every problem is reported at once, with the file and line."""
    from ..formats.safeyaml import load_yaml_file

    path = Path(path)
    try:
        data, where, problems = load_yaml_file(path)
    except StemhulpError as error:
        raise GridError(error.problems) from None
    if problems:
        raise GridError(problems)
    return parse_grid(data, where, path.resolve().parent)


def parse_grid(data: Any, where: Where, base: Path) -> Grid:
    """Check a grid mapping (from YAML or Python) and resolve its quizzes against `base`."""
    from ..matching.methods import DEFAULT_METHOD, DEFAULT_MISSING, METHODS, MISSING_POLICIES

    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise GridError(f"{where}: a grid is a mapping with 'quizzes', 'methods', … (got {_kind(data)})")
    for key in data:
        if not isinstance(key, str) or key not in GRID_KEYS:
            problems.append(f"{where / key}: unknown key {key!r}; expected one of {', '.join(GRID_KEYS)}")
    quizzes = _quizzes(data.get("quizzes"), where / "quizzes", base, problems)
    methods = _names(data.get("methods", [DEFAULT_METHOD]), where / "methods", METHODS, problems)
    missing = _names(data.get("missing", [DEFAULT_MISSING]), where / "missing", MISSING_POLICIES, problems)
    compare = _names(data.get("compare", []), where / "compare", METHODS, problems, allow_empty=True)
    models = _models(data.get("models", ["uniform"]), where / "models", base, problems)
    seeds = _whole_list(data.get("seeds", [1]), where / "seeds", 0, 2**63 - 1, problems)
    respondents = _whole_list(
        data.get("respondents", DEFAULT_RESPONDENTS), where / "respondents", 1, MAX_RESPONDENTS, problems
    )
    if "tau_sample" in data and isinstance(data["tau_sample"], list):
        problems.append(
            f"{where / 'tau_sample'}: tau_sample: expected one whole number (the same for every task), got a list"
        )
    salience = data.get("salience", False)
    if not isinstance(salience, bool):
        problems.append(f"{where / 'salience'}: expected true or false, got {salience!r}")
    skip = _probability(data.get("skip", 0.0), where / "skip", problems)
    important = _probability(data.get("important", 0.0), where / "important", problems)
    tau = _whole_list(data.get("tau_sample", 10_000), where / "tau_sample", 0, 10**9, problems)
    if problems:
        raise GridError(problems)
    grid = Grid(
        tuple(quizzes),
        tuple(methods),
        tuple(missing),
        tuple(models),
        tuple(seeds),
        tuple(respondents),
        tuple(compare),
        bool(salience),
        skip,
        important,
        tau[0] if tau else 0,
    )
    count = len(grid.quizzes) * len(methods) * len(missing) * len(models) * len(seeds) * len(respondents)
    if count > MAX_TASKS:
        problems.append(f"{where}: the grid expands to {count:,} tasks; at most {MAX_TASKS:,} are allowed")
    if problems:
        raise GridError(problems)
    return grid


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, Sequence) and not isinstance(value, str) else [value]


def _quizzes(value: Any, where: Where, base: Path, problems: list[str]) -> list[QuizRef]:
    """Quiz entries: 'bundled', a path, a glob, or a folder holding one quiz per subfolder."""
    if value is None or value == []:
        what = "missing" if value is None else "an empty list"
        problems.append(f"{where}: 'quizzes' is {what}: list the quizzes (paths, globs, folders, or 'bundled')")
        return []
    found: list[QuizRef] = []
    for i, entry in enumerate(_as_list(value)):
        here = where / i if isinstance(value, list) else where
        if not isinstance(entry, str) or not entry.strip():
            problems.append(f"{here}: expected a path, a glob or 'bundled', got {entry!r}")
            continue
        found.extend(_expand_quiz(entry, here, base, problems))
    labels = [q.label for q in found]
    for label in sorted({x for x in labels if labels.count(x) > 1}):
        problems.append(f"{where}: the quiz {label!r} is listed more than once")
    return found


def _expand_quiz(entry: str, where: Where, base: Path, problems: list[str]) -> list[QuizRef]:
    from ..formats.loading import detect_layout

    if entry == "bundled":
        return [QuizRef("bundled", "")]
    pattern = Path(entry).expanduser()
    absolute = pattern.is_absolute()
    pattern = pattern if absolute else base / pattern
    is_glob = glob.has_magic(entry)
    matches = [pattern]
    if is_glob:  # a glob takes the quizzes it matches and passes over anything else
        matches = [p for p in sorted(Path(p) for p in glob.glob(str(pattern))) if _is_quiz(p)]
    if not matches:
        problems.append(f"{where}: no quiz matches {entry!r}")
    refs: list[QuizRef] = []
    for path in matches:
        candidates = [path]
        try:
            detect_layout(path)
        except StemhulpError as error:
            subfolders = sorted(p for p in path.iterdir() if p.is_dir()) if path.is_dir() else []
            candidates = [p for p in subfolders if _is_quiz(p)]
            if not candidates:
                problems.append(f"{where}: {entry!r}: {error.problems[0]}")
                continue
        refs.extend(QuizRef(_label(p, base, absolute), str(p.resolve())) for p in candidates)
    return refs


def _is_quiz(path: Path) -> bool:
    from ..formats.loading import detect_layout

    try:
        detect_layout(path)
    except StemhulpError:
        return False
    return True


def _label(path: Path, base: Path, absolute: bool) -> str:
    """The quiz's path as the grid names it, relative to the grid file unless written absolute, worked
    out on the text alone (symlinks not followed): a task's label, and so its seed, stays the same
    wherever the tree is checked out or the data is mounted."""
    return Path(os.path.normpath(path) if absolute else os.path.relpath(path, base)).as_posix()


def _names(value: Any, where: Where, registry: Any, problems: list[str], allow_empty: bool = False) -> list[str]:
    names = _as_list(value)
    if not names and not allow_empty:
        problems.append(f"{where}: the list is empty; name at least one")
    known = _registry_names(registry)
    result = []
    for i, name in enumerate(names):
        if not isinstance(name, str) or name not in known:
            problems.append(f"{where / i}: unknown name {name!r}; choose from {', '.join(known)}")
        elif name in result:
            problems.append(f"{where / i}: {name!r} is listed twice")
        else:
            result.append(name)
    return result


def _registry_names(registry: Any) -> list[str]:
    if isinstance(registry, Mapping):
        return list(registry)
    return [entry.name for entry in registry]


def _models(value: Any, where: Where, base: Path, problems: list[str]) -> list[ModelSpec]:
    """Models: a name, or a mapping {name: party, eps: 0.2} with that model's parameters."""
    specs: list[ModelSpec] = []
    for i, entry in enumerate(_as_list(value)):
        here = where / i
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            problems.append(f"{here}: expected a model name or a mapping with 'name', got {entry!r}")
            continue
        name = entry["name"]
        if name not in MODEL_PARAMETERS:
            problems.append(f"{here / 'name'}: unknown model {name!r}; choose from {', '.join(MODEL_PARAMETERS)}")
            continue
        parameters = []
        for key, parameter in entry.items():
            if key == "name":
                continue
            if key not in MODEL_PARAMETERS[name]:
                allowed = ", ".join(MODEL_PARAMETERS[name]) or "none"
                problems.append(f"{here / key}: the {name!r} model takes no {key!r} (parameters: {allowed})")
                continue
            if key == "eps" and isinstance(parameter, list) and len(parameter) != 1:
                problems.append(
                    f"{here / key}: one eps per model, got {len(parameter)} values; list one model per value "
                    "(a sweep's rows report one eps)"
                )
                continue
            if key == "answers" and isinstance(parameter, str):
                answers = Path(parameter).expanduser()
                parameter = str(answers if answers.is_absolute() else (base / answers).resolve())
            parameters.append((key, _frozen(parameter)))
        spec = ModelSpec(name, tuple(sorted(parameters)), where=str(here))
        if spec in specs:
            problems.append(f"{here}: the model {spec.label} is listed twice")
        specs.append(spec)
    if not specs and not problems:
        problems.append(f"{where}: the list is empty; name at least one model")
    return specs


def _frozen(value: Any) -> Any:
    """Lists become tuples so that a model spec is hashable; mappings become sorted pairs."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _whole_list(value: Any, where: Where, least: int, most: int, problems: list[str]) -> list[int]:
    values = _as_list(value)
    if not values:
        problems.append(f"{where}: the list is empty")
    result: list[int] = []
    for i, number in enumerate(values):
        here = where / i if isinstance(value, list) else where
        if isinstance(number, bool) or not isinstance(number, int) or not least <= number <= most:
            problems.append(f"{here}: expected a whole number from {least:,} to {most:,}, got {shown(number)}")
        elif number in result:
            problems.append(f"{here}: {number} is listed twice (every task would run twice)")
        else:
            result.append(number)
    return result


def _probability(value: Any, where: Where, problems: list[str]) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        problems.append(f"{where}: expected a probability from 0 to 1, got {value!r}")
        return 0.0
    return float(value)
