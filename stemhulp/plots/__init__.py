"""Research plots (the optional `plot` extra); this package's top is numpy-free for fast start-up."""

from typing import Any


def __getattr__(name: str) -> Any:
    """0.2's `stemhulp.plots` was one module: its names still resolve here for one release."""
    from .._moved import forward

    return forward(__name__, name)
