"""`stemhulp serve`: the quiz in a browser and a JSON API, on Starlette (the optional `web` extra)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
