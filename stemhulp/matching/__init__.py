"""Matching: the method table, the vectorised engine, ranking with the coverage rule, results, stability."""
