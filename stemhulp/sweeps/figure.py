"""The sweep summary as a figure: the most favoured party's bias ratio per configuration."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..errors import StemhulpError
from ..formats.atomic import write_atomic
from ..formats.provenance import png_metadata


def plot_summary(
    summary: list[dict[str, Any]], out: str | os.PathLike[str], origin: Mapping[str, Any] | None = None
) -> Any:
    """Horizontal bars with intervals across seeds, one per configuration; returns the Figure. The
    PNG carries `origin` (the sweep's provenance) in its text chunks."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise StemhulpError("plots need matplotlib: pip install 'stemhulp[plot]'") from None
    lines = [line for line in summary if line["max_bias_ratio"] is not None]
    labels = [f"{line['quiz']} · {line['method']} · {line['missing']} · {line['model']}" for line in lines]
    means = [line["max_bias_ratio"]["mean"] for line in lines]
    errors = [
        [m - (line["max_bias_ratio"]["interval"] or [m, m])[0] for m, line in zip(means, lines, strict=True)],
        [(line["max_bias_ratio"]["interval"] or [m, m])[1] - m for m, line in zip(means, lines, strict=True)],
    ]
    figure, axes = plt.subplots(figsize=(8.27, max(2.5, 0.32 * len(lines) + 1.2)), layout="constrained")
    axes.barh(range(len(lines)), means, xerr=errors, color="#4c72b0", capsize=2)
    axes.axvline(1.0, color="#555555", linestyle="--", linewidth=1, label="fair (1)")
    axes.set_yticks(range(len(lines)), labels, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel("bias ratio of the most favoured party (mean over seeds, 95% interval)")
    axes.legend(loc="lower right", fontsize=8)
    write_atomic(out, lambda stream: figure.savefig(stream, format="png", dpi=150, metadata=png_metadata(origin)))
    plt.close(figure)
    return figure
