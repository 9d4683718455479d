"""The simulation's default sizes, numpy-free: the library's functions and the command line's
options both read them here, so a default is written once and `--help` stays fast."""

from __future__ import annotations

RESPONDENTS = 10_000  # respondents `stemhulp simulate` draws when not told (the library asks for a number)
TAU_SAMPLE = 100_000  # respondents in the Kendall's tau sample of the method comparison
INFLUENCE_SAMPLE = 2_000  # respondents in the statement-influence diagnostic
SUBSETS = 200  # random subsets drawn per size in a statement-selection study
SUBSET_RESPONDENTS = 20_000  # respondents of a statement-selection study
PLOT_RESPONDENTS = 100_000  # respondents simulated for a research plot drawn from a quiz
