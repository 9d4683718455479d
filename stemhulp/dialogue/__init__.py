"""The one quiz dialogue shared by the terminal and the web, the notes under a result, result documents."""

from typing import Any


def __getattr__(name: str) -> Any:
    """0.2's `stemhulp.dialogue` was one module: its names still resolve here for one release."""
    from .._moved import forward

    return forward(__name__, name)
