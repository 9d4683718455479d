"""Study sweeps: a grid of quizzes × methods × policies × respondent models × seeds, run on Dask.

    from stemhulp import sweep
    result = sweep("grid.yaml", "results.parquet")          # a LocalCluster sized to the machine
    result = sweep(grid, scheduler="tcp://10.0.0.5:8786")   # an existing Dask cluster
    result.to_frame()                                       # one row per task × party

`grid` parses and expands the grid, `tasks` runs one simulation and makes its rows, `run` hands
the tasks to Dask and gathers them, `table` reads and writes the Parquet results.
"""

from __future__ import annotations

from ..errors import GridError, SweepError
from .grid import Grid, ModelSpec, QuizRef, Task, derive_seed, load_grid, parse_grid
from .run import INLINE, SweepResult, sweep

__all__ = [
    "INLINE",
    "Grid",
    "GridError",
    "ModelSpec",
    "QuizRef",
    "SweepError",
    "SweepResult",
    "Task",
    "derive_seed",
    "load_grid",
    "parse_grid",
    "sweep",
]
