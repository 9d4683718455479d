"""The sweep's results table on disk: Parquet, written atomically, read back to resume."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import StemhulpError
from ..formats.atomic import write_atomic
from .grid import Task
from .tasks import columns


def _arrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StemhulpError("sweep results are Parquet files: pip install 'stemhulp[dask]'") from None
    return pa, pq


def _schema(pa: Any, compare: Sequence[str]) -> Any:
    """Fixed column types, so every sweep over the same grid writes the same bytes."""
    text = {"task", "quiz", "quiz_title", "method", "missing", "model", "party", "party_name"}
    whole = {"seed", "respondents", "task_seed", "parties", "scored", "without_score"}
    fields = []
    for name in columns(tuple(compare)):
        kind = pa.string() if name in text else pa.int64() if name in whole else pa.float64()
        fields.append(pa.field(name, kind))
    return pa.schema(fields)


def write_rows(
    path: str | os.PathLike[str],
    rows: Sequence[Mapping[str, Any]],
    compare: Sequence[str],
    provenance: Mapping[str, Any] | None = None,
) -> None:
    """Write the rows as one Parquet table, atomically (a reader never sees half a file); the
    provenance goes into the schema metadata under `stemhulp.provenance`, as canonical JSON."""
    from ..formats.provenance import PARQUET_KEY, canonical_json

    pa, pq = _arrow()
    schema = _schema(pa, compare)
    if provenance is not None:
        schema = schema.with_metadata({PARQUET_KEY: canonical_json(dict(provenance))})
    table = pa.Table.from_pylist([dict(row) for row in rows], schema=schema)
    write_atomic(path, lambda stream: pq.write_table(table, stream, compression="zstd"))


def read_rows(path: str | os.PathLike[str], tasks: Sequence[Task]) -> list[dict[str, Any]]:
    """Rows of an earlier run of the same grid, to resume it; rows of tasks the grid lacks are refused."""
    pa, pq = _arrow()
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid) as error:
        raise StemhulpError(f"{path}: cannot resume from it, not a readable Parquet file ({error})") from None
    expected = columns(tasks[0].compare) if tasks else ()
    if tuple(table.column_names) != tuple(expected):
        raise StemhulpError(
            f"{path}: cannot resume from it: its columns are not those of this grid "
            "(another grid's results? choose another --out)"
        )
    rows = table.to_pylist()
    keys = {task.key for task in tasks}
    strangers = sorted({row["task"] for row in rows} - keys)
    if strangers:
        raise StemhulpError(
            f"{path}: cannot resume from it: it holds tasks this grid does not have, for example {strangers[0]!r}"
        )
    return rows
