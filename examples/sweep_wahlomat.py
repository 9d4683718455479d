"""A sweep on Dask: does the first advice depend on the matching method, in real elections?

    python examples/sweep_wahlomat.py [GRID] [--scheduler tcp://HOST:PORT | inline]

Runs examples/sweep_wahlomat.yaml (four Wahl-O-Mat elections × the Wahl-O-Mat's own method,
compared with euclidean and directional matching × random and party-like respondents × three
seeds) on a local Dask cluster, and prints, per election and respondent model, the share of
respondents whose top advice stays the same when the method changes, with a 95% interval
across seeds. The results table is deterministic: the same on every run and every cluster.
"""

from __future__ import annotations

import sys
from pathlib import Path

from stemhulp.sweeps import sweep
from stemhulp.sweeps.summary import summarise

GRID = Path(__file__).with_name("sweep_wahlomat.yaml")


def main(grid: Path = GRID, scheduler: str | None = None) -> None:
    result = sweep(grid, scheduler=scheduler, workers=2)
    summary = summarise(result.rows, ("euclidean", "directional"))
    print(f"{result.tasks} simulations, {len(result.rows)} rows (one per simulation × party)")
    print("share of respondents whose first advice is the same as under the Wahl-O-Mat's method")
    for line in summary:
        election = Path(line["quiz"]).name
        cells = []
        for other in ("euclidean", "directional"):
            estimate = line[f"same_top_{other}"]
            low, high = estimate["interval"]
            cells.append(f"{other} {estimate['mean']:.1%} [{low:.1%}, {high:.1%}]")
        print(f"  {election:<26} {line['model']:<15} " + "   ".join(cells))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    scheduler = None
    if "--scheduler" in arguments:
        at = arguments.index("--scheduler")
        scheduler = arguments[at + 1]
        del arguments[at : at + 2]
    main(Path(arguments[0]) if arguments else GRID, scheduler)
