"""The one version of stemhulp: the package metadata (hatchling) and `stemhulp --version` read it here."""

__version__ = "0.1.0"
