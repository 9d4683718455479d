"""The modules of 0.2 that moved in 0.3's layout: their old import paths keep working for one release.

`import stemhulp.api` (or `from stemhulp import engine`) gives the module at its new place, the same
object, with a DeprecationWarning naming the new path. One table; nothing else to keep in step.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from types import ModuleType

MOVED = {
    "model": "quiz.model",
    "cells": "quiz.cells",
    "scale": "quiz.scale",
    "answers": "formats.answers",
    "profiles": "quiz.profiles",
    "loading": "formats.loading",
    "reading": "formats.reading",
    "native": "formats.native",
    "exchange": "formats.exchange",
    "safeyaml": "formats.safeyaml",
    "atomic": "formats.atomic",
    "savefile": "formats.savefile",
    "autosave": "formats.autosave",
    "jsonschemas": "formats.jsonschemas",
    "build": "formats.build",
    "where": "formats.where",
    "evidence": "formats.evidence",
    "outputs": "formats.outputs",
    "numbers": "formats.numbers",
    "importers": "formats.importers",
    "methods": "matching.methods",
    "engine": "matching.engine",
    "coverage": "matching.coverage",
    "arguments": "matching.arguments",
    "results": "matching.results",
    "stability": "matching.stability",
    "api": "matching.facade",
    "matcher": "matching.matcher",
    "unranked": "matching.unranked",
    "quality": "analysis.quality",
    "thresholds": "quiz.thresholds",
    "axes": "analysis.axes",
    "distances": "analysis.distances",
    "quizstats": "quiz.stats",
    "voternotes": "analysis.voternotes",
    "provenance": "formats.provenance",
    "respondents": "simulate.respondents",
    "dialogue": "dialogue.flow",
    "notes": "dialogue.notes",
    "session": "dialogue.session",
    "report": "dialogue.documents",
    "i18n": "texts.i18n",
    "inert": "texts.inert",
    "console": "texts.console",
    "wordfields": "texts.wordfields",
    "docs": "cli.doctables",
    "plots": "plots.figures",
    "plot_kinds": "plots.kinds",
    "plot_text": "plots.text",
}
"""Old module name under `stemhulp.` -> its new name under `stemhulp.`."""

MOVED_NAMES = {
    "simulate.print_summary": "cli.simulation_summary.print_summary",  # printing left the compute layer
}
"""Names (not modules) that moved: old `stemhulp.` path -> new one, resolved by name (no import arrow)."""

OLD_PACKAGES = frozenset({"importers"})  # old packages: their modules moved with them
NOW_PACKAGES = frozenset({"dialogue", "plots"})  # old modules whose name is now a package (see `forward`)


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old module name and loads it as the module at its new place."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        new = _new_name(fullname)
        if new is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=False)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        new = _new_name(spec.name)
        assert new is not None
        warnings.warn(
            f"{spec.name} moved to {new}; the old path works until the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(new)

    def exec_module(self, module: ModuleType) -> None:
        # The import system set the old name's spec on the module: give it back its own.
        module.__spec__ = importlib.machinery.PathFinder.find_spec(module.__name__, _parent_path(module.__name__))


def _new_name(fullname: str) -> str | None:
    prefix = "stemhulp."
    if not fullname.startswith(prefix):
        return None
    rest = fullname[len(prefix) :]
    if rest in MOVED and rest not in NOW_PACKAGES:
        return prefix + MOVED[rest]
    old_package, _, module = rest.partition(".")
    if module and old_package in OLD_PACKAGES:
        return f"{prefix}{MOVED[old_package]}.{module}"
    return None


def forward(package: str, name: str) -> object:
    """An attribute of a package whose name an old module had (`stemhulp.dialogue`, `stemhulp.plots`):
    the old module's name, now in the package's module that took its place, with a DeprecationWarning."""
    old = package.removeprefix("stemhulp.")
    if old not in NOW_PACKAGES:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    new = f"stemhulp.{MOVED[old]}"
    module = importlib.import_module(new)
    if name.startswith("__") or not hasattr(module, name):
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    warnings.warn(
        f"{package}.{name} moved to {new}.{name}; the old path works until the next release",
        DeprecationWarning,
        stacklevel=3,
    )
    return getattr(module, name)


def _parent_path(name: str) -> list[str] | None:
    parent = sys.modules.get(name.rpartition(".")[0])
    return list(getattr(parent, "__path__", [])) or None


def install_moved_modules() -> None:
    """Put the finder of old names on `sys.meta_path` once."""
    if not any(isinstance(finder, _Alias) for finder in sys.meta_path):
        sys.meta_path.append(_Alias())


def moved_name(package: str, name: str) -> object:
    """A name `package` held in 0.2 and that now lives elsewhere (`MOVED_NAMES`), with a DeprecationWarning."""
    old = f"{package.removeprefix('stemhulp.')}.{name}"
    if old not in MOVED_NAMES:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    new = f"stemhulp.{MOVED_NAMES[old]}"
    module, _, attribute = new.rpartition(".")
    warnings.warn(
        f"{package}.{name} moved to {new}; the old path works until the next release", DeprecationWarning, stacklevel=3
    )
    return getattr(importlib.import_module(module), attribute)
