"""The kinds of research plot: one table, from which `stemhulp plot`'s choices and help come.

numpy-free, so the command line can list them at start-up; `plots.draw` draws any of them.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class PlotKind:
    """One kind of plot: drawn from a simulation report (`simulation`) or from the quiz alone."""

    name: str
    summary: str
    function: str  # the function of `stemhulp.plots.figures` that draws it
    simulation: bool  # True: drawn from a simulation (run now, or a saved `simulate --json` document)
    all_methods: bool = False  # with no --methods, compare every method the scale allows


PLOT_KINDS: tuple[PlotKind, ...] = (
    PlotKind("top-share", "top advice per party under a simulation", "plot_top_share", simulation=True),
    PlotKind(
        "agreement",
        "how often methods agree on the top party",
        "plot_method_agreement",
        simulation=True,
        all_methods=True,
    ),
    PlotKind("parties", "stance agreement between parties", "plot_party_agreement", simulation=False),
    PlotKind("distances", "each party's stances scored against every party", "plot_party_distances", simulation=False),
    PlotKind("landscape", "parties (and your answers) on the quiz's axes", "plot_landscape", simulation=False),
)
PLOT_KIND_BY_NAME = {kind.name: kind for kind in PLOT_KINDS}


def plot_kind_names() -> list[str]:
    return [kind.name for kind in PLOT_KINDS]
