"""A quiz published as a static site that matches in the visitor's browser."""

from __future__ import annotations

from .site import publish

__all__ = ["publish"]
