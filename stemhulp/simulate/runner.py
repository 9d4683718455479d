"""The simulation loop: fixed blocks of respondents, scored in chunks, tallied, merged in order.

Randomness is drawn per block of `BLOCK` respondents from `default_rng([seed, block])`, so a
respondent's answers depend only on the seed and its index, never on the chunk size or the
number of worker processes. Chunks only bound memory; workers process whole blocks and their
tallies (integer counts) and per-respondent rows are merged in block order.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from ..errors import SimulationError
from ..formats.provenance import provenance
from ..limits import MAX_RESPONDENTS, MAX_WORKERS
from ..matching.coverage import check_min_coverage
from ..matching.dealbreakers import excluded_mask
from ..matching.engine import DEFAULT_CHUNK, Scorer
from ..matching.facade import build_scorer
from ..matching.methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING, get_method, get_policy
from ..matching.ranking import top_set
from ..quiz.model import Quiz
from ..quiz.stats import consensus_statements, party_agreement
from . import defaults
from .dealbreakers import HOW as DEALBREAKER_CHOICE
from .dealbreakers import pick_dealbreakers
from .diagnostics import (
    Tally,
    _ratio,
    method_pairs,
    same_sets,
    set_codes,
    tally_primary,
    tally_recovery,
    tally_taus,
    tally_top,
    top_shares,
)
from .models import RespondentModel, make_model, stance_matrix
from .output import Context, SimulationResult, build_report
from .report import PartyAgreement, Replications, SimulationReport
from .respondents import DEFAULT_DISCRIMINATION, DEFAULT_EPS, DEFAULT_MODEL
from .rows import RowLayout, RowWriter, chunk_columns, parse_columns
from .uncertainty import replication_seed, replication_summary

BLOCK = 65_536  # respondents per block of random draws; fixed, so results never depend on chunks
BLOCK_CELLS = 1 << 22  # answers per block at most: a quiz of many statements gets smaller blocks


def block_size(statements: int) -> int:
    """Respondents per block: BLOCK, or a smaller power of two for a long quiz, so that one block's
    draws stay within BLOCK_CELLS answers (bounded memory). Depends only on the quiz."""
    size = BLOCK
    while size > 256 and size * statements > BLOCK_CELLS:
        size //= 2
    return size


DEFAULT_TAU_SAMPLE = defaults.TAU_SAMPLE
DEFAULT_INFLUENCE_SAMPLE = defaults.INFLUENCE_SAMPLE
_INFLUENCE_ROWS = 16_384  # re-scored rows per piece in the statement-influence diagnostic

Progress = Callable[[int, int], None]  # (respondents done, respondents in all)


@attrs.frozen
class Plan:
    """Everything a worker needs for any block: plain numbers and arrays, so it pickles."""

    respondents: int
    seed: int
    model: RespondentModel
    scorer: Scorer
    methods: tuple[str, ...]  # the main method first, then the other compared methods
    sensitivity: tuple[int, ...]  # indices into `methods` of the methods compared
    parties: int
    statements: int
    scale_size: int
    skip: float = 0.0
    important: float = 0.0
    chunk_size: int = DEFAULT_CHUNK
    tau_sample: int = DEFAULT_TAU_SAMPLE
    influence_sample: int = DEFAULT_INFLUENCE_SAMPLE
    rows: RowLayout | None = None  # the per-respondent row columns, when rows are written
    stances: NDArray[np.int64] | None = None  # (statements, parties), for the coverage rule
    min_coverage: float = 0.0
    dealbreakers: float = 0.0  # the share of respondents who mark a deal-breaker (`simulate.dealbreakers`)

    def score(
        self,
        codes: NDArray[np.integer],
        important: NDArray[np.bool_] | None = None,
        methods: int | None = None,
        excluded: NDArray[np.bool_] | None = None,
    ) -> list[NDArray[np.float64]]:
        """The scorer's scores, NaN where a party is not ranked (the coverage rule of `match`) and
        where it is `excluded` by one of the respondent's deal-breakers (see `excluded`)."""
        scores = self.scorer.score(codes, important, methods, min_coverage=self.min_coverage)
        if excluded is not None:
            for table in scores:
                table[excluded] = np.nan
        return scores

    def excluded(self, codes: NDArray[np.integer], marks: NDArray[np.bool_] | None) -> NDArray[np.bool_] | None:
        """(respondents × parties): True where a party is on the other side of a deal-breaker (None: no marks)."""
        if marks is None:
            return None
        assert self.stances is not None
        return excluded_mask(codes, marks, self.stances, self.scale_size)

    @property
    def block(self) -> int:
        return block_size(self.statements)

    @property
    def blocks(self) -> int:
        return -(-self.respondents // self.block)

    @property
    def eps_count(self) -> int:
        return len(getattr(self.model, "eps", ())) or 0

    def new_tally(self) -> Tally:
        return Tally(
            self.parties, self.statements, len(self.methods), self.eps_count, len(method_pairs(len(self.sensitivity)))
        )


def run_block(plan: Plan, block: int) -> tuple[Tally, list[list[Any]] | None]:
    """Draw, score and tally one block; with `plan.rows` also the per-respondent rows."""
    first = block * plan.block
    n = min(plan.block, plan.respondents - first)
    rng = np.random.default_rng([plan.seed, block])
    draw = plan.model.draw(rng, n)
    variants = list(draw.variants)
    important = draw.important
    if plan.skip > 0:
        skipped = rng.random((n, plan.statements)) < plan.skip
        variants = [np.where(skipped, np.int8(-1), v) for v in variants]
    if plan.important > 0:
        marked = rng.random((n, plan.statements)) < plan.important
        important = marked if important is None else (important | marked)
    marks = pick_dealbreakers(rng, variants[0], plan.dealbreakers, plan.scale_size) if plan.dealbreakers > 0 else None
    tally = plan.new_tally()
    rows: list[list[Any]] | None = [] if plan.rows is not None else None
    step = max(1, min(plan.chunk_size, plan.block))
    for lo in range(0, n, step):
        hi = min(lo + step, n)
        chunk_important = None if important is None else important[lo:hi] & (variants[0][lo:hi] >= 0)
        chunk_marks = None if marks is None else marks[lo:hi]
        top, scores = _tally_chunk(plan, tally, first + lo, variants[0][lo:hi], chunk_important, chunk_marks)
        if draw.origin is not None:
            origin = draw.origin[lo:hi]
            tally.origin_n += np.bincount(origin, minlength=plan.parties)
            tally_recovery(tally, 0, top[0], origin)
            for e in range(1, len(variants)):
                codes = variants[e][lo:hi]
                imp = None if important is None else important[lo:hi] & (codes >= 0)
                out = plan.excluded(codes, chunk_marks)
                tally_recovery(tally, e, top_set(plan.score(codes, imp, 1, out)[0]), origin)
        if plan.rows is not None and rows is not None:
            rows.append(
                chunk_columns(
                    plan.rows,
                    np.arange(first + lo, first + hi, dtype=np.int64),
                    draw,
                    lo,
                    hi,
                    variants[0][lo:hi],
                    chunk_important,
                    top,
                    scores,
                )
            )
    return tally, rows


def _tally_chunk(
    plan: Plan,
    tally: Tally,
    start: int,
    codes: NDArray[np.int8],
    important: NDArray[np.bool_] | None,
    marks: NDArray[np.bool_] | None = None,
) -> tuple[list[NDArray[np.bool_]], list[NDArray[np.float64]]]:
    n = codes.shape[0]
    excluded = plan.excluded(codes, marks)
    scores = plan.score(codes, important, excluded=excluded)
    if excluded is not None and marks is not None:
        tally.excluded += excluded.sum(axis=0)
        tally.dealbreaker_users += int(marks.any(axis=1).sum())
    tops = [top_set(s) for s in scores]
    tally.unranked += np.isnan(scores[0]).sum(axis=0)
    tally.n += n
    top_codes = [set_codes(top) for top in tops]  # None beyond CODED_PARTIES parties
    for m, top in enumerate(tops):
        tally_top(tally, m, top, top_codes[m])
    tally_primary(tally, scores[0])
    M = len(tops)
    for i in range(M):
        tally.same_top[i, i] += n
        for j in range(i + 1, M):
            a, b = top_codes[i], top_codes[j]
            same = same_sets(tops[i], tops[j]) if a is None or b is None else int(np.count_nonzero(a == b))
            tally.same_top[i, j] += same
            tally.same_top[j, i] += same
    in_tau = max(0, min(n, plan.tau_sample - start))
    if in_tau:
        tally.tau_n += in_tau
        tally_taus(tally, [scores[m][:in_tau] for m in plan.sensitivity], method_pairs(len(plan.sensitivity)))
    in_influence = max(0, min(n, plan.influence_sample - start))
    if in_influence:
        _influence(
            plan,
            tally,
            codes[:in_influence],
            None if important is None else important[:in_influence],
            tops[0][:in_influence],
            None if marks is None else marks[:in_influence],
        )
    return tops, scores


def _influence(
    plan: Plan,
    tally: Tally,
    codes: NDArray[np.int8],
    important: NDArray[np.bool_] | None,
    top: NDArray[np.bool_],
    marks: NDArray[np.bool_] | None = None,
) -> None:
    """Does flipping or dropping one statement's answer change the top set?"""
    S, k = plan.statements, plan.scale_size
    per_piece = max(1, _INFLUENCE_ROWS // max(S, 1))
    for lo in range(0, codes.shape[0], per_piece):
        sample = codes[lo : lo + per_piece]
        m = sample.shape[0]
        repeated = np.repeat(sample, S, axis=0)
        rows, which = np.arange(m * S), np.tile(np.arange(S), m)
        answer = repeated[rows, which]
        imp = None if important is None else np.repeat(important[lo : lo + per_piece], S, axis=0)
        held = None if marks is None else np.repeat(marks[lo : lo + per_piece], S, axis=0)
        reference = np.repeat(top[lo : lo + per_piece], S, axis=0)
        flipped = repeated.copy()
        flipped[rows, which] = np.where(answer >= 0, k - 1 - answer, -1)
        dropped = repeated.copy()
        dropped[rows, which] = -1
        for variant, target in ((flipped, tally.flip_change), (dropped, tally.drop_change)):
            changed = (top_set(plan.score(variant, imp, 1, plan.excluded(variant, held))[0]) != reference).any(axis=1)
            target += changed.reshape(m, S).sum(axis=0)
        tally.influence_n += m


# --- running all blocks -----------------------------------------------------------------------

_WORKER_PLAN: list[Plan] = []


def _init_worker(plan: Plan) -> None:
    _WORKER_PLAN[:] = [plan]


def _worker_block(block: int) -> tuple[Tally, list[list[Any]] | None]:
    return run_block(_WORKER_PLAN[0], block)


def run_blocks(
    plan: Plan,
    workers: int = 1,
    progress: Progress | None = None,
    sink: Callable[[list[list[Any]]], None] | None = None,
) -> Tally:
    """Run every block (in `workers` processes) and merge the tallies in block order."""
    total = plan.new_tally()
    done = 0

    def collect(result: tuple[Tally, list[list[Any]] | None]) -> None:
        nonlocal done
        tally, rows = result
        total.merge(tally)
        if sink is not None and rows is not None:
            sink(rows)
        done += tally.n
        if progress is not None:
            progress(done, plan.respondents)

    if workers <= 1 or plan.blocks <= 1:
        for block in range(plan.blocks):
            collect(run_block(plan, block))
        return total
    import multiprocessing

    # Fresh interpreters (spawn): they work from any caller and inherit the environment at
    # start, so each worker's BLAS runs single-threaded (the workers share the cores instead).
    context = multiprocessing.get_context("spawn")
    window = 2 * workers  # blocks in flight: bounded memory, results consumed in order
    with ProcessPoolExecutor(
        max_workers=min(workers, plan.blocks), mp_context=context, initializer=_init_worker, initargs=(plan,)
    ) as pool:
        pending: deque[Future[tuple[Tally, list[list[Any]] | None]]] = deque()
        with _single_threaded_blas():  # workers start on the first submissions
            for block in range(min(window, plan.blocks)):
                pending.append(pool.submit(_worker_block, block))
        for block in range(len(pending), plan.blocks):
            collect(pending.popleft().result())
            pending.append(pool.submit(_worker_block, block))
        while pending:
            collect(pending.popleft().result())
    return total


_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextlib.contextmanager
def _single_threaded_blas() -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in _BLAS_THREADS}
    os.environ.update({name: "1" for name in _BLAS_THREADS})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def new_seed() -> int:
    """A fresh seed, reported in the output so that the run can be repeated."""
    return secrets.randbits(32)


def check_run_options(
    respondents: int,
    seed: int | None,
    chunk_size: int,
    workers: int,
    skip: float,
    important: float,
    tau_sample: int,
    influence_sample: int,
) -> None:
    problems = []

    def whole(name: str, value: Any, least: int) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < least:
            problems.append(f"{name} must be a whole number of at least {least}, got {value!r}")

    whole("respondents", respondents, 1)
    if not problems and respondents > MAX_RESPONDENTS:
        problems.append(f"respondents: at most {MAX_RESPONDENTS:,} in one run, got {respondents:,}")
    if seed is not None:
        whole("seed", seed, 0)
    whole("chunk_size", chunk_size, 1)
    whole("workers", workers, 1)
    whole("tau_sample", tau_sample, 0)
    whole("influence_sample", influence_sample, 0)
    for name, value in (("skip", skip), ("important", important)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
            problems.append(f"{name} must be a probability in [0, 1], got {value!r}")
    if isinstance(workers, (int, np.integer)) and workers > min(MAX_WORKERS, (os.cpu_count() or 1) * 4):
        problems.append(f"workers={workers} is far more than the {os.cpu_count()} CPUs here")
    if problems:
        raise SimulationError(problems)


# --- the library entry point ------------------------------------------------------------------


def simulate(
    quiz: Quiz,
    respondents: int,
    *,
    model: str | RespondentModel = DEFAULT_MODEL,
    seed: int | None = None,
    method: str | None = None,
    methods: Sequence[str] | None = None,
    missing: str | None = None,
    salience: bool = False,
    eps: float | Sequence[float] = DEFAULT_EPS,
    shares: Mapping[str, float] | None = None,
    discrimination: float = DEFAULT_DISCRIMINATION,
    thresholds: Sequence[float] | None = None,
    answers: str | os.PathLike[str] | None = None,
    skip: float = 0.0,
    important: float = 0.0,
    dealbreakers: float = 0.0,
    chunk_size: int = DEFAULT_CHUNK,
    workers: int = 1,
    out: str | os.PathLike[str] | None = None,
    columns: str | Sequence[str] | None = None,
    replications: int = 1,
    tau_sample: int = DEFAULT_TAU_SAMPLE,
    influence_sample: int = DEFAULT_INFLUENCE_SAMPLE,
    progress: Progress | None = None,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    parties: Sequence[str] | None = None,
) -> SimulationResult:
    """Simulate `respondents` answering `quiz` and diagnose the advice they get.

    `model` is 'uniform', 'party' (parameters `eps`, one value or several, and `shares`),
    'spatial' (`discrimination`, `thresholds`) or 'empirical' (`answers`), or a model object
    from `stemhulp.simulate.models`. `skip` and `important` are per-statement probabilities
    applied on top of any model; `dealbreakers` is the share of respondents who mark one
    deal-breaker (`stemhulp.simulate.dealbreakers` says how they pick it; excluded parties have
    no score for that respondent, reported as `excluded_share`). `methods` lists methods to compare with each other
    (sensitivity); `method` is the one the main diagnostics use. The same `seed` gives the same
    result whatever `chunk_size` and `workers` are. `out` writes one row per respondent (CSV,
    or Parquet for a name ending in .parquet), atomically; `columns` picks its column groups
    (`stemhulp.simulate.rows`: top, scores, margin, model, answers, important, compared; default
    top,scores,model). `replications` > 1 repeats the run with seeds derived from `seed` and
    reports the spread of top shares and bias ratios (`uncertainty`). See `diagnostics` for
    every measure. Top advice counts ranked parties only: a party with a stance on fewer than
    `min_coverage` of a respondent's answers is unranked for that respondent (reported as
    `unranked_share`). `parties` restricts the compared parties (ids); constant or evasive
    parties are flagged.
    """
    min_coverage = check_min_coverage(min_coverage)
    handed_over = quiz
    if parties is not None:
        quiz = restrict_parties(quiz, parties)
    method = method or DEFAULT_METHOD
    missing = missing or DEFAULT_MISSING
    check_run_options(respondents, seed, chunk_size, workers, skip, important, tau_sample, influence_sample)
    if isinstance(dealbreakers, bool) or not isinstance(dealbreakers, (int, float)) or not 0 <= dealbreakers <= 1:
        raise SimulationError(f"dealbreakers must be a share of respondents in [0, 1], got {dealbreakers!r}")
    if isinstance(replications, bool) or not isinstance(replications, (int, np.integer)) or replications < 1:
        raise SimulationError(f"replications must be a whole number of at least 1, got {replications!r}")
    if respondents * replications > MAX_RESPONDENTS:
        raise SimulationError(
            f"respondents × replications: at most {MAX_RESPONDENTS:,} respondents in one run, "
            f"got {respondents:,} × {replications:,}"
        )
    if columns is not None and out is None:
        raise SimulationError("columns: chooses the columns of --out; give --out too")
    groups = parse_columns(columns)
    seed = new_seed() if seed is None else int(seed)
    model_name = model if isinstance(model, str) else model.name
    if isinstance(model, str):
        model = make_model(
            quiz, model, eps=eps, shares=shares, discrimination=discrimination, thresholds=thresholds, answers=answers
        )
    compared = list(dict.fromkeys(methods or ()))
    all_methods = _checked_methods(quiz, method, compared, missing)
    origin = provenance(
        handed_over,
        seed=seed if replications == 1 else [replication_seed(seed, r) for r in range(int(replications))],
        respondents=int(respondents),
        model=model_name,
        parameters={**model.parameters(), **_chances(float(skip), float(important), float(dealbreakers))},
        method=method,
        methods=list(all_methods),
        missing=missing,
        salience=salience,
        min_coverage=min_coverage,
        parties=None if parties is None else [p.id for p in quiz.parties],
    )
    plan = Plan(
        respondents=int(respondents),
        seed=seed,
        model=model,
        scorer=build_scorer(
            quiz,
            all_methods,
            missing,
            salience,
            important=important > 0 or getattr(model, "pool_important", None) is not None,
        ),
        methods=all_methods,
        sensitivity=tuple(all_methods.index(m) for m in compared) if len(compared) >= 2 else (),
        parties=len(quiz.parties),
        statements=len(quiz.statements),
        scale_size=quiz.scale.size,
        skip=float(skip),
        important=float(important),
        chunk_size=int(chunk_size),
        tau_sample=int(tau_sample),
        influence_sample=int(influence_sample),
        rows=None if out is None else _row_layout(quiz, groups, all_methods, model, origin | {"seed": seed}),
        stances=stance_matrix(quiz),
        min_coverage=min_coverage,
        dealbreakers=float(dealbreakers),
    )
    tally = run_blocks(plan, workers, progress) if out is None else _run_with_rows(plan, workers, progress, out)
    settings = {
        "model": model_name,
        "method": method,
        "missing": missing,
        "salience": salience,
        "seed": seed,
        "min_coverage": min_coverage,
    }
    replicated = (
        _replicate(plan, workers, int(replications), tally, [p.id for p in quiz.parties]) if replications > 1 else None
    )
    return SimulationResult(_report(quiz, plan, tally, settings, replicated, origin))


def _row_layout(
    quiz: Quiz, groups: Any, methods: tuple[str, ...], model: RespondentModel, origin: dict[str, Any]
) -> RowLayout:
    """The columns of the per-respondent row file, and the provenance it carries."""
    return RowLayout(
        groups,
        tuple(p.id for p in quiz.parties),
        tuple(s.id for s in quiz.statements),
        methods,
        model.name,
        tuple(getattr(model, "axis_ids", ())),
        origin,
    )


def _chances(skip: float, important: float, dealbreakers: float) -> dict[str, Any]:
    """The run's answer-level chances for its parameters; `dealbreakers` (with how they are picked)
    only when used, so a run without them reports what it always did."""
    chances: dict[str, Any] = {"skip": skip, "important": important}
    if dealbreakers > 0:
        chances |= {"dealbreakers": dealbreakers, "dealbreaker_choice": DEALBREAKER_CHOICE}
    return chances


def _report(
    quiz: Quiz,
    plan: Plan,
    tally: Tally,
    settings: dict[str, Any],
    replications: Replications | None,
    origin: dict[str, Any],
) -> SimulationReport:
    """The report of a run: its header (the quiz and the settings), every diagnostic with its
    interval, what the quiz itself shows (party agreement, flags, consensus), and the provenance."""
    model = plan.model
    context = Context(
        quiz.id,
        tuple(p.id for p in quiz.parties),
        tuple(p.name for p in quiz.parties),
        tuple(s.id for s in quiz.statements),
        tuple(getattr(model, "axis_ids", ())),
    )
    header = {
        "quiz": quiz.id,
        "quiz_title": {"nl": quiz.localized_title("nl"), "en": quiz.localized_title("en")},
        "party_names": dict(zip(context.parties, context.party_names, strict=True)),
        "respondents": plan.respondents,
        "model": settings["model"],
        "parameters": {**model.parameters(), **_chances(plan.skip, plan.important, plan.dealbreakers)},
        "method": settings["method"],
        "missing": settings["missing"],
        "salience": settings["salience"],
        "seed": settings["seed"],
        "block_size": plan.block,
        "min_coverage": settings["min_coverage"],
    }
    return build_report(
        context,
        tally,
        header,
        plan.methods,
        plan.sensitivity,
        describe_quiz(quiz),
        getattr(model, "eps", ()),
        replications,
        origin,
    )


def _checked_methods(quiz: Quiz, method: str, compared: list[str], missing: str) -> tuple[str, ...]:
    """The main method first, then the other compared ones; each name checked, as is the policy."""
    all_methods = tuple(dict.fromkeys([method, *compared]))
    for name in all_methods:
        get_method(name)
    get_policy(missing)
    if not quiz.parties:
        raise SimulationError(f"quiz {quiz.id!r} has no parties to simulate against")
    return all_methods


def describe_quiz(quiz: Quiz) -> dict[str, Any]:
    """What the report says about the quiz itself (the same for any respondents)."""
    stances = stance_matrix(quiz)
    from ..quiz.profiles import party_profile

    agreement = party_agreement(stances, [p.id for p in quiz.parties])
    return {
        "party_agreement": PartyAgreement(
            parties=agreement["parties"],
            matrix=tuple(tuple(row) for row in agreement["matrix"]),
            compared=tuple(tuple(row) for row in agreement["compared"]),
        ),
        "party_flags": {p: tuple(profile.flags) for p, profile in party_profile(quiz).items()},
        "consensus_statements": consensus_statements(stances, [s.id for s in quiz.statements]),
    }


def restrict_parties(quiz: Quiz, parties: Sequence[str]) -> Quiz:
    """The quiz with only `parties` (ids, in that order), or a `SimulationError` naming unknown ones."""
    from ..formats.answers import check_ids
    from ..formats.where import Where

    ids, problems = check_ids(list(parties), quiz.party_by_id, Where("parties"), "parties", allow_empty=False)
    problems += [f"parties: {p!r} is listed more than once" for p in dict.fromkeys(ids) if ids.count(p) > 1]
    if problems:
        raise SimulationError(problems)
    keep = list(dict.fromkeys(ids))
    return attrs.evolve(
        quiz,
        parties=tuple(quiz.party_by_id[p] for p in keep),
        positions=tuple(p for p in quiz.positions if p.party in set(keep)),
    )


def _replicate(plan: Plan, workers: int, count: int, main: Tally, parties: list[str]) -> Replications:
    """Rerun the plan with seeds derived from its seed (without tau, influence or rows: only the
    top shares are compared) and summarise the spread; replication 0 is the main run (`main`)."""
    seeds = [replication_seed(plan.seed, r) for r in range(count)]
    shares: list[dict[str, float | None]] = []
    tie_rates: list[float | None] = []
    for r, seed in enumerate(seeds):
        rerun = attrs.evolve(plan, seed=seed, tau_sample=0, influence_sample=0, rows=None)
        tally = main if r == 0 else run_blocks(rerun, workers)
        shares.append(top_shares(tally, 0, parties))
        scored = int(tally.n - tally.tie_sizes[0, 0])
        tie_rates.append(_ratio(int(tally.tie_sizes[0, 2:].sum()), scored))
    return replication_summary(seeds, shares, tie_rates, parties)


def _run_with_rows(plan: Plan, workers: int, progress: Progress | None, out: str | os.PathLike[str]) -> Tally:
    from ..formats.atomic import write_atomic

    result: list[Tally] = []

    def write(stream: Any) -> None:
        assert plan.rows is not None
        writer = RowWriter(stream, os.fspath(out), plan.rows)
        result.append(run_blocks(plan, workers, progress, sink=writer.write))
        writer.close()

    write_atomic(out, write)
    return result[0]
