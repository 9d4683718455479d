"""Run a sweep's tasks in this process or on Dask, and keep the results in one Parquet table.

Dask does the scheduling (`dask.distributed`: a `LocalCluster` by default, or an existing
scheduler by address); stemhulp only says what each task is. Finished rows are checkpointed to
the output file as they arrive, so an interrupted sweep resumes where it stopped: tasks whose
rows are already in the output are not run again.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from ..errors import GridError, StemhulpError, SweepError
from ..limits import MAX_WORKERS
from ..quiz.model import Quiz
from .grid import Grid, Task, load_grid, parse_grid
from .table import read_rows, write_rows

Progress = Callable[[int, int, int], None]  # (tasks done, tasks in all, respondents scored)
CHECKPOINT_SECONDS = 10.0
INLINE = "inline"
CONNECT_SECONDS = 10  # waiting for a scheduler that does not answer
SCHEDULER_ADDRESS = re.compile(
    r"(tcp|tls|ws|wss|ucx)://[A-Za-z0-9._\-]+(:[0-9]{1,5})?|(tcp|tls)://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?", re.ASCII
)  # the scheduler name that runs every task in this process, without Dask


@attrs.frozen
class SweepResult:
    """The tidy table of a sweep: one row per task × party, sorted by task and party order."""

    rows: tuple[Mapping[str, Any], ...]
    tasks: int  # tasks in the grid
    ran: int  # tasks run now (the rest came from the output being resumed)
    provenance: Mapping[str, Any] = attrs.field(factory=dict, eq=False)  # see `sweep_provenance`

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (`pip install 'stemhulp[pandas]'`)."""
        try:
            import pandas as pd
        except ImportError:
            raise SweepError("DataFrames need pandas: pip install 'stemhulp[pandas]'") from None
        return pd.DataFrame(list(self.rows))


def sweep(
    grid: Grid | Mapping[str, Any] | str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
) -> SweepResult:
    """Run every task of `grid` and gather one row per task × party.

    `grid` is a `Grid`, a grid mapping or a grid YAML file. `scheduler`: None starts a Dask
    `LocalCluster` with `workers` processes (default: one per core), unless the environment
    names one in DASK_SCHEDULER_ADDRESS; 'tcp://host:port' uses that running Dask scheduler;
    'inline' runs in this process without Dask. With `out`, rows are written (and
    checkpointed) to that Parquet file, and tasks already in it are skipped.
    """
    grid = _as_grid(grid)
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS
    ):
        raise SweepError(f"workers: expected a whole number from 1 to {MAX_WORKERS}, got {workers!r}")
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    if address is not None and address != INLINE:
        check_address(address, "scheduler" if scheduler else "DASK_SCHEDULER_ADDRESS")
    quizzes = _load_quizzes(grid)
    grid = attrs.evolve(
        grid, quizzes=tuple(attrs.evolve(ref, fingerprint=quizzes[ref.label].fingerprint) for ref in grid.quizzes)
    )
    _check_models(grid, quizzes)
    origin = sweep_provenance(grid, quizzes)
    tasks = grid.tasks()
    done_rows = read_rows(out, tasks) if out is not None and Path(out).exists() else []
    done = {row["task"] for row in done_rows}
    pending = [task for task in tasks if task.key not in done]
    rows: list[Mapping[str, Any]] = list(done_rows)
    finished, total_respondents = len(done), 0
    last_checkpoint = time.monotonic()
    for task, task_rows in _execute(pending, quizzes, scheduler, workers, chunk_size):
        rows.extend(task_rows)
        finished, total_respondents = finished + 1, total_respondents + task.respondents
        if progress is not None:
            progress(finished, len(tasks), total_respondents)
        if out is not None and time.monotonic() - last_checkpoint > CHECKPOINT_SECONDS:
            write_rows(out, _sorted(rows, tasks), grid.compare, origin)
            last_checkpoint = time.monotonic()
    ordered = _sorted(rows, tasks)
    if out is not None:
        write_rows(out, ordered, grid.compare, origin)
    return SweepResult(tuple(ordered), len(tasks), len(pending), origin)


def sweep_provenance(grid: Grid, quizzes: Mapping[str, Quiz]) -> dict[str, Any]:
    """Where a sweep's table comes from: the stemhulp version, each quiz's id and fingerprint by
    label, the grid's seeds (each task's own seed is the `task_seed` column) and its settings."""
    from ..formats.provenance import record

    origin = record(
        None,
        None,
        seed=list(grid.seeds),
        methods=list(grid.methods),
        missing=list(grid.missing),
        models=[model.label for model in grid.models],
        respondents=list(grid.respondents),
        compare=list(grid.compare),
        salience=grid.salience,
        skip=grid.skip,
        important=grid.important,
    )
    del origin["quiz"], origin["quiz_fingerprint"]
    origin["quizzes"] = {
        label: {"quiz": quiz.id, "quiz_fingerprint": quiz.fingerprint} for label, quiz in quizzes.items()
    }
    return origin


def _as_grid(grid: Grid | Mapping[str, Any] | str | os.PathLike[str]) -> Grid:
    if isinstance(grid, Grid):
        return grid
    if isinstance(grid, Mapping):
        from ..formats.where import Where

        return parse_grid(grid, Where("<grid>"), Path.cwd())
    if isinstance(grid, (str, os.PathLike)):
        return load_grid(grid)
    raise GridError(f"grid: expected a Grid, a mapping or a YAML file path, got {type(grid).__name__}")


def _load_quizzes(grid: Grid) -> dict[str, Quiz]:
    """Every quiz of the grid, loaded once here, so a bad quiz fails before any task runs."""
    from ..formats.loading import load

    problems: list[str] = []
    quizzes: dict[str, Quiz] = {}
    for ref in grid.quizzes:
        try:
            quizzes[ref.label] = load(ref.path or None)
        except StemhulpError as error:
            problems.extend(error.problems)
    if problems:
        raise GridError(problems)
    return quizzes


def _check_models(grid: Grid, quizzes: Mapping[str, Quiz]) -> None:
    """Build every model of the grid for every quiz once, before any task runs, so a parameter out
    of range (eps: 5, an unknown party in shares, a broken answer pool) is one error naming the grid's line."""
    from ..simulate.models import make_model
    from .tasks import model_parameters

    problems: list[str] = []
    for spec in grid.models:
        parameters = model_parameters(spec)
        for label, quiz in quizzes.items():
            try:
                make_model(quiz, spec.name, **parameters)
            except StemhulpError as error:
                problems.extend(f"{spec.where or spec.label}: quiz {label}: {problem}" for problem in error.problems)
    if problems:
        raise GridError(list(dict.fromkeys(problems)))


def check_address(address: str, name: str) -> None:
    """A Dask scheduler address as `scheme://host:port` (or 'inline'); anything else is a clear error."""
    if not SCHEDULER_ADDRESS.fullmatch(address):
        raise SweepError(
            f"{name}: {address[:80]!r} is not a Dask scheduler address; expected tcp://HOST:PORT "
            "(or tls://…), or 'inline' to run in this process"
        )


def _sorted(rows: Iterable[Mapping[str, Any]], tasks: list[Task]) -> list[Mapping[str, Any]]:
    """Grid order of tasks, and within a task the quiz's party order (rows arrive in it)."""
    position = {task.key: i for i, task in enumerate(tasks)}
    indexed = [(position.get(row["task"], len(position)), i, row) for i, row in enumerate(rows)]
    by_task: dict[int, list[Mapping[str, Any]]] = {}
    for task_index, _, row in indexed:
        by_task.setdefault(task_index, []).append(row)
    return [row for task_index in sorted(by_task) for row in by_task[task_index]]


def _execute(
    tasks: list[Task], quizzes: Mapping[str, Quiz], scheduler: str | None, workers: int | None, chunk_size: int | None
) -> Iterator[tuple[Task, list[dict[str, Any]]]]:
    from .tasks import run_task

    if not tasks:
        return
    if scheduler == INLINE:
        for task in tasks:
            yield task, run_task(task, quizzes[task.quiz.label], chunk_size)
        return
    yield from _execute_dask(tasks, quizzes, scheduler, workers, chunk_size)


def _execute_dask(
    tasks: list[Task], quizzes: Mapping[str, Quiz], scheduler: str | None, workers: int | None, chunk_size: int | None
) -> Iterator[tuple[Task, list[dict[str, Any]]]]:
    distributed = _distributed()
    from ..formats.exchange import quiz_to_exchange
    from .tasks import run_task

    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    with _client(distributed, address, workers) as client:
        # A list, because scattering a mapping would scatter each of its values on its own.
        documents = {label: client.scatter([quiz_to_exchange(quiz)], hash=False)[0] for label, quiz in quizzes.items()}
        futures = {}
        for task in tasks:
            future = client.submit(
                run_task,
                task,
                documents[task.quiz.label],
                chunk_size,
                key=f"stemhulp-sweep-{task.task_seed:x}-{abs(hash(task.key)):x}",
                pure=False,
                retries=3,
            )
            futures[future] = task
        for future in distributed.as_completed(futures):
            try:
                yield futures[future], future.result()
            except StemhulpError:
                raise
            except Exception as error:  # a task that failed even after Dask's retries
                raise SweepError(f"task {futures[future].key}: {type(error).__name__}: {error}") from None


def _distributed() -> Any:
    try:
        import dask.distributed as distributed
    except ImportError:
        raise SweepError(
            "sweep runs on Dask: pip install 'stemhulp[dask]' "
            "(or use scheduler='inline' / --scheduler inline to run in this process)"
        ) from None
    return distributed


def _connect(distributed: Any, address: str) -> Any:
    """A client on the scheduler at `address`, or a `SweepError` after CONNECT_SECONDS: the attempt runs
    in a daemon thread, because a listener that accepts and never answers stalls Dask's handshake
    past its own timeouts."""
    import threading

    outcome: dict[str, Any] = {}

    def connect() -> None:
        try:
            outcome["client"] = distributed.Client(address, timeout=f"{CONNECT_SECONDS}s")
        except BaseException as error:  # handed to the waiting thread
            outcome["error"] = error

    thread = threading.Thread(target=connect, name="stemhulp-dask-connect", daemon=True)
    thread.start()
    thread.join(CONNECT_SECONDS + 2)
    if "error" in outcome:
        raise outcome["error"]
    if "client" not in outcome:
        raise TimeoutError("no answer from the scheduler")
    return outcome["client"]


class _client:
    """A Dask client on the given scheduler, or on a LocalCluster that lives as long as the sweep."""

    def __init__(self, distributed: Any, address: str | None, workers: int | None) -> None:
        self.distributed, self.address, self.workers = distributed, address, workers
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        distributed = self.distributed
        try:
            if self.address:
                self.client = _connect(distributed, self.address)
            else:
                self.cluster = distributed.LocalCluster(
                    n_workers=self.workers or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL,
                )
                self.client = distributed.Client(self.cluster)
        except Exception as error:  # OSError, TimeoutError, a protocol error from a server that is not Dask
            self.__exit__()
            what = (
                f"cannot reach the Dask scheduler {self.address!r} within {CONNECT_SECONDS} s"
                if self.address
                else "cannot start a local Dask cluster"
            )
            raise SweepError(f"{what}: {type(error).__name__}: {str(error)[:200]}") from None
        return self.client

    def __exit__(self, *exc: Any) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
