"""Analysis of a quiz and its results: quality checks, axes, party distances, provenance."""
