"""One sweep task: run one simulation and turn its report into tidy rows, one per party.

A task runs anywhere: it receives its parameters and the quiz as a stemhulp/1 document (plain
data, so it travels to a Dask worker on another machine without a shared file system), and its
rows depend only on those.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..quiz.model import Quiz
from ..simulate.report import SimulationReport
from .grid import ModelSpec, Task

# Columns of the results table, in order; every row has every column (None where it does not apply).
TASK_COLUMNS = (
    "task",
    "quiz",
    "quiz_title",
    "method",
    "missing",
    "model",
    "seed",
    "respondents",
    "task_seed",
    "parties",
)
PARTY_COLUMNS = (
    "party",
    "party_name",
    "top_share",
    "top_share_low",
    "top_share_high",
    "bias_ratio",
    "mean_score",
    "rank1_share",
    "recovery_party",
)
SUMMARY_COLUMNS = ("scored", "without_score", "tie_rate", "margin_mean", "close_call_rate", "recovery_rate")


def columns(compare: tuple[str, ...]) -> tuple[str, ...]:
    """All columns for a grid comparing the task's method with `compare`."""
    compared = tuple(f"{kind}_{name}" for name in compare for kind in ("same_top", "tau_mean"))
    return TASK_COLUMNS + PARTY_COLUMNS + SUMMARY_COLUMNS + compared


_LOADED: dict[str, tuple[Mapping[str, Any], Quiz]] = {}  # per worker process: label -> (document, quiz)


def quiz_for(task: Task, quiz: Quiz | Mapping[str, Any]) -> Quiz:
    """The quiz object; a document is loaded once per process and quiz (tasks share it)."""
    if isinstance(quiz, Quiz):
        return quiz
    from ..formats.loading import load

    cached = _LOADED.get(task.quiz.label)
    if cached is None or not (cached[0] is quiz or cached[0] == quiz):
        cached = (quiz, load(quiz))
        _LOADED[task.quiz.label] = cached
    return cached[1]


def model_parameters(model: ModelSpec) -> dict[str, Any]:
    """A model spec's parameters as `simulate` takes them (lists and a shares mapping again)."""
    parameters = dict(model.parameters)
    for key in ("eps", "thresholds"):
        if isinstance(parameters.get(key), tuple):
            parameters[key] = list(parameters[key])
    if isinstance(parameters.get("shares"), tuple):
        parameters["shares"] = dict(parameters["shares"])
    return parameters


def run_task(task: Task, quiz: Quiz | Mapping[str, Any], chunk_size: int | None = None) -> list[dict[str, Any]]:
    """Simulate `task` on `quiz` and return its rows (one per party), in the quiz's party order."""
    from ..simulate import simulate

    loaded = quiz_for(task, quiz)
    parameters = model_parameters(task.model)
    options: dict[str, Any] = {"chunk_size": chunk_size} if chunk_size else {}
    others = compared_with(task)
    result = simulate(
        loaded,
        task.respondents,
        model=task.model.name,
        seed=task.task_seed,
        method=task.method,
        methods=[task.method, *others] if others else None,
        missing=task.missing,
        salience=task.salience,
        skip=task.skip,
        important=task.important,
        tau_sample=task.tau_sample if others else 0,
        influence_sample=0,
        **parameters,
        **options,
    )
    return report_rows(task, loaded, result.report)


def report_rows(task: Task, quiz: Quiz, report: SimulationReport) -> list[dict[str, Any]]:
    """The tidy rows of one task's simulation report."""
    parties = report.parties
    names = {p.id: p.name for p in quiz.parties}
    recovery = report.recovery
    rates = recovery.rate if recovery else (None,)
    by_party = recovery.by_party if recovery else {}
    common: dict[str, Any] = {
        "task": task.key,
        "quiz": task.quiz.label,
        "quiz_title": quiz.title,
        "method": task.method,
        "missing": task.missing,
        "model": task.model.label,
        "seed": task.seed,
        "respondents": task.respondents,
        "task_seed": task.task_seed,
        "parties": len(parties),
        "scored": report.scored,
        "without_score": report.without_score,
        "tie_rate": report.tie_rate,
        "margin_mean": report.margin.mean,
        "close_call_rate": report.margin.close_call_rate,
        "recovery_rate": rates[0],
    }
    common.update(_compared(task, report))
    rows = []
    for party in parties:
        interval = report.top_share_interval[party] or (None, None)
        recovered = by_party.get(party)
        rows.append(
            {
                **common,
                "party": party,
                "party_name": names.get(party, party),
                "top_share": report.top_share[party],
                "top_share_low": interval[0],
                "top_share_high": interval[1],
                "bias_ratio": report.bias_ratio[party],
                "mean_score": report.mean_score[party],
                "rank1_share": report.rank_distribution[party]["1"],
                "recovery_party": recovered[0] if recovered else None,
            }
        )
    order = columns(task.compare)
    return [{column: row.get(column) for column in order} for row in rows]


def compared_with(task: Task) -> list[str]:
    """The grid's `compare` methods other than the task's own (a method agrees with itself: its
    columns are 1 for that task, not simulated)."""
    return [name for name in task.compare if name != task.method]


def _compared(task: Task, report: SimulationReport) -> dict[str, Any]:
    """Per compared method: the share whose top advice is the same, and the mean Kendall tau."""
    if not task.compare:
        return {}
    sensitivity = report.sensitivity
    same = sensitivity.same_top if sensitivity else ()
    taus = {tau.methods: tau for tau in sensitivity.kendall_tau} if sensitivity else {}
    values: dict[str, Any] = {}
    others = compared_with(task)
    for name in task.compare:
        if name == task.method:
            values[f"same_top_{name}"], values[f"tau_mean_{name}"] = 1.0, 1.0
            continue
        j = others.index(name) + 1
        values[f"same_top_{name}"] = same[0][j] if same else None
        tau = taus.get((task.method, name)) or taus.get((name, task.method))
        values[f"tau_mean_{name}"] = None if tau is None else tau.mean
    return values
