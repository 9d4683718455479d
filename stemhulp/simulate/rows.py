"""Per-respondent rows of a simulation (`simulate --out`): which columns, and writing them.

Columns come in groups (`--columns`), so that a 10 M run writes only what a study needs:

- `top`: `top` (party ids of the main method's top set, joined by "|") and `ties` (its size);
- `scores`: `score_<party>`, the main method's scores (empty / null where not comparable);
- `margin`: `margin`, best minus second-best main-method score (empty / null with fewer than
  two scored parties);
- `model`: `origin` (party model), `answer_set` (empirical) or `theta_<axis>` (spatial);
- `answers`: `answer_<statement>`, the coded answer (option index 0 … k-1, -1 = skipped);
- `important`: `important_<statement>`, 1 when the answer was marked important (counts double);
- `compared`: the selected `top`, `scores` and `margin` columns again for every other method of
  `methods`, prefixed with the method name and two underscores (`stemwijzer__top`, …).

The default (`top,scores,model`) is the row layout of earlier versions. Every file says where it
came from (`stemhulp.formats.provenance`): a CSV file starts with `# ` comment lines (version, quiz and its
fingerprint, seed, settings; pandas: `read_csv(path, comment="#")`), a Parquet file carries the same
as JSON in its schema metadata under `stemhulp.provenance`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import IO, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from ..errors import SimulationError
from ..formats.provenance import PARQUET_KEY, canonical_json, provenance_lines
from .diagnostics import MICRO
from .respondents import get_model

COLUMN_GROUPS = ("top", "scores", "margin", "model", "answers", "important", "compared")
DEFAULT_COLUMNS = ("top", "scores", "model")


def parse_columns(columns: str | Sequence[str] | None) -> tuple[str, ...]:
    """The selected groups in their fixed order; `None` is the default set."""
    if columns is None:
        return DEFAULT_COLUMNS
    names = [c.strip() for c in (columns.split(",") if isinstance(columns, str) else columns)]
    names = [c for c in names if c]
    unknown = [c for c in names if c not in COLUMN_GROUPS]
    if unknown or not names:
        raise SimulationError(
            f"columns: unknown group(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"choose from {', '.join(COLUMN_GROUPS)}"
        )
    return tuple(g for g in COLUMN_GROUPS if g in names)


@attrs.frozen
class RowLayout:
    """The column names and kinds of a row file, from the quiz facts and the selected groups."""

    groups: tuple[str, ...]
    parties: tuple[str, ...]
    statements: tuple[str, ...]
    methods: tuple[str, ...]  # main method first; the others get prefixed columns
    model: str
    axes: tuple[str, ...] = ()
    provenance: Mapping[str, Any] | None = attrs.field(default=None, eq=False)  # see `stemhulp.formats.provenance`

    @property
    def row_methods(self) -> tuple[str, ...]:
        return self.methods if "compared" in self.groups else self.methods[:1]

    def columns(self) -> list[tuple[str, str]]:
        """(name, kind) for every column; kinds: int, str, ties, score, bool."""
        out: list[tuple[str, str]] = [("respondent", "int")]
        for m, method in enumerate(self.row_methods):
            prefix = "" if m == 0 else f"{method}__"
            if "top" in self.groups:
                out += [(f"{prefix}top", "str"), (f"{prefix}ties", "ties")]
            if "scores" in self.groups:
                out += [(f"{prefix}score_{p}", "score") for p in self.parties]
            if "margin" in self.groups:
                out.append((f"{prefix}margin", "score"))
            if m == 0 and "model" in self.groups and (record := get_model(self.model).record):
                out += record.columns(self.axes)
            if m == 0 and "answers" in self.groups:
                out += [(f"answer_{s}", "code") for s in self.statements]
            if m == 0 and "important" in self.groups:
                out += [(f"important_{s}", "bool") for s in self.statements]
        return out


def chunk_columns(
    layout: RowLayout,
    respondents: NDArray[np.int64],
    draw: Any,
    lo: int,
    hi: int,
    codes: NDArray[np.int8],
    important: NDArray[np.bool_] | None,
    tops: Sequence[NDArray[np.bool_]],
    scores: Sequence[NDArray[np.float64]],
) -> list[Any]:
    """One chunk's column arrays in `layout.columns()` order (scores as micro-points, masked)."""
    arrays: list[Any] = [respondents]
    for m, _ in enumerate(layout.row_methods):
        valid = ~np.isnan(scores[m])
        micro = np.rint(np.where(valid, scores[m], 0.0) * MICRO).astype(np.int64)
        if "top" in layout.groups:
            arrays += [_top_labels(tops[m], layout.parties), tops[m].sum(axis=1).astype(np.int16)]
        if "scores" in layout.groups:
            arrays += [(micro[:, i], valid[:, i]) for i in range(micro.shape[1])]
        if "margin" in layout.groups:
            arrays.append(_margin(micro, valid))
        if m == 0 and "model" in layout.groups:
            arrays += _record_columns(layout, draw, lo, hi)
        if m == 0 and "answers" in layout.groups:
            arrays += [codes[:, s] for s in range(codes.shape[1])]
        if m == 0 and "important" in layout.groups:
            flags = np.zeros(codes.shape, dtype=bool) if important is None else important
            arrays += [flags[:, s] for s in range(codes.shape[1])]
    return arrays


def _record_columns(layout: RowLayout, draw: Any, lo: int, hi: int) -> list[Any]:
    """The model's own columns of one chunk (see `respondents.RowRecord`)."""
    record = get_model(layout.model).record
    values = None if record is None else getattr(draw, record.field)
    if record is None or values is None:
        return []
    values = values[lo:hi]
    if record.parties:
        values = np.asarray(layout.parties, dtype=object)[values]
    return [values[:, i] for i in range(values.shape[1])] if values.ndim == 2 else [values]


def _margin(micro: NDArray[np.int64], valid: NDArray[np.bool_]) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Best minus second-best score in micro-points, and where it is defined (two scored parties)."""
    if micro.shape[1] < 2:
        return np.zeros(micro.shape[0], dtype=np.int64), np.zeros(micro.shape[0], dtype=bool)
    ordered = np.sort(np.where(valid, micro, np.iinfo(np.int64).min), axis=1)
    defined = valid.sum(axis=1) >= 2
    return np.where(defined, ordered[:, -1] - ordered[:, -2], 0), defined


def _top_labels(top: NDArray[np.bool_], parties: Sequence[str]) -> NDArray[Any]:
    patterns, inverse = np.unique(top, axis=0, return_inverse=True)
    labels = ["|".join(p for p, flag in zip(parties, pattern, strict=True) if flag) for pattern in patterns]
    return np.asarray(labels, dtype=object)[np.asarray(inverse).ravel()]


class RowWriter:
    """Streams per-respondent rows to CSV, or to Parquet when the name ends in .parquet."""

    def __init__(self, stream: IO[bytes], name: str, layout: RowLayout) -> None:
        self.layout = layout
        self.kinds = layout.columns()
        self.columns = [name for name, _ in self.kinds]
        self.parquet = name.lower().endswith(".parquet")
        if self.parquet:
            pa, pq = _pyarrow()
            self._pa = pa
            self._writer = pq.ParquetWriter(stream, self._schema())
        else:
            self._text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=False)
            if layout.provenance is not None:
                self._text.write("".join(line + "\n" for line in provenance_lines(dict(layout.provenance))))
            self._text.write(",".join(self.columns) + "\n")

    def _schema(self) -> Any:
        pa = self._pa
        types = {
            "int": pa.int64(),
            "str": pa.string(),
            "ties": pa.int16(),
            "score": pa.float64(),
            "float": pa.float64(),
            "code": pa.int8(),
            "bool": pa.bool_(),
        }
        schema = pa.schema([pa.field(name, types[kind]) for name, kind in self.kinds])
        if self.layout.provenance is None:
            return schema
        return schema.with_metadata({PARQUET_KEY: canonical_json(dict(self.layout.provenance))})

    def write(self, chunks: list[list[Any]]) -> None:
        for chunk in chunks:
            (self._write_parquet if self.parquet else self._write_csv)(chunk)

    def _write_csv(self, chunk: list[Any]) -> None:
        columns: list[Any] = []
        for (_, kind), array in zip(self.kinds, chunk, strict=True):
            if kind == "score":
                micro, valid = array
                text = np.char.mod("%.6f", micro / MICRO).astype(object)
                text[~valid] = ""
                columns.append(text)
            elif kind == "float":
                columns.append(np.char.mod("%.6f", array))
            elif kind == "bool":
                columns.append(np.where(array, "1", "0"))
            else:
                columns.append(np.asarray(array).astype(str))
        self._text.write("".join(",".join(row) + "\n" for row in zip(*columns, strict=True)))

    def _write_parquet(self, chunk: list[Any]) -> None:
        pa = self._pa
        arrays = []
        for (_, kind), array in zip(self.kinds, chunk, strict=True):
            if kind == "score":
                micro, valid = array
                arrays.append(pa.array(micro / MICRO, mask=~valid))
            elif kind == "str":
                arrays.append(pa.array(array.tolist()))
            elif kind == "ties":
                arrays.append(pa.array(array.astype(np.int16)))
            else:
                arrays.append(pa.array(array))
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._writer.schema))

    def close(self) -> None:
        if self.parquet:
            self._writer.close()
        else:
            self._text.flush()
            self._text.detach()


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SimulationError(
            "writing Parquet needs pyarrow; install with: pip install 'stemhulp[parquet]' "
            "(or write CSV: a file name not ending in .parquet)"
        ) from None
    return pa, pq
